import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { users } from "../../db/schema";
import type { Locale } from "~/i18n";
import { recordAudit } from "./audit.server";
import type { KnownDevice } from "~/utils/known-device.server";
import {
  accountKey,
  checkLoginAllowed,
  recordLoginFailure,
  recordLoginSuccess,
  type LoginAttempt,
  type ThrottleVerdict,
} from "./login-throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./passwords.server";

export type Throttled = Exclude<ThrottleVerdict, { allowed: true }>;

export type LoginResult =
  { ok: true; userId: number } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; verdict: Throttled };

/** The words for a throttled attempt (wait a few seconds, or locked for some minutes), one source for sign-in and invitations. */
export function throttledMessage(verdict: Throttled): { key: "login.locked" | "login.wait"; params: Record<string, number> } {
  return verdict.reason === "locked"
    ? { key: "login.locked", params: { minutes: Math.ceil(verdict.retryAfterMs / 60_000) } }
    : { key: "login.wait", params: { seconds: Math.ceil(verdict.retryAfterMs / 1000) } };
}

/**
 * Checks an email and password, with throttling per account and source (see login-throttle).
 * `device` is the browser's known-device cookie, already verified. Both failures and successes are
 * written to the audit log (never the password).
 */
export async function verifyLogin({
  email,
  password,
  ip,
  device = null,
}: {
  email: string;
  password: string;
  ip: string;
  device?: KnownDevice | null;
}): Promise<LoginResult> {
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const attempt: LoginAttempt = {
    account: accountKey(email, user?.id),
    ip,
    knownDevice: user && device?.accounts.includes(user.id) ? device.id : null,
  };
  const verdict = checkLoginAllowed(attempt);
  if (!verdict.allowed) {
    recordAudit(db, {
      actor: null,
      networkId: null,
      action: "login.throttled",
      entityType: "user",
      entityId: user?.id,
      message: { key: "audit.msg.signInLocked", params: { email, ip } },
    });
    return { ok: false, reason: "throttled", verdict };
  }
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
  if (!user || !valid) {
    recordLoginFailure(attempt);
    recordAudit(db, {
      actor: null,
      networkId: null,
      action: "login.failed",
      entityType: "user",
      entityId: user?.id,
      message: { key: "audit.msg.signInFailed", params: { email, ip } },
    });
    return { ok: false, reason: "invalid" };
  }
  recordLoginSuccess(attempt);
  recordAudit(db, {
    actor: { userId: user.id, name: user.name, agencyId: user.agencyId, ip },
    networkId: null,
    action: "login.succeeded",
    entityType: "user",
    entityId: user.id,
    message: { key: "audit.msg.signedIn", params: { name: user.name } },
  });
  return { ok: true, userId: user.id };
}

export function setUserLocale(userId: number, locale: Locale) {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}
