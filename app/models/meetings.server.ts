/**
 * Meetings themselves: planning one or a series, changing, cancelling and deleting one, the lists,
 * and one meeting with all its parts (agenda.server.ts, attendance.server.ts, minutes.server.ts,
 * action-items.server.ts hold the parts' own reads and writes).
 */
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { agendaItems, attachments, meetingAgencyAttendance, meetings, meetingSeries } from "../../db/schema";
import { addDays, osloParts, osloToInstant, osloToday } from "~/utils/oslo-time";
import { actionItemsOf } from "./action-items.server";
import { agendaOf } from "./agenda.server";
import { attendanceOf, NO_ATTENDANCE } from "./attendance.server";
import { recordAudit } from "./audit.server";
import { DomainValidationError } from "./errors.server";
import { meetingInNetwork, nextScheduledAfter } from "./meeting-scope.server";
import { decisionsOf } from "./minutes.server";
import { assertCan, can, type Actor } from "./permissions.server";

export const MAX_OCCURRENCES = 60;

export interface MeetingInput {
  title: string;
  date: string;
  time: string;
  durationMinutes: number;
  location: string;
  onlineUrl: string;
}

export interface SeriesInput extends MeetingInput {
  /** 0: a single meeting; 1, 2 or 3: every so many weeks until `untilDate`. */
  intervalWeeks: 0 | 1 | 2 | 3;
  untilDate: string;
}

/** The local dates of a series: from `date` every `intervalWeeks` weeks up to and including `untilDate`. */
export function seriesDates(date: string, intervalWeeks: number, untilDate: string): string[] {
  if (intervalWeeks === 0) return [date];
  const dates: string[] = [];
  for (let d = date; d <= untilDate && dates.length < MAX_OCCURRENCES + 1; d = addDays(d, intervalWeeks * 7)) dates.push(d);
  return dates;
}

/**
 * A facilitator plans a single meeting or a series. A series may not start in the past, may not end
 * before it starts, and has at most MAX_OCCURRENCES meetings.
 */
export function createMeetings({ actor, input }: { actor: Actor; input: SeriesInput }, now = Date.now()) {
  assertCan(actor, "meetings.manage");
  if (input.intervalWeeks > 0) {
    if (input.date < osloToday(now)) throw new DomainValidationError("date", "meetings.pastSeries");
    if (!input.untilDate || input.untilDate < input.date) throw new DomainValidationError("untilDate", "meetings.endBeforeStart");
  }
  const dates = seriesDates(input.date, input.intervalWeeks, input.untilDate);
  if (dates.length > MAX_OCCURRENCES) throw new DomainValidationError("untilDate", "meetings.tooMany", { max: MAX_OCCURRENCES });
  return db.transaction((tx) => {
    const series =
      input.intervalWeeks > 0
        ? tx
            .insert(meetingSeries)
            .values({ networkId: actor.networkId, title: input.title, intervalWeeks: input.intervalWeeks, createdBy: actor.userId })
            .returning()
            .get()
        : null;
    const created = dates.map((date) =>
      tx
        .insert(meetings)
        .values({
          networkId: actor.networkId,
          seriesId: series?.id ?? null,
          title: input.title,
          startsAt: osloToInstant(date, input.time),
          durationMinutes: input.durationMinutes,
          location: input.location,
          onlineUrl: input.onlineUrl,
        })
        .returning()
        .get(),
    );
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "meeting.created",
      entityType: series ? "meeting_series" : "meeting",
      entityId: series?.id ?? created[0].id,
      message: series
        ? {
            key: "audit.msg.seriesCreated",
            params: { title: input.title, count: created.length, interval: input.intervalWeeks, date: input.date },
          }
        : { key: "audit.msg.meetingCreated", params: { title: input.title, date: input.date, time: input.time } },
    });
    return created;
  });
}

/** Changes one meeting (one occurrence of a series), leaving the others as they are. */
export function updateMeeting({ actor, meetingId, input }: { actor: Actor; meetingId: number; input: MeetingInput }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    tx.update(meetings)
      .set({
        title: input.title,
        startsAt: osloToInstant(input.date, input.time),
        durationMinutes: input.durationMinutes,
        location: input.location,
        onlineUrl: input.onlineUrl,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, meeting.id))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "meeting.updated",
      entityType: "meeting",
      entityId: meeting.id,
      message: { key: "audit.msg.meetingUpdated", params: { title: input.title, date: input.date, time: input.time } },
    });
  });
}

/** Cancels (or restores) one meeting. A meeting whose minutes are published cannot be cancelled. */
export function setMeetingCancelled({ actor, meetingId, cancelled }: { actor: Actor; meetingId: number; cancelled: boolean }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    if (meeting.minutesState === "published") throw new DomainValidationError("form", "meetings.publishedLocked");
    tx.update(meetings)
      .set({ status: cancelled ? "cancelled" : "scheduled", updatedAt: new Date() })
      .where(eq(meetings.id, meeting.id))
      .run();
    const when = osloParts(meeting.startsAt);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: cancelled ? "meeting.cancelled" : "meeting.restored",
      entityType: "meeting",
      entityId: meeting.id,
      message: {
        key: cancelled ? "audit.msg.meetingCancelled" : "audit.msg.meetingRestored",
        params: { title: meeting.title, date: when.date },
      },
    });
  });
}

