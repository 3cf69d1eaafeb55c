/**
 * A meeting's agenda: items in order with their planned minutes, proposed by representatives or
 * added by facilitators, and what is unfinished carried to the next meeting.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { agencies, agendaItems, meetings, users } from "../../db/schema";
import { translator, type Locale } from "~/i18n";
import { osloParts } from "~/utils/oslo-time";
import { carryOpenActionItems } from "./action-items.server";
import { recordAudit } from "./audit.server";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { meetingInNetwork, nextScheduledAfter } from "./meeting-scope.server";
import { assertAgencyInNetwork } from "./networks.server";
import { assertCan, can, type Actor } from "./permissions.server";

export interface AgendaInput {
  title: string;
  presenterAgencyId: number | null;
  plannedMinutes: number;
  notes: string;
}

/** A meeting's agenda in order, with the presenting agency and who proposed an item. */
export function agendaOf(tx: Tx | typeof db, meetingId: number) {
  return tx
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
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id))
    .all();
}

/** The titles of a meeting's agenda in order (the start page's preview of the next meeting). */
export function agendaTitlesOf(meetingId: number): string[] {
  return db
    .select({ title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all()
    .map((i) => i.title);
}

function lastPosition(tx: Tx, meetingId: number): number {
  const [{ last }] = tx
    .select({ last: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .all();
  return last;
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
    const item = tx
      .insert(agendaItems)
      .values({
        meetingId: meeting.id,
        position: lastPosition(tx, meeting.id) + 1,
        ...input,
        proposedBy: facilitator ? null : actor.userId,
      })
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
 * action items as follow-up items titled in the facilitator's language. Running it twice carries
 * nothing twice.
 */
export function carryOver({ actor, meetingId, locale }: { actor: Actor; meetingId: number; locale: Locale }) {
  assertCan(actor, "meetings.manage");
  const t = translator(locale);
  return db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const next = nextScheduledAfter(tx, actor, meeting);
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
    let position = lastPosition(tx, next.id);
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
    const followUps = carryOpenActionItems(tx, {
      from: meeting,
      to: next,
      lastPosition: position,
      followUpTitle: (text) => t("meetings.followUp", { text }),
    });
    const count = unfinished.length + followUps;
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
