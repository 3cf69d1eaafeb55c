import { and, eq } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { actionItems, decisions, meetings, memberships, networkAgencies, users } from "../../db/schema";
import { formatDateTime, translator, type Locale } from "~/i18n";
import { osloParts } from "~/utils/oslo-time";
import { recordAudit } from "./audit.server";
import { clip } from "./audit-message";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { listActionItems } from "./meetings.server";
import { enqueueEmail, minutesTopic } from "./outbox.server";
import { assertCan, can, type Actor } from "./permissions.server";

/** Someone saved the minutes since this editor opened them: what is there now, to merge with. */
export class MinutesConflictError extends Error {
  constructor(readonly current: { text: string; version: number; updatedAt: Date }) {
    super("minutes changed since they were opened");
    this.name = "MinutesConflictError";
  }
}

function meetingForEdit(tx: Tx | typeof db, actor: Actor, meetingId: number) {
  const meeting = tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, actor.networkId)))
    .get();
  if (!meeting) throw new NotFoundError("meeting");
  return meeting;
}

/** After publishing, every change to the minutes is a correction, shown with its time. */
function touch(tx: Tx, meeting: { id: number; minutesState: string }, now: number) {
  tx.update(meetings)
    .set({ updatedAt: new Date(now), ...(meeting.minutesState === "published" ? { correctedAt: new Date(now) } : {}) })
    .where(eq(meetings.id, meeting.id))
    .run();
}

/**
 * Saves the minutes if nobody else has since `baseVersion`; otherwise throws MinutesConflictError
 * with the current text, so the second writer can merge instead of overwriting.
 */
export function saveMinutes(
  { actor, meetingId, text, baseVersion }: { actor: Actor; meetingId: number; text: string; baseVersion: number },
  now = Date.now(),
) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingForEdit(tx, actor, meetingId);
    if (meeting.minutesVersion !== baseVersion) {
      throw new MinutesConflictError({ text: meeting.minutes, version: meeting.minutesVersion, updatedAt: meeting.updatedAt });
    }
    if (meeting.minutes === text) return { version: meeting.minutesVersion };
    const version = meeting.minutesVersion + 1;
    tx.update(meetings).set({ minutes: text, minutesVersion: version }).where(eq(meetings.id, meeting.id)).run();
    touch(tx, meeting, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: meeting.minutesState === "published" ? "minutes.corrected" : "minutes.saved",
      entityType: "meeting",
      entityId: meeting.id,
      message: {
        key: meeting.minutesState === "published" ? "audit.msg.minutesCorrected" : "audit.msg.minutesSaved",
        params: { date: osloParts(meeting.startsAt).date, version },
      },
    });
    return { version };
  });
}

export function addDecision({ actor, meetingId, text }: { actor: Actor; meetingId: number; text: string }, now = Date.now()) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingForEdit(tx, actor, meetingId);
    const decision = tx.insert(decisions).values({ meetingId: meeting.id, text }).returning().get();
    touch(tx, meeting, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "decision.added",
      entityType: "decision",
      entityId: decision.id,
      message: { key: "audit.msg.decisionAdded", params: { text: clip(text) } },
    });
    return decision;
  });
}

export function deleteDecision(
  { actor, meetingId, decisionId }: { actor: Actor; meetingId: number; decisionId: number },
  now = Date.now(),
) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const meeting = meetingForEdit(tx, actor, meetingId);
    const removed = tx
      .delete(decisions)
      .where(and(eq(decisions.id, decisionId), eq(decisions.meetingId, meeting.id)))
      .returning()
      .all();
    if (removed.length === 0) throw new NotFoundError("decision");
    touch(tx, meeting, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "decision.deleted",
      entityType: "decision",
      entityId: decisionId,
      message: { key: "audit.msg.decisionDeleted", params: { text: clip(removed[0].text) } },
    });
  });
}

export interface ActionInput {
  text: string;
  agencyId: number | null;
  assigneeUserId: number | null;
  dueDate: string | null;
}

