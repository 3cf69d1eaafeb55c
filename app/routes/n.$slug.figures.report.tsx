import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Checkbox, Heading, Link, Paragraph, Spinner, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useRef } from "react";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { SuccessMessage } from "~/components/ui/success-message";
import { isMessageKey, LANGUAGE_TAGS, type Translate } from "~/i18n";
import { useI18n } from "~/i18n/use-t";
import { readFigureFileInWorker } from "~/models/figure-file-worker.server";
import { MAX_UPLOAD_BYTES } from "~/models/figure-files.server";
import {
  checkRows,
  confirmUpload,
  getLock,
  listMetrics,
  listOwnDrafts,
  publishFigures,
  saveFigure,
  stageUpload,
  type UploadRow,
} from "~/models/figures.server";
import { requireMember } from "~/web/access.server";
import { FigureEntrySchema, PublishSchema } from "~/web/figure-forms";
import { formatPeriod, type Cadence } from "~/utils/figures";
import { parseForm } from "~/web/forms.server";
import { idParam, runModel } from "~/web/http.server";
import { rateLimitAnswer, retryAfterHeaders } from "~/utils/rate-limit.server";
import { pageTitle } from "~/web/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "figures.report");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "figures.report");
  const metrics = listMetrics({ actor }).filter((m) => m.canReport);
  return { slug: actor.networkSlug, metrics, drafts: listOwnDrafts({ actor }), lock: getLock({ actor }) };
}

export interface PreviewRow extends Omit<UploadRow, "errors"> {
  errors: string[];
  cadence: Cadence | null;
}

type ActionResult =
  | { intent: "save"; ok: true; message: string }
  | { intent: "save"; ok: false; errors: Record<string, string>; values: Record<string, string> }
  | { intent: "check"; ok: false; fileError: string }
  | { intent: "check"; ok: true; fileName: string; rows: PreviewRow[]; errorCount: number; uploadId: number | null }
  | { intent: "confirm" | "publish"; ok: true; message: string }
  | { intent: "confirm" | "publish"; ok: false; errors: Record<string, string> };

const translateRow = (t: Translate, row: UploadRow, cadence: Cadence | null): PreviewRow => ({
  ...row,
  cadence,
  errors: row.errors.map((e) => (isMessageKey(e.key) ? t(e.key, e.params) : t("validation.invalid"))),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "figures.report");
  const type = request.headers.get("content-type") ?? "";

  if (type.startsWith("multipart/form-data")) {
    // A file far over the limit is refused from its declared length, before reading any of it.
    const limited = rateLimitAnswer("uploads", actor.userId, t, (fileError): ActionResult => ({ intent: "check", ok: false, fileError }));
    if (limited) return limited;
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_UPLOAD_BYTES + 64 * 1024)
      return data<ActionResult>({ intent: "check", ok: false, fileError: t("figures.fileTooLarge") }, { status: 413 });
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
    } catch (error) {
      const tooLarge = error instanceof MaxPartSizeExceededError;
      return data<ActionResult>(
        { intent: "check", ok: false, fileError: t(tooLarge ? "figures.fileTooLarge" : "figures.fileMissing") },
        { status: tooLarge ? 413 : 400 },
      );
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data<ActionResult>({ intent: "check", ok: false, fileError: t("figures.fileMissing") }, { status: 400 });
    const read = await readFigureFileInWorker(actor.userId, file.name, new Uint8Array(await file.arrayBuffer()));
    if (!read.ok && "busy" in read) {
      const fileError = read.busy === "own" ? t("figures.fileBusyOwn") : t("figures.fileBusyAll", { seconds: read.retryAfterSeconds });
      return data<ActionResult>(
        { intent: "check", ok: false, fileError },
        { status: 429, headers: { "Retry-After": String(read.retryAfterSeconds) } },
      );
    }
    if (!read.ok)
      return data<ActionResult>(
        { intent: "check", ok: false, fileError: t(read.error) },
        { status: read.error === "figures.fileTooLarge" || read.error === "figures.fileUnpacksTooLarge" ? 413 : 400 },
      );
    const checked = checkRows({ actor, header: read.header, rows: read.rows });
    if (!checked.ok)
      return data<ActionResult>(
        { intent: "check", ok: false, fileError: t("figures.fileColumns", { missing: checked.missing.join(", ") }) },
        { status: 400 },
      );
    const cadences = new Map(listMetrics({ actor }).map((m) => [m.id, m.cadence]));
    const rows = checked.rows.map((r) => translateRow(t, r, r.metricId ? (cadences.get(r.metricId) ?? null) : null));
    const errorCount = rows.filter((r) => r.errors.length).length;
    const uploadId = errorCount === 0 ? stageUpload({ actor, fileName: file.name, rows: checked.rows }) : null;
    return data<ActionResult>(
      { intent: "check", ok: true, fileName: file.name, rows, errorCount, uploadId },
      { status: errorCount ? 400 : 200 },
    );
  }

  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "save") {
    const values = {
      metricId: String(form.get("metricId") ?? ""),
      period: String(form.get("period") ?? ""),
      value: String(form.get("value") ?? ""),
      comment: String(form.get("comment") ?? ""),
    };
    const parsed = parseForm(FigureEntrySchema, form, t);
    if (!parsed.ok) return data<ActionResult>({ intent: "save", ok: false, errors: parsed.errors, values }, { status: 400 });
    const result = await runModel(t, () => saveFigure({ actor, entry: parsed.data }));
    if (!result.ok) return data<ActionResult>({ intent: "save", ok: false, errors: result.errors, values }, { status: 400 });
    return data<ActionResult>({
      intent: "save",
      ok: true,
      message: t(result.value.corrected ? "figures.corrected" : "figures.savedDraft"),
    });
  }
  if (intent === "confirm") {
    const uploadId = idParam(String(form.get("uploadId") ?? ""));
    const result = await runModel(t, () => confirmUpload({ actor, uploadId }));
    if (!result.ok) return data<ActionResult>({ intent: "confirm", ok: false, errors: result.errors }, { status: 400 });
    return data<ActionResult>({ intent: "confirm", ok: true, message: t("figures.uploadSaved", { count: result.value }) });
  }
  if (intent === "publish") {
    const parsed = parseForm(PublishSchema, form, t);
    if (!parsed.ok) return data<ActionResult>({ intent: "publish", ok: false, errors: parsed.errors }, { status: 400 });
    const result = await runModel(t, () => publishFigures({ actor, figureIds: parsed.data.figureId }));
    if (!result.ok) return data<ActionResult>({ intent: "publish", ok: false, errors: result.errors }, { status: 400 });
    return data<ActionResult>({ intent: "publish", ok: true, message: t("figures.published", { count: result.value }) });
  }
  throw data(null, { status: 400 });
}

