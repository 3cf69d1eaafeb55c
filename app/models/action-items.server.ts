/**
 * Action items: what a meeting asked someone to do, by when. Written with the minutes, ticked off
 * by their owners, listed on the start page, and carried to the next meeting as follow-ups.
 */
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { actionItems, agencies, agendaItems, meetings, memberships, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { clip } from "./audit-message";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { touchRecord, meetingInNetwork, type Meeting } from "./meeting-scope.server";
import { assertAgencyInNetwork } from "./networks.server";
import { assertCan, can, type Actor } from "./permissions.server";

export interface ActionInput {
  text: string;
  agencyId: number | null;
  assigneeUserId: number | null;
  dueDate: string | null;
}

/** A meeting's action items in the order they were written, with the agency's and the person's names. */
export function actionItemsOf(tx: Tx | typeof db, meetingId: number) {
  return tx
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

function assertActionRefs(tx: Tx, actor: Actor, input: ActionInput) {
  assertAgencyInNetwork(tx, actor, input.agencyId, "agencyId");
  if (input.assigneeUserId !== null) {
    const member = tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.networkId, actor.networkId), eq(memberships.userId, input.assigneeUserId)))
      .get();
    if (!member) throw new DomainValidationError("assigneeUserId", "meetings.notMember");
  }
}

export function addActionItem({ actor, meetingId, input }: { actor: Actor; meetingId: number; input: ActionInput }, now = Date.now()) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    assertActionRefs(tx, actor, input);
    const action = tx
      .insert(actionItems)
      .values({ meetingId: meeting.id, ...input })
      .returning()
      .get();
    touchRecord(tx, meeting, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "action.added",
      entityType: "action_item",
      entityId: action.id,
      message: { key: "audit.msg.actionAdded", params: { text: clip(input.text) } },
    });
    return action;
  });
}

export function deleteActionItem({ actor, meetingId, actionId }: { actor: Actor; meetingId: number; actionId: number }, now = Date.now()) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const removed = tx
      .delete(actionItems)
      .where(and(eq(actionItems.id, actionId), eq(actionItems.meetingId, meeting.id)))
      .returning()
      .all();
    if (removed.length === 0) throw new NotFoundError("action item");
    touchRecord(tx, meeting, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "action.deleted",
      entityType: "action_item",
      entityId: actionId,
      message: { key: "audit.msg.actionDeleted", params: { text: clip(removed[0].text) } },
    });
  });
}

/**
 * Ticks an action item done (or not). Facilitators tick any; other members tick their own: assigned
 * to them, or to their agency with nobody named. Only on published minutes for non-facilitators.
 */
export function setActionDone(
  { actor, meetingId, actionId, done }: { actor: Actor; meetingId: number; actionId: number; done: boolean },
  now = Date.now(),
) {
  assertCan(actor, "actions.tickOwn");
  db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const action = tx
      .select()
      .from(actionItems)
      .where(and(eq(actionItems.id, actionId), eq(actionItems.meetingId, meeting.id)))
      .get();
    const facilitator = can(actor.role, "meetings.manage");
    if (!action || (!facilitator && meeting.minutesState !== "published")) throw new NotFoundError("action item");
    const own =
      action.assigneeUserId === actor.userId ||
      (action.assigneeUserId === null && action.agencyId !== null && action.agencyId === actor.agencyId);
    if (!facilitator && !own) throw new ForbiddenError("not your action item");
    tx.update(actionItems)
      .set({ doneAt: done ? new Date(now) : null })
      .where(eq(actionItems.id, action.id))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: done ? "action.done" : "action.reopened",
      entityType: "action_item",
      entityId: action.id,
      message: {
        key: done ? "audit.msg.actionDone" : "audit.msg.actionReopened",
        params: { name: actor.name, text: clip(action.text, 120) },
      },
    });
  });
}

export interface OpenAction {
  id: number;
  text: string;
  dueDate: string | null;
  meetingId: number;
  agency: string | null;
  mine: boolean;
}

/**
 * Open action items of the member and of their agency, oldest due first; draft minutes' items only
 * for those who may read drafts.
 */
export function openActionItemsFor({ actor }: { actor: Actor }): OpenAction[] {
  assertCan(actor, "meetings.view");
  const mineOrAgency = actor.agencyId
    ? or(eq(actionItems.assigneeUserId, actor.userId), eq(actionItems.agencyId, actor.agencyId))
    : eq(actionItems.assigneeUserId, actor.userId);
  const visible = can(actor.role, "minutes.viewDraft") ? undefined : eq(meetings.minutesState, "published");
  return db
    .select({
      id: actionItems.id,
      text: actionItems.text,
      dueDate: actionItems.dueDate,
      meetingId: actionItems.meetingId,
      agency: agencies.shortName,
      assignee: actionItems.assigneeUserId,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(agencies, eq(agencies.id, actionItems.agencyId))
    .where(and(eq(meetings.networkId, actor.networkId), isNull(actionItems.doneAt), mineOrAgency, visible))
    .orderBy(asc(actionItems.dueDate), asc(actionItems.id))
    .all()
    .map(({ assignee, ...row }) => ({ ...row, mine: assignee === actor.userId }));
}

/**
 * Carries the open action items of `from` to the agenda of `to` as follow-up items placed after
 * `lastPosition`, each remembering the action item it follows up, so none is carried twice.
 * Part of carryOver (agenda.server.ts), inside its transaction. Returns how many were carried.
 */
export function carryOpenActionItems(
  tx: Tx,
  { from, to, lastPosition, followUpTitle }: { from: Meeting; to: Meeting; lastPosition: number; followUpTitle: (text: string) => string },
) {
  const open = tx
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.meetingId, from.id), isNull(actionItems.doneAt)))
    .orderBy(asc(actionItems.id))
    .all();
  const carried = new Set(
    open.length
      ? tx
          .select({ id: agendaItems.carriedFromActionId })
          .from(agendaItems)
          .where(
            and(
              eq(agendaItems.meetingId, to.id),
              inArray(
                agendaItems.carriedFromActionId,
                open.map((a) => a.id),
              ),
            ),
          )
          .all()
          .map((r) => r.id)
      : [],
  );
  const toCarry = open.filter((a) => !carried.has(a.id));
  toCarry.forEach((action, index) =>
    tx
      .insert(agendaItems)
      .values({
        meetingId: to.id,
        position: lastPosition + index + 1,
        title: followUpTitle(action.text).slice(0, 200),
        presenterAgencyId: action.agencyId,
        plannedMinutes: 5,
        carriedFromActionId: action.id,
      })
      .run(),
  );
  return toCarry.length;
}
