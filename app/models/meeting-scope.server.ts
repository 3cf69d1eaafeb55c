/**
 * What every part of a meeting (agenda, attendance, minutes, decisions, action items) starts from:
 * the meeting itself, found within the actor's network, and the mark a change leaves on it.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { meetings } from "../../db/schema";
import { NotFoundError } from "./errors.server";
import type { Actor } from "./permissions.server";

export type Meeting = typeof meetings.$inferSelect;

/** A meeting of the actor's network, or "not found". */
export function meetingInNetwork(tx: Tx | typeof db, actor: Actor, meetingId: number): Meeting {
  const meeting = tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, actor.networkId)))
    .get();
  if (!meeting) throw new NotFoundError("meeting");
  return meeting;
}

/** The first scheduled meeting of the network after this one: where unfinished business goes. */
export function nextScheduledAfter(tx: Tx | typeof db, actor: Actor, meeting: Pick<Meeting, "startsAt">) {
  return (
    tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.networkId, actor.networkId), gt(meetings.startsAt, meeting.startsAt), eq(meetings.status, "scheduled")))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .get() ?? null
  );
}

/**
 * A change to the minutes, a decision or an action item: the meeting's time of change moves, and
 * after publishing the change is a correction, shown with its time.
 */
export function touchRecord(tx: Tx, meeting: Pick<Meeting, "id" | "minutesState">, now: number) {
  tx.update(meetings)
    .set({ updatedAt: new Date(now), ...(meeting.minutesState === "published" ? { correctedAt: new Date(now) } : {}) })
    .where(eq(meetings.id, meeting.id))
    .run();
}