function assertActionRefs(tx: Tx, actor: Actor, input: ActionInput) {
  if (input.agencyId !== null) {
    const ok = tx
      .select()
      .from(networkAgencies)
      .where(and(eq(networkAgencies.networkId, actor.networkId), eq(networkAgencies.agencyId, input.agencyId)))
      .get();
    if (!ok) throw new DomainValidationError("agencyId", "validation.agency");
  }
  if (input.assigneeUserId !== null) {
    const ok = tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.networkId, actor.networkId), eq(memberships.userId, input.assigneeUserId)))
      .get();
    if (!ok) throw new DomainValidationError("assigneeUserId", "meetings.notMember");
  }
}

export function addActionItem({ actor, meetingId, input }: { actor: Actor; meetingId: number; input: ActionInput }, now = Date.now()) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingForEdit(tx, actor, meetingId);
    assertActionRefs(tx, actor, input);
    const action = tx
      .insert(actionItems)
      .values({ meetingId: meeting.id, ...input })
      .returning()
      .get();
    touch(tx, meeting, now);
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
    const meeting = meetingForEdit(tx, actor, meetingId);
    const removed = tx
      .delete(actionItems)
      .where(and(eq(actionItems.id, actionId), eq(actionItems.meetingId, meeting.id)))
      .returning()
      .all();
    if (removed.length === 0) throw new NotFoundError("action item");
    touch(tx, meeting, now);
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
    const meeting = meetingForEdit(tx, actor, meetingId);
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

/**
 * Publishes the minutes: every member can read them from now on, and each gets an email with the
 * decisions, the action items and a link (in the facilitator's language).
 */
export function publishMinutes(
  { actor, meetingId, baseUrl, locale }: { actor: Actor; meetingId: number; baseUrl: string; locale: Locale },
  now = Date.now(),
) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingForEdit(tx, actor, meetingId);
    if (meeting.minutesState === "published") throw new DomainValidationError("form", "meetings.alreadyPublished");
    if (meeting.status === "cancelled") throw new DomainValidationError("form", "meetings.cancelledNoMinutes");
    tx.update(meetings)
      .set({ minutesState: "published", publishedAt: new Date(now), updatedAt: new Date(now) })
      .where(eq(meetings.id, meeting.id))
      .run();
    const t = translator(locale);
    const when = formatDateTime(locale, meeting.startsAt);
    const decisionList = tx.select().from(decisions).where(eq(decisions.meetingId, meeting.id)).all();
    const actions = listActionItems(meeting.id);
    const lines = [
      t("email.minutes.intro", { network: actor.networkName, title: meeting.title, when }),
      "",
      `${t("meetings.decisions")}:`,
      ...(decisionList.length ? decisionList.map((d) => `- ${d.text}`) : [`- ${t("common.none")}`]),
      "",
      `${t("meetings.actions")}:`,
      ...(actions.length
        ? actions.map(
            (a) =>
              `- ${a.text}${a.agency ? ` (${a.agency}${a.assignee ? `, ${a.assignee}` : ""})` : a.assignee ? ` (${a.assignee})` : ""}${a.dueDate ? ` – ${t("meetings.due")} ${a.dueDate}` : ""}`,
          )
        : [`- ${t("common.none")}`]),
      "",
      t("email.minutes.link"),
      `${baseUrl}/n/${actor.networkSlug}/meetings/${meeting.id}`,
    ];
    const recipients = tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.networkId, actor.networkId))
      .all();
    for (const r of recipients) {
      enqueueEmail(tx, {
        networkId: actor.networkId,
        topic: minutesTopic(meeting.id),
        to: r.email,
        subject: t("email.minutes.subject", { title: meeting.title, date: osloParts(meeting.startsAt).date }),
        text: lines.join("\n"),
      });
    }
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "minutes.published",
      entityType: "meeting",
      entityId: meeting.id,
      message: { key: "audit.msg.minutesPublished", params: { date: osloParts(meeting.startsAt).date, count: recipients.length } },
    });
    return { recipients: recipients.length };
  });
}
