import { eq, inArray, lt } from "drizzle-orm";
import { db } from "../../db/client";
import { loginThrottle } from "../../db/schema";

/**
 * Failed sign-ins are counted so that guessing is slow, without letting a stranger lock a member
 * out. Every attempt has a source: the browser, when it is one this account has signed in from
 * before (a signed "known device" cookie), else the client's address.
 *
 * - Per account and source: after a few failures the next attempt waits (2 s, 4 s, 8 s …), after
 *   more that source is refused for a while. A stranger hammering a colleague's address only locks
 *   themselves out.
 * - Per address, across accounts, and per account, across addresses: higher limits, for attempts
 *   that do not come from a known device. A guesser spread over many addresses is slowed and then
 *   stopped, while the member's own browser still gets in.
 *
 * A success clears the counter of its account and source only: one success must not reset what a
 * guesser elsewhere has used up. Counters forget failures older than the window.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  maxDelayMs: 60_000,
  source: { freeFailures: 3, lockAfter: 8, lockMs: 15 * 60_000 },
  // An office behind one address is many people: one person's typos must not slow the rest.
  address: { freeFailures: 10, lockAfter: 30, lockMs: 15 * 60_000 },
  account: { freeFailures: 20, lockAfter: 100, lockMs: 15 * 60_000 },
};

type Limits = (typeof THROTTLE)["source"];

export interface LoginAttempt {
  /** The account tried: `user:<id>` when the address belongs to one, else `email:<address>`. */
  account: string;
  ip: string;
  /** The known-device id, when the browser has signed in to this account before. */
  knownDevice: string | null;
}

export type ThrottleVerdict =
  { allowed: true } | { allowed: false; reason: "wait"; retryAfterMs: number } | { allowed: false; reason: "locked"; retryAfterMs: number };

/** The counter name of an account: by its id when it exists, so no spelling of the address escapes it. */
export function accountKey(email: string, userId: number | null | undefined) {
  return userId ? `user:${userId}` : `email:${email.normalize("NFKC").trim().toLowerCase()}`;
}

function counters({ account, ip, knownDevice }: LoginAttempt): Array<{ key: string; limits: Limits }> {
  if (knownDevice) return [{ key: `source:${account}|device:${knownDevice}`, limits: THROTTLE.source }];
  return [
    { key: `source:${account}|ip:${ip}`, limits: THROTTLE.source },
    { key: `ip:${ip}`, limits: THROTTLE.address },
    { key: `account:${account}`, limits: THROTTLE.account },
  ];
}

function delayAfter(failures: number, freeFailures: number) {
  if (failures < freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - freeFailures + 1), THROTTLE.maxDelayMs);
}

/** May this attempt go ahead? Checked before the password is even looked at. */
export function checkLoginAllowed(attempt: LoginAttempt, now = Date.now()): ThrottleVerdict {
  const list = counters(attempt);
  const rows = new Map(
    db
      .select()
      .from(loginThrottle)
      .where(
        inArray(
          loginThrottle.key,
          list.map((c) => c.key),
        ),
      )
      .all()
      .map((row) => [row.key, row]),
  );
  let verdict: ThrottleVerdict = { allowed: true };
  for (const { key, limits } of list) {
    const row = rows.get(key);
    if (!row) continue;
    if (row.lockedUntil && row.lockedUntil.getTime() > now) {
      const locked: ThrottleVerdict = { allowed: false, reason: "locked", retryAfterMs: row.lockedUntil.getTime() - now };
      if (verdict.allowed || verdict.reason === "wait" || locked.retryAfterMs > verdict.retryAfterMs) verdict = locked;
      continue;
    }
    if (now - row.lastFailureAt.getTime() > THROTTLE.windowMs) continue;
    const readyAt = row.lastFailureAt.getTime() + delayAfter(row.failures, limits.freeFailures);
    if (readyAt > now && (verdict.allowed || (verdict.reason === "wait" && readyAt - now > verdict.retryAfterMs))) {
      verdict = { allowed: false, reason: "wait", retryAfterMs: readyAt - now };
    }
  }
  return verdict;
}

export function recordLoginFailure(attempt: LoginAttempt, now = Date.now()) {
  db.transaction((tx) => {
    for (const { key, limits } of counters(attempt)) {
      const row = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
      const stale = !row || now - row.lastFailureAt.getTime() > THROTTLE.windowMs;
      const failures = stale ? 1 : row.failures + 1;
      const lockedUntil = failures >= limits.lockAfter ? new Date(now + limits.lockMs) : null;
      const values = {
        key,
        failures,
        firstFailureAt: stale ? new Date(now) : row.firstFailureAt,
        lastFailureAt: new Date(now),
        lockedUntil,
      };
      tx.insert(loginThrottle).values(values).onConflictDoUpdate({ target: loginThrottle.key, set: values }).run();
    }
  });
}

/** A correct password clears its own account and source, nothing a guesser elsewhere has used up. */
export function recordLoginSuccess(attempt: LoginAttempt) {
  db.delete(loginThrottle)
    .where(eq(loginThrottle.key, counters(attempt)[0].key))
    .run();
}

/** Drops counters that can no longer matter. */
export function pruneLoginThrottle(now = Date.now()) {
  db.delete(loginThrottle)
    .where(lt(loginThrottle.lastFailureAt, new Date(now - THROTTLE.windowMs - THROTTLE.account.lockMs)))
    .run();
}
