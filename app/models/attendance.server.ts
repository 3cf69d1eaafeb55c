/** Who attended a meeting (agencies, members, guests without an account), and the picture over time. */
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import {
  agencies,
  meetingAgencyAttendance,
  meetingGuests,
  meetingPersonAttendance,
  meetings,
  memberships,
  networkAgencies,
} from "../../db/schema";
import { osloParts } from "~/utils/oslo-time";
import { recordAudit } from "./audit.server";
import { DomainValidationError, NotFoundError } from "./errors.server";
import { meetingInNetwork } from "./meeting-scope.server";
import { assertCan, type Actor } from "./permissions.server";

export interface Attendance {
  agencyIds: number[];
  userIds: number[];
  guests: Array<{ id: number; name: string; agencyName: string }>;
}

export const NO_ATTENDANCE: Attendance = { agencyIds: [], userIds: [], guests: [] };

/** The attendance of one meeting, as its checklist holds it. */
export function attendanceOf(tx: Tx | typeof db, meetingId: number): Attendance {
  return {
    agencyIds: tx
      .select({ id: meetingAgencyAttendance.agencyId })
      .from(meetingAgencyAttendance)
      .where(eq(meetingAgencyAttendance.meetingId, meetingId))
      .all()
      .map((r) => r.id),
    userIds: tx
      .select({ id: meetingPersonAttendance.userId })
      .from(meetingPersonAttendance)
      .where(eq(meetingPersonAttendance.meetingId, meetingId))
      .all()
      .map((r) => r.id),
    guests: tx
      .select({ id: meetingGuests.id, name: meetingGuests.name, agencyName: meetingGuests.agencyName })
      .from(meetingGuests)
      .where(eq(meetingGuests.meetingId, meetingId))
      .orderBy(asc(meetingGuests.id))
      .all(),
  };
}

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
