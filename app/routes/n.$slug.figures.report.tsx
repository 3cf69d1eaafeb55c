import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Checkbox, Heading, Link, Paragraph, Spinner, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { SuccessMessage } from "~/components/ui/success-message";
import { LANGUAGE_TAGS, type Translate } from "~/i18n";
import { useI18n } from "~/i18n/use-t";
import { readFigureFileInWorker } from "~/models/figure-file-worker.server";
import { MAX_UPLOAD_BYTES, type FileErrorKey } from "~/models/figure-files.server";
import {
  checkUpload,
  confirmUpload,
  getLock,
  listMetrics,
  listOwnDrafts,
  publishFigures,
  saveFigure,
  type CheckedUpload,
} from "~/models/figures.server";
import type { Actor } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, readUpload, refused, succeeded } from "~/web/actions.server";
import { errorsOf, messageOf, type Answer } from "~/web/answer";
import { FigureEntrySchema, PublishSchema } from "~/web/figure-forms";
import { formatPeriod } from "~/utils/figures";
import { formToObject, parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { idField } from "~/web/validation";
import { rateLimitAnswer, retryAfterHeaders } from "~/utils/rate-limit.server";
import { pageTitle } from "~/web/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "figures.report");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "figures.report");
  const metrics = listMetrics({ actor }).filter((m) => m.canReport);
  return { slug: actor.networkSlug, metrics, drafts: listOwnDrafts({ actor }), lock: getLock({ actor }) };
}

const ActionSchema = z.discriminatedUnion("intent", [
  FigureEntrySchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("confirm"), uploadId: idField() }),
  PublishSchema.extend({ intent: z.literal("publish") }),
]);

/** A figure saved as a draft, a file checked (a file upload) and confirmed, or drafts published. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "figures.report");
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return checkFile(request, actor, t);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent, values: formToObject(form) });
  const input = parsed.data;
  if (input.intent === "save")
    return answer(t, () => saveFigure({ actor, entry: input }), {
      intent,
      values: formToObject(form),
      message: ({ corrected }) => t(corrected ? "figures.corrected" : "figures.savedDraft"),
    });
  if (input.intent === "confirm")
    return answer(t, () => confirmUpload({ actor, uploadId: input.uploadId }), {
      intent,
      message: (count) => t("figures.uploadSaved", { count }),
    });
  return answer(t, () => publishFigures({ actor, figureIds: input.figureId }), {
    intent,
    message: (count) => t("figures.published", { count }),
  });
}

const TOO_LARGE: FileErrorKey[] = ["figures.fileTooLarge", "figures.fileUnpacksTooLarge"];

/**
 * The file is refused from its declared length before any of it is read, read in a worker thread
 * (one at a time per person, a few at once in all: 429 with Retry-After when busy), and its rows
 * checked: the answer's value is the preview, with what is wrong in each row.
 */
async function checkFile(request: Request, actor: Actor, t: Translate) {
  const intent = "check";
  const limited = rateLimitAnswer("uploads", actor.userId, t, (file): Answer => ({ ok: false, intent, message: null, errors: { file } }));
  if (limited) return limited;
  const upload = await readUpload(request, MAX_UPLOAD_BYTES);
  if (!upload.ok)
    return upload.reason === "tooLarge"
      ? refused({ file: t("figures.fileTooLarge") }, { intent, status: 413 })
      : refused({ file: t("figures.fileMissing") }, { intent });
  const { file } = upload;
  const read = await readFigureFileInWorker(actor.userId, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!read.ok && "busy" in read) {
    const message = read.busy === "own" ? t("figures.fileBusyOwn") : t("figures.fileBusyAll", { seconds: read.retryAfterSeconds });
    return refused({ file: message }, { intent, status: 429, headers: { "Retry-After": String(read.retryAfterSeconds) } });
  }
  if (!read.ok) return refused({ file: t(read.error) }, { intent, status: TOO_LARGE.includes(read.error) ? 413 : 400 });
  const checked = await runModel(t, () => checkUpload({ actor, fileName: file.name, header: read.header, rows: read.rows }));
  if (!checked.ok) return refused(checked.errors, { intent, status: checked.status });
  // What is wrong is in the preview, by row; a clean file waits there for its reporter to confirm it.
  const preview = checked.value;
  return preview.errorCount ? refused({}, { intent, value: preview }) : succeeded(null, { intent, value: preview });
}

