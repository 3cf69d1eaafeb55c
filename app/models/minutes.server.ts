/**
 * The record of a meeting: its minutes (Markdown, saved against the version they were opened at),
 * its decisions, and publishing both to every member.
 */
import { and, asc, eq } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { decisions, meetings, memberships, users } from "../../db/schema";
import { formatDateTime, translator, type Locale } from "~/i18n";
import { osloParts } from "~/utils/oslo-time";
import { actionItemsOf } from "./action-items.server";
import { recordAudit } from "./audit.server";
import { clip } from "./audit-message";
import { ConflictError, DomainValidationError, NotFoundError } from "./errors.server";
import { meetingInNetwork, touchRecord } from "./meeting-scope.server";
import { enqueueEmail, minutesTopic } from "./outbox.server";
import { assertCan, type Actor } from "./permissions.server";

/** What the minutes are now, given to a writer whose save came too late, to merge with. */
export interface MinutesNow {
  text: string;
  version: number;
  updatedAt: Date;
}

/** A meeting's decisions in the order they were made. */
export function decisionsOf(tx: Tx | typeof db, meetingId: number) {
  return tx.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.id)).all();
}

/**
 * Saves the minutes if nobody else has since `baseVersion`; otherwise throws a ConflictError with
 * the current text (MinutesNow), so the second writer can merge instead of overwriting.
 */
export function saveMinutes(
  { actor, meetingId, text, baseVersion }: { actor: Actor; meetingId: number; text: string; baseVersion: number },
  now = Date.now(),
) {
  assertCan(actor, "meetings.manage");
  return db.transaction((tx) => {
    const meeting = meetingInNetwork(tx, actor, meetingId);
    if (meeting.minutesVersion !== baseVersion) {
      const current: MinutesNow = { text: meeting.minutes, version: meeting.minutesVersion, updatedAt: meeting.updatedAt };
      throw new ConflictError("meetings.conflict", current);
    }
    if (meeting.minutes === text) return { version: meeting.minutesVersion };
    const version = meeting.minutesVersion + 1;
    tx.update(meetings).set({ minutes: text, minutesVersion: version }).where(eq(meetings.id, meeting.id)).run();
    touchRecord(tx, meeting, now);
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
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const decision = tx.insert(decisions).values({ meetingId: meeting.id, text }).returning().get();
    touchRecord(tx, meeting, now);
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
    const meeting = meetingInNetwork(tx, actor, meetingId);
    const removed = tx
      .delete(decisions)
      .where(and(eq(decisions.id, decisionId), eq(decisions.meetingId, meeting.id)))
      .returning()
      .all();
    if (removed.length === 0) throw new NotFoundError("decision");
    touchRecord(tx, meeting, now);
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
    const meeting = meetingInNetwork(tx, actor, meetingId);
    if (meeting.minutesState === "published") throw new DomainValidationError("form", "meetings.alreadyPublished");
    if (meeting.status === "cancelled") throw new DomainValidationError("form", "meetings.cancelledNoMinutes");
    tx.update(meetings)
      .set({ minutesState: "published", publishedAt: new Date(now), updatedAt: new Date(now) })
      .where(eq(meetings.id, meeting.id))
      .run();
    const t = translator(locale);
    const when = formatDateTime(locale, meeting.startsAt);
    const decisionList = decisionsOf(tx, meeting.id);
    const actions = actionItemsOf(tx, meeting.id);
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
