import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import {
  actionItems,
  agencies,
  agendaItems,
  attachments,
  decisions,
  meetingAgencyAttendance,
  meetingGuests,
  meetingPersonAttendance,
  meetings,
  meetingSeries,
  memberships,
  networkAgencies,
  users,
} from "../../db/schema";
import { addDays, osloParts, osloToInstant, osloToday } from "~/utils/oslo-time";
import { recordAudit } from "./audit.server";
import { assertAgencyInNetwork } from "./networks.server";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
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

/** A meeting of the actor's network, or "not found". */
function meetingInNetwork(tx: Tx | typeof db, actor: Actor, meetingId: number) {
  const meeting = tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, actor.networkId)))
    .get();
  if (!meeting) throw new NotFoundError("meeting");
  return meeting;
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
  const agenda = db
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      title: agendaItems.title,
      presenterAgencyId: agendaItems.presenterAgencyId,
      presenter: agencies.shortName,
      plannedMinutes: agendaItems.plannedMinutes,
      notes: agendaItems.notes,
      done: agendaItems.done,
      proposedBy: users.name,
    })
    .from(agendaItems)
    .leftJoin(agencies, eq(agencies.id, agendaItems.presenterAgencyId))
    .leftJoin(users, eq(users.id, agendaItems.proposedBy))
    .where(eq(agendaItems.meetingId, meeting.id))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id))
    .all();
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
  const next = db
    .select({ id: meetings.id, startsAt: meetings.startsAt, title: meetings.title })
    .from(meetings)
    .where(and(eq(meetings.networkId, actor.networkId), gt(meetings.startsAt, meeting.startsAt), eq(meetings.status, "scheduled")))
    .orderBy(asc(meetings.startsAt))
    .limit(1)
    .get();
  const base = {
    meeting: { ...meeting, minutes: minutesVisible ? meeting.minutes : "" },
    agenda,
    files,
    next: next ?? null,
    minutesVisible,
  };
  if (!minutesVisible) {
    return { ...base, decisions: [], actions: [], attendance: { agencyIds: [], userIds: [], guests: [] } };
  }
  return {
    ...base,
    decisions: db.select().from(decisions).where(eq(decisions.meetingId, meeting.id)).orderBy(asc(decisions.id)).all(),
    actions: listActionItems(meeting.id),
    attendance: {
      agencyIds: db
        .select({ id: meetingAgencyAttendance.agencyId })
        .from(meetingAgencyAttendance)
        .where(eq(meetingAgencyAttendance.meetingId, meeting.id))
        .all()
        .map((r) => r.id),
      userIds: db
        .select({ id: meetingPersonAttendance.userId })
        .from(meetingPersonAttendance)
        .where(eq(meetingPersonAttendance.meetingId, meeting.id))
        .all()
        .map((r) => r.id),
      guests: db
        .select({ id: meetingGuests.id, name: meetingGuests.name, agencyName: meetingGuests.agencyName })
        .from(meetingGuests)
        .where(eq(meetingGuests.meetingId, meeting.id))
        .orderBy(asc(meetingGuests.id))
        .all(),
    },
  };
}

export function listActionItems(meetingId: number) {
  return db
    .select({
      id: actionItems.id,
      text: actionItems.text,
      agencyId: actionItems.agencyId,
      agency: agencies.shortName,
      assigneeUserId: actionItems.assigneeUserId,
      assignee: users.name,
      dueDate: actionItems.dueDate,
      doneAt: actionItems.doneAt,
    })
    .from(actionItems)
    .leftJoin(agencies, eq(agencies.id, actionItems.agencyId))
    .leftJoin(users, eq(users.id, actionItems.assigneeUserId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.id))
    .all();
}

// ---- agenda --------------------------------------------------------------------------------

export interface AgendaInput {
  title: string;
  presenterAgencyId: number | null;
  plannedMinutes: number;
  notes: string;
}

/**
 * Adds an agenda item at the end. Facilitators add to any meeting; representatives may propose items
 * for a meeting that has not happened yet.
 */
export function addAgendaItem({ actor, meetingId, input }: { actor: Actor; meetingId: number; input: AgendaInput }, now = Date.now()) {
  assertCan(actor, "agenda.propose");
  return db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const facilitator = can(actor.role, "meetings.manage");
    if (!facilitator && meeting.startsAt.getTime() < now) throw new ForbiddenError("agenda of a past meeting");
    assertAgencyInNetwork(tx, actor, input.presenterAgencyId, "presenterAgencyId");
    const [{ last }] = tx
      .select({ last: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meeting.id))
      .all();
    const item = tx
      .insert(agendaItems)
      .values({ meetingId: meeting.id, position: last + 1, ...input, proposedBy: facilitator ? null : actor.userId })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: facilitator ? "agenda.added" : "agenda.proposed",
      entityType: "agenda_item",
      entityId: item.id,
      message: {
        key: facilitator ? "audit.msg.agendaAdded" : "audit.msg.agendaProposed",
        params: { title: input.title, date: osloParts(meeting.startsAt).date },
      },
    });
    return item;
  });
}

