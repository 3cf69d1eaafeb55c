import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MeetingPicker } from "~/components/meetings/meeting-picker";
import { data } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Button, Details, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { MeasureFieldset } from "~/components/measures/measure-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import type { MessageKey, Translate } from "~/i18n";
import { listMeetingChoices } from "~/models/meetings.server";
import { getMeasure, listNeeds, MeasureConflictError, moveMeasure, updateMeasure, updateProgress } from "~/models/measures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { parseForm } from "~/web/forms.server";
import { idParam, runModel, throwHttpError } from "~/web/http.server";
import { MeasureFields } from "~/web/measure-forms";
import { MEASURE_STATUSES, PHASES } from "~/utils/measures";
import { msg, optionalText } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "measures.title", data?.measure.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "measures.view");
  const measureId = idParam(params.measureId);
  try {
    const { measure, history } = getMeasure({ actor, measureId });
    return {
      slug: actor.networkSlug,
      measure,
      history,
      canManage: can(actor.role, "measures.manage"),
      agencies: listNetworkAgencies({ actor }),
      needs: listNeeds({ actor }),
      meetings: listMeetingChoices({ actor }),
    };
  } catch (error) {
    throwHttpError(error);
  }
}

const meetingId = z
  .union([z.literal(""), z.coerce.number().int().positive()], { error: msg("measures.unknownMeeting") })
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));
const version = z.coerce.number().int().min(1);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("move"),
    phase: z.enum(PHASES, { error: msg("measures.unknownPhase") }),
    note: optionalText(300),
    meetingId,
    version,
  }),
  z.object({
    intent: z.literal("progress"),
    nextStep: optionalText(500),
    status: z.enum(MEASURE_STATUSES, { error: msg("validation.invalid") }),
    note: optionalText(300),
    meetingId,
    version,
  }),
  z.object({ intent: z.literal("edit"), ...MeasureFields, version }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.view");
  const measureId = idParam(params.measureId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return data({ intent, errors: parsed.errors, message: null }, { status: 400 });
  const input = parsed.data;
  try {
    const result = await runModel(t, () => {
      if (input.intent === "move")
        return moveMeasure({ actor, measureId, phase: input.phase, version: input.version, note: input.note, meetingId: input.meetingId });
      if (input.intent === "progress")
        return updateProgress({
          actor,
          measureId,
          nextStep: input.nextStep,
          status: input.status,
          version: input.version,
          note: input.note,
          meetingId: input.meetingId,
        });
      const { intent: _, version: v, ...fields } = input;
      return updateMeasure({ actor, measureId, input: fields, version: v });
    });
    if (!result.ok) return data({ intent, errors: result.errors, message: null }, { status: 400 });
    return { intent, errors: {} as Record<string, string>, message: t("measures.saved") };
  } catch (error) {
    if (error instanceof MeasureConflictError)
      return data({ intent, errors: { form: t("measures.conflict") } as Record<string, string>, message: null }, { status: 409 });
    throw error;
  }
}

function describe(t: Translate, h: { kind: string; fromValue: string | null; toValue: string | null }) {
  const phase = (v: string | null) => (v ? t(`phase.${v}` as MessageKey) : "–");
  const status = (v: string | null) => (v ? t(`measureStatus.${v}` as MessageKey) : "–");
  switch (h.kind) {
    case "created":
      return t("measures.event.created", { to: phase(h.toValue) });
    case "phase":
      return t("measures.event.phase", { from: phase(h.fromValue), to: phase(h.toValue) });
    case "status":
      return t("measures.event.status", { from: status(h.fromValue), to: status(h.toValue) });
    case "next_step":
      return t("measures.event.next_step", { to: h.toValue ?? "" });
    default:
      return t("measures.event.updated");
  }
}

export default function MeasurePage() {
  const { t, dateTime, date } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const m = d.measure;
  const errorsFor = (intent: string): Record<string, string> => (actionData?.intent === intent ? actionData.errors : {});
  const formError = actionData?.errors && "form" in actionData.errors ? actionData.errors.form : null;
  return (
    <Page title={m.title} lead={m.description || undefined}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${d.slug}/measures`}>{t("measures.back")}</RemixLink>
        </Link>
      </Paragraph>
      {params.get("created") ? (
        <Alert data-color="success" role="status">
          {t("measures.created", { title: m.title })}
        </Alert>
      ) : null}
      <SuccessMessage message={actionData?.message} />
      {formError ? (
        <Alert data-color="warning" role="alert">
          {formError}
        </Alert>
      ) : null}
      <dl className="stat-list">
        <div>
          <dt>{t("measures.phase")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{t(`phase.${m.phase}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("measures.responsible")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{m.responsible ?? t("measures.noResponsible")}</dd>
        </div>
        <div>
          <dt>{t("measures.status")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{t(`measureStatus.${m.status}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("measures.priority")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{t(`priority.${m.priority}` as MessageKey)}</dd>
        </div>
      </dl>
      <Paragraph>
        <strong>{t("measures.others")}:</strong> {m.agencies.join(", ") || "–"}
        <br />
        <strong>{t("measures.need")}:</strong> {m.needNumber ? `${m.needNumber}. ${m.needTitle}` : "–"}
        <br />
        <strong>{t("measures.nextStep")}:</strong> {m.nextStep || "–"}
        <br />
        <strong>{t("measures.inPhaseSince")}:</strong> {date(m.phaseSince)}
        {m.sourcePath ? (
          <>
            <br />
            <RemixLink to={m.sourcePath} className="ds-link">
              {t("measures.fromObstacle")}
            </RemixLink>
          </>
        ) : null}
      </Paragraph>

      {m.mayUpdate ? (
        <div className="two-columns">
          <section aria-labelledby="move-heading" className="stack-sm">
            <Heading level={2} data-size="xs" id="move-heading">
              {t("measures.move")}
            </Heading>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="version" value={m.version} />
              <SelectField
                id="move-phase"
                name="phase"
                label={t("measures.moveTo")}
                defaultValue={PHASES[Math.min(PHASES.indexOf(m.phase) + 1, 3)]}
                options={PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
                error={errorsFor("move").phase}
              />
              <Textfield
                id="move-note"
                name="note"
                label={t("measures.note")}
                description={t("measures.noteHelp")}
                error={errorsFor("move").note}
              />
              <MeetingPicker
                id="move-meeting"
                name="meetingId"
                label={t("measures.meeting")}
                meetings={d.meetings}
                error={errorsFor("move").meetingId}
              />
              <div>
                <Button type="submit">{t("measures.moveConfirm")}</Button>
              </div>
            </Form>
          </section>
          <section aria-labelledby="progress-heading" className="stack-sm">
            <Heading level={2} data-size="xs" id="progress-heading">
              {t("measures.progress")}
            </Heading>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="progress" />
              <input type="hidden" name="version" value={m.version} />
              <Textfield
                id="progress-next"
                name="nextStep"
                label={t("measures.nextStep")}
                defaultValue={m.nextStep}
                error={errorsFor("progress").nextStep}
              />
              <SelectField
                id="progress-status"
                name="status"
                label={t("measures.status")}
                defaultValue={m.status}
                options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
              />
              <Textfield id="progress-note" name="note" label={t("measures.note")} error={errorsFor("progress").note} />
              <MeetingPicker id="progress-meeting" name="meetingId" label={t("measures.meeting")} meetings={d.meetings} />
              <div>
                <Button type="submit">{t("measures.progressSave")}</Button>
              </div>
            </Form>
          </section>
        </div>
      ) : null}

      <section aria-labelledby="history-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="history-heading">
          {t("measures.history")}
        </Heading>
        {d.history.length === 0 ? <Paragraph>{t("measures.historyEmpty")}</Paragraph> : null}
        <ol className="timeline" data-testid="timeline">
          {d.history.map((h) => (
            <li key={h.id}>
              <Paragraph data-size="sm" className="muted">
                {dateTime(h.at)} · {h.actorName || "–"}
                {h.meetingId && h.meetingStartsAt ? (
                  <>
                    {" · "}
                    <RemixLink to={`/n/${d.slug}/meetings/${h.meetingId}`} className="ds-link">
                      {t("measures.byMeeting", { date: date(h.meetingStartsAt) })}
                    </RemixLink>
                  </>
                ) : null}
              </Paragraph>
              <Paragraph>
                {describe(t, h)}
                {h.note ? <> – «{h.note}»</> : null}
              </Paragraph>
            </li>
          ))}
        </ol>
      </section>

      {d.canManage ? (
        <Details>
          <Details.Summary>{t("measures.edit")}</Details.Summary>
          <Details.Content>
            <Form method="post" className="form" noValidate>
              <FormErrors errors={errorsFor("edit")} />
              <input type="hidden" name="intent" value="edit" />
              <input type="hidden" name="version" value={m.version} />
              <MeasureFieldset agencies={d.agencies} needs={d.needs} errors={errorsFor("edit")} values={{ ...m }} />
              <div>
                <Button type="submit">{t("measures.save")}</Button>
              </div>
            </Form>
          </Details.Content>
        </Details>
      ) : null}
    </Page>
  );
}
