import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { isMessageKey, type Translate } from "~/i18n";
import { auditSummary, recentAudit } from "~/models/audit.server";
import { networkOverview } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { startPage } from "~/models/start-page.server";
import { requireMember } from "~/web/access.server";
import { formatPeriod, type Cadence } from "~/utils/figures";
import { osloParts } from "~/utils/oslo-time";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "network.title", data?.network.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug);
  const { network } = networkOverview({ actor });
  const isFacilitator = can(actor.role, "audit.view");
  return {
    network: { slug: network.slug, name: network.name, description: network.description },
    me: { name: actor.name, role: actor.role },
    start: startPage({ actor }),
    recent: isFacilitator
      ? recentAudit({ actor, limit: 6 }).map((entry) => ({ id: entry.id, at: entry.at, summary: auditSummary(t, entry) }))
      : null,
  };
}

/** A status change's new status in words (the event stores it as text), or the text itself. */
function statusWords(t: Translate, status: string | null) {
  const key = `measureStatus.${status}`;
  return isMessageKey(key) ? t(key) : (status ?? "");
}

function Panel({ id, title, children, more }: { id: string; title: string; children: ReactNode; more?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="start-panel stack-sm" data-testid={`start-${id}`}>
      <Heading level={2} data-size="xs" id={`${id}-heading`}>
        {title}
      </Heading>
      {children}
      {more ? <Paragraph data-size="sm">{more}</Paragraph> : null}
    </section>
  );
}

/** The network's start page: the next meeting, what is mine to do, and what moved since last time. */
export default function NetworkHome() {
  const { t, date, dateTime, locale } = useI18n();
  const { network, me, start, recent } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/n/${network.slug}`;
  const to = (path: string, text: ReactNode) => (
    <Link asChild>
      <RemixLink to={`${base}${path}`}>{text}</RemixLink>
    </Link>
  );
  const actionList = (items: typeof start.actions.mine) => (
    <ul className="start-list">
      {items.map((a) => (
        <li key={a.id}>
          {to(`/meetings/${a.meetingId}#decisions`, a.text)}
          <span className="muted">
            {a.agency ? ` · ${a.agency}` : ""}
            {a.dueDate ? ` · ${t("network.home.due", { date: a.dueDate })}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <Page title={network.name} lead={network.description}>
      {params.get("welcome") ? (
        <Alert data-color="success" role="status">
          {t("accept.welcome", { network: network.name })}
        </Alert>
      ) : null}
      <Paragraph>{t("network.home.welcome", { name: me.name, role: t(`role.${me.role}`).toLowerCase() })}</Paragraph>
      <div className="start-grid">
        <Panel id="next" title={t("network.home.nextMeeting")} more={to("/meetings", t("network.home.allMeetings"))}>
          {start.next ? (
            <>
              <Paragraph>
                {to(`/meetings/${start.next.id}`, start.next.title)} <span className="muted">– {dateTime(start.next.startsAt)}</span>
              </Paragraph>
              {start.next.agenda.length ? (
                <ol className="start-list">
                  {start.next.agenda.slice(0, 6).map((title, i) => (
                    <li key={i}>{title}</li>
                  ))}
                </ol>
              ) : (
                <Paragraph data-size="sm">{t("meetings.agendaEmpty")}</Paragraph>
              )}
              <Paragraph data-size="sm">
                <Link href={start.next.calendarPath}>{t("network.home.calendar")}</Link>
              </Paragraph>
            </>
          ) : (
            <Paragraph>{t("network.home.noNextMeeting")}</Paragraph>
          )}
        </Panel>

        <Panel id="actions" title={t("network.home.myActions")}>
          {start.actions.mine.length ? actionList(start.actions.mine) : <Paragraph data-size="sm">{t("network.home.noActions")}</Paragraph>}
          {start.actions.agency.length ? (
            <>
              <Heading level={3} data-size="2xs">
                {t("network.home.agencyActions")}
              </Heading>
              {actionList(start.actions.agency)}
            </>
          ) : null}
        </Panel>

        <Panel
          id="moved"
          title={start.firstVisit ? t("network.home.movedRecently") : t("network.home.movedSince", { date: dateTime(start.since) })}
          more={to("/measures", t("network.home.allMeasures"))}
        >
          {start.moved.length ? (
            <ul className="start-list">
              {start.moved.map((m) => (
                <li key={m.id}>
                  {to(`/measures/${m.id}`, m.title)}{" "}
                  <span className="muted">
                    {m.kind === "created"
                      ? t("network.home.measureNew")
                      : m.kind === "phase"
                        ? t(`phase.${m.phase}`)
                        : statusWords(t, m.to)}{" "}
                    · {date(m.at)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph data-size="sm">{t("network.home.nothingMoved")}</Paragraph>
          )}
        </Panel>

        <Panel id="minutes" title={t("network.home.latestMinutes")}>
          {start.minutes ? (
            <Paragraph>
              {to(`/meetings/${start.minutes.id}`, `${start.minutes.title} ${osloParts(start.minutes.startsAt).date}`)}
              <br />
              <span className="muted">{t("meetings.published", { time: dateTime(start.minutes.publishedAt!) })}</span>
            </Paragraph>
          ) : (
            <Paragraph data-size="sm">{t("network.home.noMinutes")}</Paragraph>
          )}
        </Panel>

        <Panel id="figures" title={t("network.home.figuresThisWeek")} more={to("/figures", t("network.home.allFigures"))}>
          {start.figures.length ? (
            <ul className="start-list">
              {start.figures.map((f) => (
                <li key={f.metricId}>
                  {to(`/figures/metrics/${f.metricId}`, f.name)}{" "}
                  <span className="muted">
                    {f.periods
                      .slice(0, 3)
                      .map((p) => formatPeriod(p, f.cadence as Cadence, locale))
                      .join(", ")}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph data-size="sm">{t("network.home.noFigures")}</Paragraph>
          )}
        </Panel>

        <Panel id="evaluations" title={t("network.home.openEvaluations")}>
          {start.evaluations.length ? (
            <ul className="start-list">
              {start.evaluations.map((s) => (
                <li key={s.id}>
                  {to(`/evaluations/${s.id}`, s.title)}{" "}
                  {s.closesOn ? <Tag data-color="warning">{t("network.home.closes", { date: s.closesOn })}</Tag> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph data-size="sm">{t("network.home.noEvaluations")}</Paragraph>
          )}
        </Panel>
      </div>

      {recent ? (
        <section aria-labelledby="recent-heading" className="stack-sm">
          <Heading level={2} data-size="sm" id="recent-heading">
            {t("network.home.recent")}
          </Heading>
          <ul>
            {recent.map((entry) => (
              <li key={entry.id}>
                <span className="muted">{dateTime(entry.at)}</span> – {entry.summary}
              </li>
            ))}
          </ul>
          {to("/audit", t("nav.audit"))}
        </section>
      ) : null}
    </Page>
  );
}
