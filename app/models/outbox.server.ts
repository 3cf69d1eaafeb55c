import { and, asc, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { EventEmitter } from "node:events";
import { db, type DbOrTx } from "../../db/client";
import { outbox } from "../../db/schema";
import { loadConfig } from "~/utils/config.server";
import { assertCan, type Actor } from "./permissions.server";

/** Tells the delivery loop that there is new mail, so it need not wait for its next round. */
export const outboxEvents = new EventEmitter();

export interface OutgoingEmail {
  networkId: number | null;
  to: string;
  subject: string;
  text: string;
  /** What the mail is about, e.g. `minutesTopic(meetingId)`, for `deliveryStatus`. */
  topic?: string | null;
}

export const minutesTopic = (meetingId: number) => `minutes:${meetingId}`;

/** Queues an email in the same transaction as the change that causes it. */
export function enqueueEmail(tx: DbOrTx, email: OutgoingEmail) {
  const row = tx.insert(outbox).values(email).returning({ id: outbox.id }).get();
  // Notify after the current tick, when the surrounding transaction has committed.
  setImmediate(() => outboxEvents.emit("queued"));
  return row.id;
}

/** The network's outgoing mail, newest first: facilitators read it when no SMTP server is set up. */
export function listOutbox({ actor, limit = 100 }: { actor: Actor; limit?: number }) {
  assertCan(actor, "outbox.view");
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.networkId, actor.networkId))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit)
    .all();
}

export const MAX_DELIVERY_ATTEMPTS = 8;

export interface DeliveryStatus {
  /** Delivered to the mail server. */
  sent: number;
  /** Not tried yet, or tried and waiting for the next attempt. */
  waiting: number;
  /** Of the waiting: at least one attempt failed. */
  retrying: number;
  /** Given up after MAX_DELIVERY_ATTEMPTS. */
  failed: number;
  /** False when no SMTP server is set up: mail then stays in the outbox to be read there. */
  mailServer: boolean;
}

/** How the network's mail about one topic fared, for the page that sent it (facilitators). */
export function deliveryStatus({ actor, topic }: { actor: Actor; topic: string }): DeliveryStatus | null {
  assertCan(actor, "outbox.view");
  const row = db
    .select({
      total: sql<number>`count(*)`,
      sent: sql<number>`count(${outbox.sentAt})`,
      failed: sql<number>`coalesce(sum(${outbox.sentAt} is null and ${outbox.attempts} >= ${MAX_DELIVERY_ATTEMPTS}), 0)`,
      retrying: sql<number>`coalesce(sum(${outbox.sentAt} is null and ${outbox.attempts} > 0 and ${outbox.attempts} < ${MAX_DELIVERY_ATTEMPTS}), 0)`,
    })
    .from(outbox)
    .where(and(eq(outbox.networkId, actor.networkId), eq(outbox.topic, topic)))
    .get();
  if (!row || row.total === 0) return null;
  return {
    sent: row.sent,
    failed: row.failed,
    retrying: row.retrying,
    waiting: row.total - row.sent - row.failed,
    mailServer: Boolean(loadConfig().smtpUrl),
  };
}

/** Emails due for (another) delivery attempt. */
export function dueEmails(now = Date.now(), limit = 20) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        lte(outbox.attempts, MAX_DELIVERY_ATTEMPTS - 1),
        or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, new Date(now))),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
}

export function markSent(id: number, now = Date.now()) {
  db.update(outbox)
    .set({ sentAt: new Date(now), lastError: null, nextAttemptAt: null })
    .where(eq(outbox.id, id))
    .run();
}

/** Backs off 30 s, 1 min, 2 min … up to an hour between attempts. */
export function markFailed(id: number, attempts: number, error: string, now = Date.now()) {
  const delay = Math.min(30_000 * 2 ** attempts, 60 * 60_000);
  db.update(outbox)
    .set({ attempts: attempts + 1, lastError: error.slice(0, 500), nextAttemptAt: new Date(now + delay) })
    .where(eq(outbox.id, id))
    .run();
}