/** Deletes a meeting that has not been published; published minutes can only be corrected. */
export function deleteMeeting({ actor, meetingId }: { actor: Actor; meetingId: number }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    if (meeting.minutesState === "published") throw new DomainValidationError("form", "meetings.publishedLocked");
    tx.delete(meetings).where(eq(meetings.id, meeting.id)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "meeting.deleted",
      entityType: "meeting",
      entityId: meeting.id,
      message: { key: "audit.msg.meetingDeleted", params: { title: meeting.title, date: osloParts(meeting.startsAt).date } },
    });
  });
}

export interface MeetingChoice {
  id: number;
  /** The local date, e.g. 2022-04-21 */
  date: string;
  title: string;
  /** The first agenda items, to tell meetings of one name apart and to search by. */
  topics: string[];
}

/**
 * Every meeting of the network, newest first, for pickers that tie a change to the meeting that
 * decided it (a measure's move, a map version). Cancelled meetings are left out: nothing is decided there.
 */
export function listMeetingChoices({ actor }: { actor: Actor }, now = Date.now()): MeetingChoice[] {
  const { upcoming, past } = listMeetings({ actor }, now);
  return [...upcoming.slice().reverse(), ...past]
    .filter((m) => m.status !== "cancelled")
    .map((m) => ({ id: m.id, date: osloParts(m.startsAt).date, title: m.title, topics: m.topics }));
}

/** How many agenda titles the meeting list shows, so meetings with one name can be told apart. */
const LIST_TOPICS = 3;

/** Upcoming and past meetings of the network, with counts and their first agenda items for the list. */
export function listMeetings({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "meetings.view");
  const topics = new Map<number, string[]>();
  const items = db
    .select({ meetingId: agendaItems.meetingId, title: agendaItems.title })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(meetings.networkId, actor.networkId))
    .orderBy(asc(agendaItems.meetingId), asc(agendaItems.position))
    .all();
  for (const item of items) {
    const list = topics.get(item.meetingId) ?? [];
    if (list.length < LIST_TOPICS) list.push(item.title);
    topics.set(item.meetingId, list);
  }
  const rows = db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      durationMinutes: meetings.durationMinutes,
      location: meetings.location,
      onlineUrl: meetings.onlineUrl,
      status: meetings.status,
      minutesState: meetings.minutesState,
      seriesId: meetings.seriesId,
      // `${meetings}.id`, qualified: in a one-table select drizzle writes ${meetings.id} as a bare "id",
      // which inside the subquery would be the agenda item's own id.
      agencyCount: sql<number>`(select count(*) from ${meetingAgencyAttendance} a where a.meeting_id = ${meetings}.id)`,
      agendaCount: sql<number>`(select count(*) from ${agendaItems} i where i.meeting_id = ${meetings}.id)`,
    })
    .from(meetings)
    .where(eq(meetings.networkId, actor.networkId))
    .orderBy(asc(meetings.startsAt))
    .all()
    .map((m) => ({ ...m, topics: topics.get(m.id) ?? [] }));
  const cutoff = now - 60 * 60_000;
  return {
    upcoming: rows.filter((m) => m.startsAt.getTime() + m.durationMinutes * 60_000 > cutoff),
    past: rows.filter((m) => m.startsAt.getTime() + m.durationMinutes * 60_000 <= cutoff).reverse(),
  };
}

/**
 * Everything about one meeting. Minutes, decisions, action items and attendance are the
 * facilitators' until the minutes are published; then every member sees them.
 */
export function getMeeting({ actor, meetingId }: { actor: Actor; meetingId: number }) {
  assertCan(actor, "meetings.view");
  const meeting = meetingInNetwork(db, actor, meetingId);
  const minutesVisible = meeting.minutesState === "published" || can(actor.role, "minutes.viewDraft");
  const files = db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      size: attachments.size,
      contentType: attachments.contentType,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.meetingId, meeting.id))
    .orderBy(asc(attachments.createdAt))
    .all();
  const next = nextScheduledAfter(db, actor, meeting);
  const base = {
    meeting: { ...meeting, minutes: minutesVisible ? meeting.minutes : "" },
    agenda: agendaOf(db, meeting.id),
    files,
    next: next ? { id: next.id, startsAt: next.startsAt, title: next.title } : null,
    minutesVisible,
  };
  if (!minutesVisible) return { ...base, decisions: [], actions: [], attendance: NO_ATTENDANCE };
  return {
    ...base,
    decisions: decisionsOf(db, meeting.id),
    actions: actionItemsOf(db, meeting.id),
    attendance: attendanceOf(db, meeting.id),
  };
}

// Used by the network's home page and elsewhere: the next meeting to come.
export function nextMeeting({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "meetings.view");
  return (
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(meetings)
      .where(and(eq(meetings.networkId, actor.networkId), eq(meetings.status, "scheduled"), gte(meetings.startsAt, new Date(now))))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .get() ?? null
  );
}