function agendaItemInMeeting(tx: Tx | typeof db, actor: Actor, meetingId: number, itemId: number) {
  const meeting = meetingInNetwork(tx, actor, meetingId);
  const item = tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meeting.id)))
    .get();
  if (!item) {
    // An item of another meeting in the same network is a mistake in the request (400); an id from
    // another network is simply not found (404), so nothing is told about it.
    const elsewhere = tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(and(eq(agendaItems.id, itemId), eq(meetings.networkId, actor.networkId)))
      .get();
    if (elsewhere) throw new DomainValidationError("itemId", "meetings.itemOtherMeeting");
    throw new NotFoundError("agenda item");
  }
  return { meeting, item };
}

export function updateAgendaItem({
  actor,
  meetingId,
  itemId,
  input,
  done,
}: {
  actor: Actor;
  meetingId: number;
  itemId: number;
  input: AgendaInput;
  done: boolean;
}) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const { item } = agendaItemInMeeting(tx, actor, meetingId, itemId);
    assertAgencyInNetwork(tx, actor, input.presenterAgencyId, "presenterAgencyId");
    tx.update(agendaItems)
      .set({ ...input, done })
      .where(eq(agendaItems.id, item.id))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "agenda.updated",
      entityType: "agenda_item",
      entityId: item.id,
      message: { key: "audit.msg.agendaUpdated", params: { title: input.title } },
    });
  });
}

export function deleteAgendaItem({ actor, meetingId, itemId }: { actor: Actor; meetingId: number; itemId: number }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const { item } = agendaItemInMeeting(tx, actor, meetingId, itemId);
    tx.delete(agendaItems).where(eq(agendaItems.id, item.id)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "agenda.deleted",
      entityType: "agenda_item",
      entityId: item.id,
      message: { key: "audit.msg.agendaDeleted", params: { title: item.title } },
    });
  });
}

/** Puts the agenda in the given order. The ids must be exactly the meeting's items. */
export function reorderAgenda({ actor, meetingId, orderedIds }: { actor: Actor; meetingId: number; orderedIds: number[] }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const current = tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meeting.id))
      .all()
      .map((r) => r.id);
    const same =
      current.length === orderedIds.length &&
      new Set(orderedIds).size === orderedIds.length &&
      orderedIds.every((id) => current.includes(id));
    if (!same) throw new DomainValidationError("order", "meetings.agendaMismatch");
    orderedIds.forEach((id, index) =>
      tx
        .update(agendaItems)
        .set({ position: index + 1 })
        .where(eq(agendaItems.id, id))
        .run(),
    );
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "agenda.reordered",
      entityType: "meeting",
      entityId: meeting.id,
      message: { key: "audit.msg.agendaReordered", params: { date: osloParts(meeting.startsAt).date } },
    });
  });
}

/**
 * Carries what is not finished to the next scheduled meeting: agenda items not marked done, and open
 * action items as follow-up items. Running it twice carries nothing twice.
 */
export function carryOver({ actor, meetingId }: { actor: Actor; meetingId: number }) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const next = tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.networkId, actor.networkId), gt(meetings.startsAt, meeting.startsAt), eq(meetings.status, "scheduled")))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .get();
    if (!next) throw new DomainValidationError("form", "meetings.noNextMeeting");
    const already = new Set(
      tx
        .select({ from: agendaItems.carriedFromId })
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, next.id))
        .all()
        .map((r) => r.from),
    );
    const unfinished = tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.done, false)))
      .orderBy(asc(agendaItems.position))
      .all()
      .filter((i) => !already.has(i.id));
    const open = tx
      .select()
      .from(actionItems)
      .where(and(eq(actionItems.meetingId, meeting.id), isNull(actionItems.doneAt)))
      .orderBy(asc(actionItems.id))
      .all()
      .filter((a) => !already.has(-a.id));
    const [{ last }] = tx
      .select({ last: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, next.id))
      .all();
    let position = last;
    for (const item of unfinished) {
      tx.insert(agendaItems)
        .values({
          meetingId: next.id,
          position: ++position,
          title: item.title,
          presenterAgencyId: item.presenterAgencyId,
          plannedMinutes: item.plannedMinutes,
          notes: item.notes,
          carriedFromId: item.id,
        })
        .run();
    }
    // Action items are remembered by negative id, so the two kinds cannot collide in carriedFromId.
    for (const action of open) {
      tx.insert(agendaItems)
        .values({
          meetingId: next.id,
          position: ++position,
          title: `Oppfølging: ${action.text}`.slice(0, 200),
          presenterAgencyId: action.agencyId,
          plannedMinutes: 5,
          carriedFromId: -action.id,
        })
        .run();
    }
    const count = unfinished.length + open.length;
    if (count > 0) {
      recordAudit(tx, {
        actor,
        networkId: actor.networkId,
        action: "agenda.carried",
        entityType: "meeting",
        entityId: next.id,
        message: {
          key: "audit.msg.agendaCarried",
          params: { count, from: osloParts(meeting.startsAt).date, to: osloParts(next.startsAt).date },
        },
      });
    }
    return { nextMeetingId: next.id, count };
  });
}