export default function ReportFigures() {
  const { t, locale, dateTime } = useI18n();
  const { slug, metrics, drafts, lock } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const upload = useFetcher<Answer<CheckedUpload>>();
  const confirm = useFetcher<Answer>();
  const number = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 1 });
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const saved = messageOf(actionData, "save");
  const saveErrors = errorsOf(actionData, "save");
  const typed = (field: string) => {
    const value = actionData?.intent === "save" && !actionData.ok ? actionData.values?.[field] : undefined;
    return typeof value === "string" ? value : undefined;
  };
  // Without JavaScript the upload form posts as a plain form, and its answer arrives as action data.
  const checked = upload.data ?? (actionData?.intent === "check" ? actionData : undefined);
  const checkedValue = checked?.value;
  const preview = typeof checkedValue === "object" && checkedValue !== null && "rows" in checkedValue ? checkedValue : null;
  const checking = upload.state !== "idle";
  const entryForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (messageOf(actionData, "save")) entryForm.current?.reset();
  }, [actionData]);

  if (metrics.length === 0) {
    return (
      <Page title={t("figures.report")}>
        <Alert data-color="info">{t("figures.noOwnMetrics")}</Alert>
      </Page>
    );
  }

  return (
    <Page title={t("figures.report")} lead={t("figures.reportIntro")}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/figures`}>{t("figures.back")}</RemixLink>
        </Link>
      </Paragraph>
      {lock ? <Alert data-color="info">{t("figures.lockedThrough", { date: lock })}</Alert> : null}

      <section aria-labelledby="one" className="stack-sm">
        <Heading level={2} data-size="sm" id="one">
          {t("figures.reportOne")}
        </Heading>
        <SuccessMessage message={saved} />
        <Form method="post" className="form" noValidate ref={entryForm}>
          <input type="hidden" name="intent" value="save" />
          <FormErrors errors={saveErrors} />
          <SelectField
            id="metricId"
            name="metricId"
            label={t("figures.metric")}
            defaultValue={typed("metricId") ?? metrics[0].id}
            options={metrics.map((m) => ({ value: m.id, label: `${m.name} (${t(`figures.cadence.${m.cadence}`)})` }))}
            error={saveErrors.metricId}
          />
          <Textfield
            id="period"
            name="period"
            label={t("figures.period")}
            description={t("figures.periodHelp")}
            defaultValue={typed("period") ?? ""}
            error={saveErrors.period}
            maxLength={30}
            autoComplete="off"
          />
          <Textfield
            id="value"
            name="value"
            label={t("figures.value")}
            inputMode="decimal"
            defaultValue={typed("value") ?? ""}
            error={saveErrors.value}
            maxLength={30}
            autoComplete="off"
          />
          <Textfield
            id="comment"
            name="comment"
            label={t("figures.comment")}
            description={t("figures.commentHelp")}
            defaultValue={typed("comment") ?? ""}
            error={saveErrors.comment}
            maxLength={500}
          />
          <div>
            <Button type="submit" loading={saving}>
              {t("figures.saveDraft")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="upload" className="stack-sm">
        <Heading level={2} data-size="sm" id="upload">
          {t("figures.upload")}
        </Heading>
        <Paragraph data-size="sm">{t("figures.uploadHelp")}</Paragraph>
        <upload.Form method="post" encType="multipart/form-data" className="form" aria-describedby="upload-progress">
          <Textfield
            id="file"
            name="file"
            type="file"
            label={t("figures.file")}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            error={errorsOf(checked).file}
          />
          <div className="row">
            <Button type="submit" variant="secondary" disabled={checking}>
              {t("figures.check")}
            </Button>
            <span id="upload-progress" role="status" aria-live="polite" className="row">
              {checking ? (
                <>
                  <Spinner aria-hidden="true" data-size="sm" /> {t("figures.checking")}
                </>
              ) : null}
            </span>
          </div>
        </upload.Form>
        {preview ? (
          <div className="stack-sm" data-testid="upload-preview">
            {preview.errorCount ? (
              <Alert data-color="danger" role="alert">
                {t("figures.previewErrors", { count: preview.errorCount, file: preview.fileName })}
              </Alert>
            ) : (
              <Alert data-color="success" role="status">
                {t("figures.previewClean", { count: preview.rows.length, file: preview.fileName })}
              </Alert>
            )}
            <div className="table-wrap">
              <Table data-size="sm" className="numbers-table">
                <caption>{t("figures.previewCaption", { file: preview.fileName })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("figures.line")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.metric")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.period")}</Table.HeaderCell>
                    <Table.HeaderCell className="num">{t("figures.value")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.comment")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.rowStatus")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {preview.rows.map((row) => (
                    <Table.Row key={row.line} data-invalid={row.errors.length ? "true" : undefined}>
                      <Table.Cell>{row.line}</Table.Cell>
                      <Table.Cell>{row.metric}</Table.Cell>
                      <Table.Cell>{row.period && row.cadence ? formatPeriod(row.period, row.cadence, locale) : "–"}</Table.Cell>
                      <Table.Cell className="num">{row.value === null ? "–" : number.format(row.value)}</Table.Cell>
                      <Table.Cell>{row.comment}</Table.Cell>
                      <Table.Cell>
                        {row.errors.length ? (
                          <ul className="row-errors">
                            {row.errors.map((e, i) => (
                              <li key={i}>
                                <span aria-hidden="true">✖ </span>
                                {t(e.key, e.params)}
                              </li>
                            ))}
                          </ul>
                        ) : row.replaces ? (
                          t(row.replaces.status === "published" ? "figures.replacesPublished" : "figures.replacesDraft", {
                            value: number.format(row.replaces.value),
                          })
                        ) : (
                          <span>
                            <span aria-hidden="true">✔ </span>
                            {t("figures.rowOk")}
                          </span>
                        )}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            {preview.uploadId && !confirm.data?.ok ? (
              <confirm.Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <input type="hidden" name="uploadId" value={preview.uploadId} />
                <Button type="submit" loading={confirm.state !== "idle"}>
                  {t("figures.confirmUpload", { count: preview.rows.length })}
                </Button>
              </confirm.Form>
            ) : null}
          </div>
        ) : null}
        <SuccessMessage message={messageOf(confirm.data)} />
        <FormErrors errors={errorsOf(confirm.data)} />
      </section>

      <section aria-labelledby="drafts" className="stack-sm">
        <Heading level={2} data-size="sm" id="drafts">
          {t("figures.drafts")}
        </Heading>
        <SuccessMessage message={messageOf(actionData, "publish")} />
        <FormErrors errors={errorsOf(actionData, "publish")} fieldIds={{ figureId: "drafts-table" }} />
        {drafts.length === 0 ? (
          <Paragraph>{t("figures.noDrafts")}</Paragraph>
        ) : (
          <Form method="post" className="stack-sm">
            <input type="hidden" name="intent" value="publish" />
            <Paragraph data-size="sm">{t("figures.draftsHelp")}</Paragraph>
            <div className="table-wrap">
              <Table data-size="sm" id="drafts-table" className="numbers-table">
                <caption className="visually-hidden">{t("figures.drafts")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("figures.publishChoose")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.metric")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.period")}</Table.HeaderCell>
                    <Table.HeaderCell className="num">{t("figures.value")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.comment")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("figures.updated")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {drafts.map((d) => (
                    <Table.Row key={d.id}>
                      <Table.Cell>
                        <Checkbox
                          name="figureId"
                          value={String(d.id)}
                          defaultChecked
                          aria-label={t("figures.publishOne", { metric: d.metric, period: formatPeriod(d.period, d.cadence, locale) })}
                        />
                      </Table.Cell>
                      <Table.Cell>{d.metric}</Table.Cell>
                      <Table.Cell>{formatPeriod(d.period, d.cadence, locale)}</Table.Cell>
                      <Table.Cell className="num">
                        {number.format(d.value)} {d.unit}
                      </Table.Cell>
                      <Table.Cell>{d.comment}</Table.Cell>
                      <Table.Cell>
                        <Tag data-color="warning">{t("figures.status.draft")}</Tag> {dateTime(d.updatedAt)}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <div>
              <Button type="submit" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "publish"}>
                {t("figures.publish")}
              </Button>
            </div>
          </Form>
        )}
      </section>
    </Page>
  );
}
