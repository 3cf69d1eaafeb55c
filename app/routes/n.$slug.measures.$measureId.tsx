import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MeetingPicker } from "~/components/meetings/meeting-picker";
import { Form, Link as RemixLink, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Button, Details, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { MeasureFieldset } from "~/components/measures/measure-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { isMessageKey, type Translate } from "~/i18n";
import { listMeetingChoices } from "~/models/meetings.server";
import { getMeasure, listNeeds, moveMeasure, PROPOSAL, updateMeasure, updateProgress } from "~/models/measures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { idParam, orHttpError } from "~/web/http.server";
import { EditSchema, MoveSchema, ProgressSchema } from "~/web/measure-forms";
import { MEASURE_STATUSES, PHASES } from "~/utils/measures";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "measures.title", data?.measure.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "measures.view");
  const measureId = idParam(params.measureId);
  return orHttpError(() => {
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
  });
}

const ActionSchema = z.discriminatedUnion("intent", [MoveSchema, ProgressSchema, EditSchema]);

/** Move, progress or edit; a change made after someone else's answers 409 with how the measure is now. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.view");
  const measureId = idParam(params.measureId);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  return answer(
    t,
    () => {
      if (input.intent === "move") return moveMeasure({ actor, measureId, ...input });
      if (input.intent === "progress") return updateProgress({ actor, measureId, ...input });
      const { intent: _, version, ...fields } = input;
      return updateMeasure({ actor, measureId, input: fields, version });
    },
    { intent, message: t("measures.saved") },
  );
}

/** An event's values are stored as text: a phase or status the catalogue does not know is shown as a dash. */
function describe(t: Translate, h: { kind: string; fromValue: string | null; toValue: string | null }) {
  const label = (prefix: "phase" | "measureStatus", v: string | null) => {
    const key = `${prefix}.${v}`;
    return isMessageKey(key) ? t(key) : "–";
  };
  switch (h.kind) {
    case "created":
      return t("measures.event.created", { to: label("phase", h.toValue) });
    case "phase":
      return t("measures.event.phase", { from: label("phase", h.fromValue), to: label("phase", h.toValue) });
    case "status":
      return t("measures.event.status", { from: label("measureStatus", h.fromValue), to: label("measureStatus", h.toValue) });
    case "next_step":
      return t("measures.event.next_step", { to: h.toValue ?? "" });
    default:
      return t("measures.event.updated");
  }
}

/** The event's note; a proposal's first event says it was proposed. */
function noteOf(t: Translate, h: { kind: string; fromValue: string | null; note: string }) {
  if (h.note) return h.note;
  return h.kind === "created" && h.fromValue === PROPOSAL ? t("measures.event.proposed") : "";
}

export default function MeasurePage() {
  const { t, dateTime, date } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const m = d.measure;
  const errorsFor = (intent: string) => errorsOf(actionData, intent);
  const formError = errorsOf(actionData).form;
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
      <SuccessMessage message={messageOf(actionData)} />
      {formError ? (
        <Alert data-color="warning" role="alert">
          {formError}
        </Alert>
      ) : null}
      <dl className="stat-list">
        <div>
          <dt>{t("measures.phase")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{t(`phase.${m.phase}`)}</dd>
        </div>
        <div>
          <dt>{t("measures.responsible")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{m.responsible ?? t("measures.noResponsible")}</dd>
        </div>
        <div>
          <dt>{t("measures.status")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{t(`measureStatus.${m.status}`)}</dd>
        </div>
        <div>
          <dt>{t("measures.priority")}</dt>
          <dd style={{ fontSize: "1.2rem" }}>{t(`priority.${m.priority}`)}</dd>
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
                {noteOf(t, h) ? <> – «{noteOf(t, h)}»</> : null}
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