// ---- attendance ----------------------------------------------------------------------------

/** Saves the attendance checklist: agencies and members present. Ids outside the network are refused. */
export function setAttendance({
  actor,
  meetingId,
  agencyIds,
  userIds,
}: {
  actor: Actor;
  meetingId: number;
  agencyIds: number[];
  userIds: number[];
}) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const networkAgencyIds = new Set(
      tx
        .select({ id: networkAgencies.agencyId })
        .from(networkAgencies)
        .where(eq(networkAgencies.networkId, actor.networkId))
        .all()
        .map((r) => r.id),
    );
    if (!agencyIds.every((id) => networkAgencyIds.has(id))) throw new DomainValidationError("agencyIds", "validation.agency");
    const memberIds = new Set(
      tx
        .select({ id: memberships.userId })
        .from(memberships)
        .where(eq(memberships.networkId, actor.networkId))
        .all()
        .map((r) => r.id),
    );
    if (!userIds.every((id) => memberIds.has(id))) throw new DomainValidationError("userIds", "meetings.notMember");
    tx.delete(meetingAgencyAttendance).where(eq(meetingAgencyAttendance.meetingId, meeting.id)).run();
    tx.delete(meetingPersonAttendance).where(eq(meetingPersonAttendance.meetingId, meeting.id)).run();
    const agencySet = [...new Set(agencyIds)];
    const userSet = [...new Set(userIds)];
    if (agencySet.length)
      tx.insert(meetingAgencyAttendance)
        .values(agencySet.map((agencyId) => ({ meetingId: meeting.id, agencyId })))
        .run();
    if (userSet.length)
      tx.insert(meetingPersonAttendance)
        .values(userSet.map((userId) => ({ meetingId: meeting.id, userId })))
        .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "attendance.updated",
      entityType: "meeting",
      entityId: meeting.id,
      message: {
        key: "audit.msg.attendanceSet",
        params: { date: osloParts(meeting.startsAt).date, agencies: agencySet.length, people: userSet.length },
      },
    });
  });
}

export function addGuest({ actor, meetingId, name, agencyName }: { actor: Actor; meetingId: number; name: string; agencyName: string }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const guest = tx.insert(meetingGuests).values({ meetingId: meeting.id, name, agencyName }).returning().get();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "attendance.guest_added",
      entityType: "meeting_guest",
      entityId: guest.id,
      message: { key: "audit.msg.guestAdded", params: { name, agency: agencyName || "–", date: osloParts(meeting.startsAt).date } },
    });
  });
}

export function removeGuest({ actor, meetingId, guestId }: { actor: Actor; meetingId: number; guestId: number }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const removed = tx
      .delete(meetingGuests)
      .where(and(eq(meetingGuests.id, guestId), eq(meetingGuests.meetingId, meeting.id)))
      .returning()
      .all();
    if (removed.length === 0) throw new NotFoundError("guest");
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "attendance.guest_removed",
      entityType: "meeting_guest",
      entityId: guestId,
      message: { key: "audit.msg.guestRemoved", params: { name: removed[0].name } },
    });
  });
}

/**
 * The attendance picture over time: per held meeting the number of agencies present, and per agency
 * how many of those meetings it attended ("NAV: 10 of 10").
 */
export function attendanceOverview({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "meetings.view");
  const held = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.networkId, actor.networkId),
        eq(meetings.status, "scheduled"),
        lt(meetings.startsAt, new Date(now)),
        eq(meetings.minutesState, "published"),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .all();
  const ids = held.map((m) => m.id);
  const rows = ids.length ? db.select().from(meetingAgencyAttendance).where(inArray(meetingAgencyAttendance.meetingId, ids)).all() : [];
  const perMeeting = held.map((m) => ({
    ...m,
    date: osloParts(m.startsAt).date,
    agencies: rows.filter((r) => r.meetingId === m.id).length,
  }));
  const agencyRows = db
    .select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName })
    .from(networkAgencies)
    .innerJoin(agencies, eq(agencies.id, networkAgencies.agencyId))
    .where(eq(networkAgencies.networkId, actor.networkId))
    .orderBy(asc(agencies.shortName))
    .all();
  const perAgency = agencyRows
    .map((a) => ({ ...a, attended: rows.filter((r) => r.agencyId === a.id).length, of: held.length }))
    .sort((a, b) => b.attended - a.attended || a.shortName.localeCompare(b.shortName, "nb"));
  return { perMeeting, perAgency };
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
