/**
 * The network's start page: what a member has to do and what moved, each item linking to its
 * page. Every read goes through the same permissions as the page it links to.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { db } from "../../db/client";
import { figures, measureEvents, measures, meetings, memberships, metrics } from "../../db/schema";
import type { Phase } from "~/utils/measures";
import { listSurveys } from "./evaluations.server";
import { calendarFeedPath } from "./calendar.server";
import { openActionItemsFor } from "./action-items.server";
import { agendaTitlesOf } from "./agenda.server";
import { nextMeeting } from "./meetings.server";
import { assertCan, can, type Actor } from "./permissions.server";

const DAY = 86_400_000;
/** Without an earlier visit, "since last time" means the last two weeks. */
const FIRST_VISIT_WINDOW = 14 * DAY;
const LIST_LIMIT = 8;

/** Open action items of the member (first LIST_LIMIT) and of their agency. */
function openActions(actor: Actor) {
  const open = openActionItemsFor({ actor });
  return { mine: open.filter((a) => a.mine).slice(0, LIST_LIMIT), agency: open.filter((a) => !a.mine).slice(0, LIST_LIMIT) };
}

/** Measures that changed phase or status since `since`, newest first, one line per measure. */
function movedMeasures(actor: Actor, since: Date) {
  const rows = db
    .select({
      id: measures.id,
      title: measures.title,
      phase: measures.phase,
      kind: measureEvents.kind,
      from: measureEvents.fromValue,
      to: measureEvents.toValue,
      at: measureEvents.at,
      by: measureEvents.actorName,
    })
    .from(measureEvents)
    .innerJoin(measures, eq(measures.id, measureEvents.measureId))
    .where(
      and(
        eq(measures.networkId, actor.networkId),
        gte(measureEvents.at, since),
        inArray(measureEvents.kind, ["created", "phase", "status"]),
      ),
    )
    .orderBy(desc(measureEvents.at), desc(measureEvents.id))
    .all();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, LIST_LIMIT) as Array<(typeof rows)[number] & { phase: Phase }>;
}

function latestMinutes(actor: Actor) {
  return (
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, publishedAt: meetings.publishedAt })
      .from(meetings)
      .where(and(eq(meetings.networkId, actor.networkId), eq(meetings.minutesState, "published"), isNotNull(meetings.publishedAt)))
      .orderBy(desc(meetings.publishedAt))
      .limit(1)
      .get() ?? null
  );
}

/** Metrics with values published in the last seven days, and which periods: no values, so nothing small is shown. */
function figuresPublishedLately(actor: Actor, now: number) {
  const rows = db
    .select({ metricId: metrics.id, name: metrics.name, cadence: metrics.cadence, period: figures.period })
    .from(figures)
    .innerJoin(metrics, eq(metrics.id, figures.metricId))
    .where(and(eq(metrics.networkId, actor.networkId), eq(figures.status, "published"), gte(figures.publishedAt, new Date(now - 7 * DAY))))
    .orderBy(asc(metrics.name), desc(figures.period))
    .all();
  const byMetric = new Map<number, { metricId: number; name: string; cadence: string; periods: string[] }>();
  for (const r of rows) {
    const entry = byMetric.get(r.metricId) ?? { metricId: r.metricId, name: r.name, cadence: r.cadence, periods: [] };
    entry.periods.push(r.period);
    byMetric.set(r.metricId, entry);
  }
  return [...byMetric.values()].slice(0, LIST_LIMIT);
}

/**
 * Everything on the start page, and the visit noted: "since my last visit" is since the visit
 * before this one.
 */
export function startPage({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "network.view");
  const membership = db.select({ last: memberships.lastHomeVisitAt }).from(memberships).where(eq(memberships.id, actor.membershipId)).get();
  const since = membership?.last ?? new Date(now - FIRST_VISIT_WINDOW);
  db.update(memberships)
    .set({ lastHomeVisitAt: new Date(now) })
    .where(eq(memberships.id, actor.membershipId))
    .run();

  const next = nextMeeting({ actor }, now);
  const agenda = next ? agendaTitlesOf(next.id) : [];
  const surveys = can(actor.role, "evaluations.view")
    ? listSurveys({ actor }, now).filter((s) => s.phase === "open" && s.invited && !s.answered)
    : [];
  return {
    since,
    firstVisit: !membership?.last,
    next: next ? { ...next, agenda, calendarPath: calendarFeedPath({ actor }) } : null,
    actions: openActions(actor),
    moved: can(actor.role, "measures.view") ? movedMeasures(actor, since) : [],
    minutes: latestMinutes(actor),
    figures: can(actor.role, "figures.view") ? figuresPublishedLately(actor, now) : [],
    evaluations: surveys.map((s) => ({ id: s.id, title: s.title, closesOn: s.closesOn })),
  };
}
