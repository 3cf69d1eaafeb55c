import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { passkeys, users } from "../../db/schema";
import type { KnownDevice } from "~/utils/known-device.server";
import { recordAudit } from "./audit.server";
import { DomainValidationError } from "./errors.server";
import { accountKey, checkLoginAllowed, recordLoginFailure, type LoginAttempt } from "./login-throttle.server";
import {
  endCeremony,
  findPendingStep,
  issueChallenge,
  rechallengePendingStep,
  rpIdOf,
  takeChallenge,
  type Ceremony,
} from "./passkey-challenges.server";
import { parseTransports, USER_VERIFICATION } from "./passkeys.server";
import { throttledMessage } from "./users.server";

/**
 * Signing in with a passkey: alone (a discoverable credential, no email typed) or as the second
 * step after a correct password. A passkey alone must have verified the person (PIN, fingerprint),
 * since nothing else was shown; after the password, presence is enough.
 */

type Person = { id: number; name: string; agencyId: number | null; email: string };

function stored(credentialId: string) {
  return db
    .select({ passkey: passkeys, user: { id: users.id, name: users.name, agencyId: users.agencyId, email: users.email } })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.id, credentialId))
    .get();
}

/** Verifies the answer with the stored key and moves the counter on; false when it does not hold. */
async function verifiedUse(
  passkey: typeof passkeys.$inferSelect,
  response: AuthenticationResponseJSON,
  issued: { challenge: string; origin: string },
  requireUserVerification: boolean,
  now: number,
): Promise<boolean> {
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    // A counter that does not move on (a copied key) is refused by the library: it throws.
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: issued.challenge,
      expectedOrigin: issued.origin,
      expectedRPID: rpIdOf(issued.origin),
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: parseTransports(passkey.transports),
      },
      requireUserVerification,
    });
  } catch {
    return false;
  }
  if (!result.verified) return false;
  db.update(passkeys)
    .set({
      counter: result.authenticationInfo.newCounter,
      backedUp: result.authenticationInfo.credentialBackedUp,
      lastUsedAt: new Date(now),
    })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.userId, passkey.userId)))
    .run();
  return true;
}

function auditSignIn(user: Person, ip: string, passkeyName: string) {
  recordAudit(db, {
    actor: { userId: user.id, name: user.name, agencyId: user.agencyId, ip },
    networkId: null,
    action: "login.passkey",
    entityType: "user",
    entityId: user.id,
    message: { key: "audit.msg.signedInWithPasskey", params: { name: user.name, passkey: passkeyName } },
  });
}

/** Options for a sign-in with any passkey the device holds for the portal. */
export async function beginPasskeySignIn({ ceremony }: { ceremony: Ceremony }) {
  const options = await generateAuthenticationOptions({
    rpID: rpIdOf(ceremony.origin),
    userVerification: USER_VERIFICATION,
    allowCredentials: [],
  });
  issueChallenge(ceremony, "sign-in", options.challenge);
  return options;
}

/** The user a passkey alone signs in, after checking it against this browser's challenge (once). */
export async function finishPasskeySignIn({
  ceremony,
  response,
  ip,
  now = Date.now(),
}: {
  ceremony: Ceremony;
  response: AuthenticationResponseJSON;
  ip: string;
  now?: number;
}) {
  const issued = takeChallenge(ceremony, "sign-in", {}, now);
  if (!issued) throw new DomainValidationError("form", "passkeys.expired");
  endCeremony(ceremony.browserToken);
  const found = stored(response.id);
  if (!found || !(await verifiedUse(found.passkey, response, issued, true, now))) {
    if (found) {
      recordAudit(db, {
        actor: null,
        networkId: null,
        action: "login.passkey_failed",
        entityType: "user",
        entityId: found.user.id,
        message: { key: "audit.msg.passkeySignInFailed", params: { email: found.user.email, ip } },
      });
    }
    throw new DomainValidationError("form", "passkeys.signInFailed");
  }
  auditSignIn(found.user, ip, found.passkey.name);
  return { userId: found.user.id };
}

/**
 * The correct password of a user who requires a passkey: a pending step for this browser, and no
 * session yet. It ends five minutes after the password.
 */
export function startSecondStep({ ceremony, userId, redirectTo }: { ceremony: Ceremony; userId: number; redirectTo: string }) {
  issueChallenge(ceremony, "second-step", null, { userId, redirectTo });
}

/** Whether this browser has a second step waiting (for the page that asks for it). */
export function hasPendingSecondStep(browserToken: string, now = Date.now()) {
  return findPendingStep(browserToken, now) !== null;
}

/** Options for the second step: only the pending user's own passkeys may answer. */
export async function beginSecondStep({ ceremony }: { ceremony: Ceremony }) {
  const pending = findPendingStep(ceremony.browserToken);
  if (!pending?.userId) throw new DomainValidationError("form", "passkeys.stepExpired");
  const own = db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, pending.userId))
    .all();
  const options = await generateAuthenticationOptions({
    rpID: rpIdOf(ceremony.origin),
    userVerification: USER_VERIFICATION,
    allowCredentials: own.map((p) => ({ id: p.id, transports: parseTransports(p.transports) })),
  });
  if (!rechallengePendingStep(ceremony, options.challenge)) throw new DomainValidationError("form", "passkeys.stepExpired");
  return options;
}

export type SecondStepResult =
  | { ok: true; userId: number; redirectTo: string }
  | { ok: false; messageKey: "passkeys.stepExpired" | "passkeys.stepFailed" }
  | { ok: false; messageKey: "login.locked" | "login.wait"; params: Record<string, number>; retryAfterMs: number };

/**
 * Finishes the second step: the pending user's own passkey, against the challenge issued to this
 * browser (once). A failure counts against the account like a wrong password, and is logged.
 */
export async function finishSecondStep({
  ceremony,
  response,
  ip,
  device = null,
  now = Date.now(),
}: {
  ceremony: Ceremony;
  response: AuthenticationResponseJSON;
  ip: string;
  device?: KnownDevice | null;
  now?: number;
}): Promise<SecondStepResult> {
  const issued = takeChallenge(ceremony, "second-step", {}, now);
  if (!issued?.userId) return { ok: false, messageKey: "passkeys.stepExpired" };
  const user = db
    .select({ id: users.id, name: users.name, agencyId: users.agencyId, email: users.email })
    .from(users)
    .where(eq(users.id, issued.userId))
    .get();
  if (!user) return { ok: false, messageKey: "passkeys.stepExpired" };
  const attempt: LoginAttempt = {
    account: accountKey(user.email, user.id),
    ip,
    knownDevice: device?.accounts.includes(user.id) ? device.id : null,
  };
  const verdict = checkLoginAllowed(attempt, now);
  if (!verdict.allowed) {
    const { key, params } = throttledMessage(verdict);
    return { ok: false, messageKey: key, params, retryAfterMs: verdict.retryAfterMs };
  }
  const found = stored(response.id);
  const own = found && found.passkey.userId === user.id ? found.passkey : null;
  if (!own || !(await verifiedUse(own, response, issued, false, now))) {
    recordLoginFailure(attempt, now);
    recordAudit(db, {
      actor: null,
      networkId: null,
      action: "login.second_step_failed",
      entityType: "user",
      entityId: user.id,
      message: { key: "audit.msg.secondStepFailed", params: { email: user.email, ip } },
    });
    return { ok: false, messageKey: "passkeys.stepFailed" };
  }
  endCeremony(ceremony.browserToken);
  auditSignIn(user, ip, own.name);
  return { ok: true, userId: user.id, redirectTo: issued.redirectTo };
}
