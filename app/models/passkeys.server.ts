import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, asc, count, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { passkeys, users } from "../../db/schema";
import { translator } from "~/i18n";
import { recordAudit } from "./audit.server";
import { ConflictError, DomainValidationError, NotFoundError } from "./errors.server";
import { issueChallenge, rpIdOf, takeChallenge, type Ceremony } from "./passkey-challenges.server";
import type { UserActor } from "./permissions.server";

/**
 * A person's passkeys: adding one (the registration ceremony), the list, removing one, and whether
 * one is required after the password. Only accounts with a password have them: an account that
 * signs in through an OpenID provider has its second step there. Sign-in is in passkey-sign-in.
 */

/** Whether the browser should ask for user verification (PIN, fingerprint); see passkey-sign-in. */
export const USER_VERIFICATION = "preferred" as const;

function accountOf(userId: number) {
  const user = db
    .select({ id: users.id, email: users.email, name: users.name, hasPassword: users.passwordHash, requirePasskey: users.requirePasskey })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) throw new NotFoundError("user");
  return { ...user, hasPassword: user.hasPassword !== null };
}

function passkeyCount(userId: number) {
  return db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId)).get()?.n ?? 0;
}

/** The actor's passkeys (never the key itself) and whether one is required after the password. */
export function listPasskeys({ actor }: { actor: UserActor }) {
  const account = accountOf(actor.userId);
  const list = db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
      backedUp: passkeys.backedUp,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, actor.userId))
    .orderBy(asc(passkeys.createdAt))
    .all();
  return { passkeys: list, required: account.requirePasskey, hasPassword: account.hasPassword };
}

/** Whether this user must show a passkey after the password. */
export function passkeyRequired(userId: number): boolean {
  return db.select({ required: users.requirePasskey }).from(users).where(eq(users.id, userId)).get()?.required ?? false;
}

/** Options for the browser's navigator.credentials.create(), with the challenge stored for this browser. */
export async function beginRegistration({ actor, ceremony }: { actor: UserActor; ceremony: Ceremony }) {
  const account = accountOf(actor.userId);
  if (!account.hasPassword) throw new DomainValidationError("form", "passkeys.needsPassword");
  const existing = db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, actor.userId))
    .all();
  const options = await generateRegistrationOptions({
    rpName: translator("nb")("app.name"),
    rpID: rpIdOf(ceremony.origin),
    userName: account.email,
    userDisplayName: account.name,
    // The same handle for every passkey of the account, so a device keeps one passkey for it.
    userID: new TextEncoder().encode(`user:${account.id}`),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: parseTransports(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: USER_VERIFICATION },
  });
  issueChallenge(ceremony, "register", options.challenge, { userId: actor.userId });
  return options;
}

export function parseTransports(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Checks the browser's answer against the challenge issued to this browser for this user (once),
 * and stores the passkey under the name the person gave it.
 */
export async function finishRegistration({
  actor,
  ceremony,
  name,
  response,
}: {
  actor: UserActor;
  ceremony: Ceremony;
  name: string;
  response: RegistrationResponseJSON;
}) {
  const issued = takeChallenge(ceremony, "register", { userId: actor.userId });
  if (!issued) throw new DomainValidationError("form", "passkeys.expired");
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: issued.challenge,
      expectedOrigin: issued.origin,
      expectedRPID: rpIdOf(issued.origin),
      requireUserVerification: false,
    });
  } catch {
    throw new DomainValidationError("form", "passkeys.notVerified");
  }
  if (!verified.verified) throw new DomainValidationError("form", "passkeys.notVerified");
  const { credential, credentialBackedUp } = verified.registrationInfo;
  const label = name.trim().slice(0, 60);
  return db.transaction((tx) => {
    const taken = tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.id, credential.id)).get();
    if (taken) throw new ConflictError("passkeys.alreadyAdded");
    tx.insert(passkeys)
      .values({
        id: credential.id,
        userId: actor.userId,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        name: label,
        backedUp: credentialBackedUp,
      })
      .run();
    recordAudit(tx, {
      actor,
      networkId: null,
      action: "passkey.added",
      entityType: "user",
      entityId: actor.userId,
      message: { key: "audit.msg.passkeyAdded", params: { name: actor.name, passkey: label } },
    });
    return { id: credential.id, name: label };
  });
}

/**
 * Removes one of the actor's own passkeys (another person's id is "not found"). The last one is
 * not removed while it is required: the person turns the requirement off first, on purpose.
 */
export function removePasskey({ actor, passkeyId }: { actor: UserActor; passkeyId: string }) {
  return db.transaction((tx) => {
    const own = tx
      .select({ id: passkeys.id, name: passkeys.name })
      .from(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, actor.userId)))
      .get();
    if (!own) throw new NotFoundError("passkey");
    const required = tx.select({ required: users.requirePasskey }).from(users).where(eq(users.id, actor.userId)).get()?.required;
    const left = tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, actor.userId)).get()?.n ?? 0;
    if (required && left <= 1) throw new ConflictError("passkeys.lastRequired");
    tx.delete(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, actor.userId)))
      .run();
    recordAudit(tx, {
      actor,
      networkId: null,
      action: "passkey.removed",
      entityType: "user",
      entityId: actor.userId,
      message: { key: "audit.msg.passkeyRemoved", params: { name: actor.name, passkey: own.name } },
    });
    return own;
  });
}

/** Turns "a passkey after the password" on (with at least one passkey) or off. No change, no entry. */
export function setPasskeyRequired({ actor, required }: { actor: UserActor; required: boolean }) {
  const account = accountOf(actor.userId);
  if (required && !account.hasPassword) throw new DomainValidationError("form", "passkeys.needsPassword");
  if (required && passkeyCount(actor.userId) === 0) throw new DomainValidationError("form", "passkeys.requireNeedsOne");
  if (account.requirePasskey === required) return required;
  db.transaction((tx) => {
    tx.update(users).set({ requirePasskey: required }).where(eq(users.id, actor.userId)).run();
    recordAudit(tx, {
      actor,
      networkId: null,
      action: required ? "passkey.required" : "passkey.not_required",
      entityType: "user",
      entityId: actor.userId,
      message: { key: required ? "audit.msg.passkeyRequired" : "audit.msg.passkeyNotRequired", params: { name: actor.name } },
    });
  });
  return required;
}
