import { eq, lt } from "drizzle-orm";
import { db } from "../../db/client";
import { loginThrottle } from "../../db/schema";

/**
 * Failed sign-ins are counted per account and per client address. After a few failures the next
 * attempt must wait (2 s, 4 s, 8 s …); after more, sign-in is refused for a while. A success clears
 * the account's counter. Counters forget failures older than the window.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  maxDelayMs: 60_000,
  account: { freeFailures: 3, lockAfter: 8, lockMs: 15 * 60_000 },
  // An office behind one address is many people: one person's typos must not slow the rest.
  address: { freeFailures: 10, lockAfter: 30, lockMs: 15 * 60_000 },
};

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; reason: "wait"; retryAfterMs: number }
  | { allowed: false; reason: "locked"; retryAfterMs: number };

function keys(email: string, ip: string) {
  return [
    { key: `email:${email.trim().toLowerCase()}`, limits: THROTTLE.account },
    { key: `ip:${ip}`, limits: THROTTLE.address },
  ];
}

function delayAfter(failures: number, freeFailures: number) {
  if (failures < freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - freeFailures + 1), THROTTLE.maxDelayMs);
}

/** May this attempt go ahead? Checked before the password is even looked at. */
export function checkLoginAllowed(email: string, ip: string, now = Date.now()): ThrottleVerdict {
  let verdict: ThrottleVerdict = { allowed: true };
  for (const { key, limits } of keys(email, ip)) {
    const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
    if (!row) continue;
    if (row.lockedUntil && row.lockedUntil.getTime() > now) {
      return { allowed: false, reason: "locked", retryAfterMs: row.lockedUntil.getTime() - now };
    }
    if (now - row.lastFailureAt.getTime() > THROTTLE.windowMs) continue;
    const readyAt = row.lastFailureAt.getTime() + delayAfter(row.failures, limits.freeFailures);
    if (readyAt > now) {
      const wait: ThrottleVerdict = { allowed: false, reason: "wait", retryAfterMs: readyAt - now };
      if (verdict.allowed || wait.retryAfterMs > verdict.retryAfterMs) verdict = wait;
    }
  }
  return verdict;
}

export function recordLoginFailure(email: string, ip: string, now = Date.now()) {
  db.transaction((tx) => {
    for (const { key, limits } of keys(email, ip)) {
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
      tx.insert(loginThrottle)
        .values(values)
        .onConflictDoUpdate({ target: loginThrottle.key, set: values })
        .run();
    }
  });
}

/** A correct password clears the account's counter (not the address's: one success must not unlock guessing at others). */
export function recordLoginSuccess(email: string) {
  db.delete(loginThrottle)
    .where(eq(loginThrottle.key, `email:${email.trim().toLowerCase()}`))
    .run();
}

/** Drops counters that can no longer matter. */
export function pruneLoginThrottle(now = Date.now()) {
  db.delete(loginThrottle)
    .where(lt(loginThrottle.lastFailureAt, new Date(now - THROTTLE.windowMs - THROTTLE.account.lockMs)))
    .run();
}