export default function ReportFigures() {
  const { t, locale, dateTime } = useI18n();
  const { slug, metrics, drafts, lock } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const upload = useFetcher<typeof action>();
  const confirm = useFetcher<typeof action>();
  const number = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 1 });
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const save = actionData?.intent === "save" ? actionData : null;
  const publish = actionData?.intent === "publish" ? actionData : null;
  // Without JavaScript the upload form posts as a plain form, and its answer arrives as action data.
  const preview = upload.data?.intent === "check" ? upload.data : actionData?.intent === "check" ? actionData : null;
  const confirmed = confirm.data?.intent === "confirm" ? confirm.data : null;
  const checking = upload.state !== "idle";
  const entryForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (save?.ok) entryForm.current?.reset();
  }, [save]);

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
        <SuccessMessage message={save?.ok ? save.message : null} />
        <Form method="post" className="form" noValidate ref={entryForm}>
          <input type="hidden" name="intent" value="save" />
          <FormErrors errors={save && !save.ok ? save.errors : undefined} />
          <SelectField
            id="metricId"
            name="metricId"
            label={t("figures.metric")}
            defaultValue={save && !save.ok ? save.values.metricId : metrics[0].id}
            options={metrics.map((m) => ({ value: m.id, label: `${m.name} (${t(`figures.cadence.${m.cadence}`)})` }))}
            error={save && !save.ok ? save.errors.metricId : undefined}
          />
          <Textfield
            id="period"
            name="period"
            label={t("figures.period")}
            description={t("figures.periodHelp")}
            defaultValue={save && !save.ok ? save.values.period : ""}
            error={save && !save.ok ? save.errors.period : undefined}
            maxLength={30}
            autoComplete="off"
          />
          <Textfield
            id="value"
            name="value"
            label={t("figures.value")}
            inputMode="decimal"
            defaultValue={save && !save.ok ? save.values.value : ""}
            error={save && !save.ok ? save.errors.value : undefined}
            maxLength={30}
            autoComplete="off"
          />
          <Textfield
            id="comment"
            name="comment"
            label={t("figures.comment")}
            description={t("figures.commentHelp")}
            defaultValue={save && !save.ok ? save.values.comment : ""}
            error={save && !save.ok ? save.errors.comment : undefined}
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
            error={preview && !preview.ok ? preview.fileError : undefined}
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
        {preview && preview.ok ? (
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
                                {e}
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
            {preview.uploadId && !confirmed?.ok ? (
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
        {confirmed ? confirmed.ok ? <SuccessMessage message={confirmed.message} /> : <FormErrors errors={confirmed.errors} /> : null}
      </section>

      <section aria-labelledby="drafts" className="stack-sm">
        <Heading level={2} data-size="sm" id="drafts">
          {t("figures.drafts")}
        </Heading>
        <SuccessMessage message={publish?.ok ? publish.message : null} />
        <FormErrors errors={publish && !publish.ok ? publish.errors : undefined} fieldIds={{ figureId: "drafts-table" }} />
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
