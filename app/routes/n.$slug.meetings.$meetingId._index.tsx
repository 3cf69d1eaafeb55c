import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useLocation, useNavigate, useSearchParams } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useEffect, type ReactNode } from "react";
import { AgendaList } from "~/components/meetings/agenda-list";
import { AttendanceSection } from "~/components/meetings/attendance-form";
import { FilesSection } from "~/components/meetings/files-section";
import { MeetingDetails } from "~/components/meetings/meeting-details";
import { MailDelivery } from "~/components/ui/mail-delivery";
import { DecisionsAndActions } from "~/components/meetings/decisions-actions";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { listMembers } from "~/models/members.server";
import { deliveryStatus, minutesTopic } from "~/models/outbox.server";
import { getMeeting } from "~/models/meetings.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { errorsOf, messageOf, type FieldErrors } from "~/web/answer";
import { idParam, orHttpError } from "~/web/http.server";
import { isUpload, runMeetingForm, uploadMeetingFile } from "~/web/meeting-actions.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { osloParts } from "~/utils/oslo-time";
import { retryAfterHeaders } from "~/utils/rate-limit.server";
import { pageTitle } from "~/web/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "meetings.meeting", data?.meeting.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.view");
  const meetingId = idParam(params.meetingId);
  return orHttpError(() => {
    const view = getMeeting({ actor, meetingId });
    const canManage = can(actor.role, "meetings.manage");
    return {
      slug: actor.networkSlug,
      ...view,
      local: osloParts(view.meeting.startsAt),
      minutesHtml: view.minutesVisible && view.meeting.minutes ? renderMarkdown(view.meeting.minutes) : "",
      agencies: listNetworkAgencies({ actor }),
      members: canManage ? listMembers({ actor }).map((m) => ({ userId: m.userId, name: m.name, agencyShortName: m.agencyShortName })) : [],
      me: { userId: actor.userId, agencyId: actor.agencyId },
      canManage,
      delivery:
        can(actor.role, "outbox.view") && view.meeting.minutesState === "published"
          ? deliveryStatus({ actor, topic: minutesTopic(meetingId) })
          : null,
      canPropose: can(actor.role, "agenda.propose") && (canManage || new Date(view.meeting.startsAt).getTime() > Date.now()),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t, locale } = await requireMember(request, context, params.slug, "meetings.view");
  const meeting = { actor, t, locale, meetingId: idParam(params.meetingId), request };
  if (isUpload(request)) return uploadMeetingFile(meeting);
  return runMeetingForm(meeting, await request.formData());
}

type MeetingData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * A facilitator's two views of a meeting: the record exactly as members see it (and as it prints),
 * and the working view where it is prepared and run, in separate sections. They land on the working
 * view until the minutes are published, and on the record after.
 */
function meetingView(d: MeetingData, asked: string | null): "record" | "edit" {
  if (!d.canManage) return "record";
  if (asked === "record" || asked === "edit") return asked;
  return d.meeting.minutesState === "published" ? "record" : "edit";
}

export default function MeetingPage() {
  const { t, dateTime } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { meeting } = d;
  const view = meetingView(d, params.get("view"));
  const formError = errorsOf(actionData).form;
  const published = meeting.minutesState === "published";
  const printRequested = (location.state as { print?: boolean } | null)?.print === true;

  // "Print" in the working view opens the record and prints that: print shows what members see.
  useEffect(() => {
    if (view === "record" && printRequested) {
      navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
      window.print();
    }
  }, [view, printRequested, navigate, location.pathname, location.search]);
  const print = () => (view === "record" ? window.print() : navigate("?view=record", { state: { print: true } }));

  return (
    <Page
      title={meeting.title}
      lead={`${dateTime(meeting.startsAt)} · ${meeting.durationMinutes} min${meeting.location ? ` · ${meeting.location}` : ""}`}
      actions={
        <>
          {meeting.status === "cancelled" ? <Tag data-color="danger">{t("meetings.cancelled")}</Tag> : null}
          {meeting.seriesId ? <Tag data-color="neutral">{t("meetings.series")}</Tag> : null}
          {published && meeting.publishedAt ? (
            <Tag data-color="success">{t("meetings.published", { time: dateTime(meeting.publishedAt) })}</Tag>
          ) : null}
          {meeting.correctedAt ? <Tag data-color="warning">{t("meetings.corrected", { time: dateTime(meeting.correctedAt) })}</Tag> : null}
          {meeting.onlineUrl ? (
            <Link href={meeting.onlineUrl} rel="noopener noreferrer">
              {t("meetings.online")}
            </Link>
          ) : null}
          <Button type="button" variant="tertiary" data-size="sm" className="no-print" onClick={print}>
            {t("meetings.print")}
          </Button>
        </>
      }
    >
      <Paragraph className="no-print">
        <Link asChild>
          <RemixLink to={`/n/${d.slug}/meetings`}>{t("meetings.back")}</RemixLink>
        </Link>
      </Paragraph>
      {d.canManage ? (
        <nav aria-label={t("meetings.views")} className="view-switch no-print">
          <RemixLink to="?view=record" aria-current={view === "record" ? "page" : undefined} preventScrollReset>
            {t("meetings.viewRecord")}
          </RemixLink>
          <RemixLink to="?view=edit" aria-current={view === "edit" ? "page" : undefined} preventScrollReset>
            {t("meetings.viewEdit")}
          </RemixLink>
        </nav>
      ) : null}
      {params.get("created") ? (
        <Alert data-color="success" role="status">
          {t("meetings.created", { count: Number(params.get("created")) || 1 })}
        </Alert>
      ) : null}
      <SuccessMessage message={messageOf(actionData)} />
      {formError ? (
        <Alert data-color="danger" role="alert">
          {formError}
        </Alert>
      ) : null}
      {d.delivery ? <MailDelivery status={d.delivery} outboxHref={`/n/${d.slug}/outbox`} label={t("meetings.minutesMail")} /> : null}
      {view === "record" ? <MeetingRecord d={d} /> : <MeetingWork d={d} errorsFor={(intent) => errorsOf(actionData, intent)} />}
    </Page>
  );
}

/** The meeting as every member sees it: agenda, and once published, attendance, minutes, decisions, actions and files. */
function MeetingRecord({ d }: { d: MeetingData }) {
  const { t } = useI18n();
  const { meeting } = d;
  return (
    <>
      <AgendaList
        items={d.agenda}
        durationMinutes={meeting.durationMinutes}
        agencies={d.agencies}
        canManage={false}
        canPropose={d.canPropose && !d.canManage}
        errors={{}}
      />
      {d.minutesVisible ? (
        <>
          <AttendanceSection agencies={d.agencies} members={d.members} attendance={d.attendance} canManage={false} />
          <MinutesSection d={d} />
          <DecisionsAndActions
            decisions={d.decisions}
            actions={d.actions}
            agencies={d.agencies}
            members={d.members}
            me={d.me}
            canManage={false}
            decisionErrors={{}}
            actionErrors={{}}
          />
        </>
      ) : (
        <Paragraph>{t("meetings.minutesHidden")}</Paragraph>
      )}
      <FilesSection slug={d.slug} meetingId={meeting.id} files={d.files} canManage={false} errors={{}} />
    </>
  );
}

function MinutesSection({ d, children }: { d: MeetingData; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="minutes-heading" className="stack-sm">
      <Heading level={2} data-size="sm" id="minutes-heading">
        {t("meetings.minutes")}
      </Heading>
      {d.minutesHtml ? (
        <div className="minutes-body" dangerouslySetInnerHTML={{ __html: d.minutesHtml }} />
      ) : (
        <Paragraph>{t("meetings.minutesEmpty")}</Paragraph>
      )}
      {children}
    </section>
  );
}

/** Where a facilitator prepares and runs the meeting: one section per part, with a list of them at the top. */
function MeetingWork({ d, errorsFor }: { d: MeetingData; errorsFor: (intent: string) => FieldErrors }) {
  const { t } = useI18n();
  const { meeting } = d;
  const published = meeting.minutesState === "published";
  const sections: Array<[string, string]> = [
    ["meeting-details", t("meetings.section.details")],
    ["agenda", t("meetings.agenda")],
    ["attendance", t("meetings.attendance")],
    ["minutes", t("meetings.minutes")],
    ["decisions", t("meetings.section.decisions")],
    ["files", t("meetings.files")],
    ...(!published && meeting.status !== "cancelled" ? ([["publish", t("meetings.publish")]] as Array<[string, string]>) : []),
  ];
  return (
    <div className="stack meeting-work">
      {!published ? <Alert data-color="info">{t("meetings.draftNote")}</Alert> : null}
      <nav aria-label={t("meetings.sections")} className="section-links no-print">
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <MeetingDetails meeting={meeting} local={d.local} published={published} errors={errorsFor("update-meeting")} />

      <div id="agenda" className="stack-sm">
        <AgendaList
          items={d.agenda}
          durationMinutes={meeting.durationMinutes}
          agencies={d.agencies}
          canManage
          canPropose={d.canPropose}
          errors={errorsFor("add-item")}
        />
        {d.next ? (
          <Form method="post" className="no-print">
            <input type="hidden" name="intent" value="carry" />
            <Button type="submit" variant="secondary">
              {t("meetings.carry")}
            </Button>
          </Form>
        ) : null}
      </div>

      <div id="attendance">
        <AttendanceSection agencies={d.agencies} members={d.members} attendance={d.attendance} canManage />
      </div>
      <div id="minutes">
        <MinutesSection d={d}>
          <div className="no-print">
            <Button asChild variant="secondary">
              <RemixLink to={`/n/${d.slug}/meetings/${meeting.id}/minutes`}>{t("meetings.minutesWrite")}</RemixLink>
            </Button>
          </div>
        </MinutesSection>
      </div>
      <div id="decisions">
        <DecisionsAndActions
          decisions={d.decisions}
          actions={d.actions}
          agencies={d.agencies}
          members={d.members}
          me={d.me}
          canManage
          decisionErrors={errorsFor("add-decision")}
          actionErrors={errorsFor("add-action")}
        />
      </div>
      <FilesSection slug={d.slug} meetingId={meeting.id} files={d.files} canManage errors={errorsFor("upload")} />

      {!published && meeting.status !== "cancelled" ? (
        <section aria-labelledby="publish-heading" className="stack-sm no-print" id="publish">
          <Heading level={2} data-size="sm" id="publish-heading">
            {t("meetings.publish")}
          </Heading>
          <Paragraph>{t("meetings.publishHelp")}</Paragraph>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <Button type="submit">{t("meetings.publish")}</Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
