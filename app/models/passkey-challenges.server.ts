import { and, eq, gt, isNotNull, lt } from "drizzle-orm";
import { db } from "../../db/client";
import { passkeyChallenges } from "../../db/schema";
import { hashToken } from "~/utils/tokens.server";

/** A ceremony's challenge answers for this long; so does a pending second step after the password. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export type CeremonyPurpose = "register" | "sign-in" | "second-step";

/**
 * Where a ceremony runs: the browser's token (from its HttpOnly cookie, see web/passkey-ceremony)
 * and the origin the page was opened at, whose host is the relying party id.
 */
export interface Ceremony {
  browserToken: string;
  origin: string;
}

export const rpIdOf = (origin: string) => new URL(origin).hostname;

/** Stores the challenge this browser is now answering for; a ceremony begun again replaces it. */
export function issueChallenge(
  ceremony: Ceremony,
  purpose: CeremonyPurpose,
  challenge: string | null,
  { userId = null, redirectTo = "/" }: { userId?: number | null; redirectTo?: string } = {},
  now = Date.now(),
) {
  const values = {
    tokenHash: hashToken(ceremony.browserToken),
    purpose,
    userId,
    challenge,
    origin: ceremony.origin,
    redirectTo,
    createdAt: new Date(now),
    expiresAt: new Date(now + CHALLENGE_TTL_MS),
  };
  db.transaction((tx) => {
    tx.delete(passkeyChallenges)
      .where(lt(passkeyChallenges.expiresAt, new Date(now)))
      .run();
    tx.insert(passkeyChallenges).values(values).onConflictDoUpdate({ target: passkeyChallenges.tokenHash, set: values }).run();
  });
}

/**
 * Takes this browser's challenge for `purpose`, once: it is read and cleared in one transaction,
 * so a second answer to it finds nothing. Null when there is none, it has expired, it was begun at
 * another origin, or (with `userId`) it was issued to someone else.
 */
export function takeChallenge(ceremony: Ceremony, purpose: CeremonyPurpose, { userId }: { userId?: number } = {}, now = Date.now()) {
  const conditions = [
    eq(passkeyChallenges.tokenHash, hashToken(ceremony.browserToken)),
    eq(passkeyChallenges.purpose, purpose),
    eq(passkeyChallenges.origin, ceremony.origin),
    isNotNull(passkeyChallenges.challenge),
    gt(passkeyChallenges.expiresAt, new Date(now)),
  ];
  if (userId !== undefined) conditions.push(eq(passkeyChallenges.userId, userId));
  return db.transaction((tx) => {
    const row = tx
      .select()
      .from(passkeyChallenges)
      .where(and(...conditions))
      .get();
    if (!row?.challenge) return null;
    tx.update(passkeyChallenges).set({ challenge: null }).where(eq(passkeyChallenges.tokenHash, row.tokenHash)).run();
    return { ...row, challenge: row.challenge };
  });
}

/**
 * A new challenge for this browser's pending second step. Its user, target and expiry stay: asking
 * for the passkey again does not lengthen the five minutes after the password. Null without one.
 */
export function rechallengePendingStep(ceremony: Ceremony, challenge: string, now = Date.now()) {
  return (
    db
      .update(passkeyChallenges)
      .set({ challenge, origin: ceremony.origin })
      .where(
        and(
          eq(passkeyChallenges.tokenHash, hashToken(ceremony.browserToken)),
          eq(passkeyChallenges.purpose, "second-step"),
          gt(passkeyChallenges.expiresAt, new Date(now)),
        ),
      )
      .returning()
      .get() ?? null
  );
}

/** A pending second step of this browser that has not expired. */
export function findPendingStep(browserToken: string, now = Date.now()) {
  return (
    db
      .select()
      .from(passkeyChallenges)
      .where(
        and(
          eq(passkeyChallenges.tokenHash, hashToken(browserToken)),
          eq(passkeyChallenges.purpose, "second-step"),
          gt(passkeyChallenges.expiresAt, new Date(now)),
        ),
      )
      .get() ?? null
  );
}

export function endCeremony(browserToken: string) {
  db.delete(passkeyChallenges)
    .where(eq(passkeyChallenges.tokenHash, hashToken(browserToken)))
    .run();
}
