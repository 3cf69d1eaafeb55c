import { and, count, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { memberships, passkeyChallenges, passkeys, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors.server";
import { assertCan, type Actor } from "./permissions.server";

/**
 * A member who lost the device with their passkey: a facilitator of their network resets the second
 * step (the requirement off, every passkey removed), so the member signs in with the password and
 * adds a new passkey. Only members of the facilitator's own network; written to that network's log.
 */

function memberOf(actor: Actor, membershipId: number) {
  const member = db
    .select({ userId: users.id, name: users.name, required: users.requirePasskey })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId)))
    .get();
  if (!member) throw new NotFoundError("member");
  return member;
}

/** How many passkeys the member has and whether one is required after the password. */
export function secondStepOf({ actor, membershipId }: { actor: Actor; membershipId: number }) {
  assertCan(actor, "members.resetSecondStep");
  const member = memberOf(actor, membershipId);
  const passkeyCount = db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, member.userId)).get()?.n ?? 0;
  return { passkeys: passkeyCount, required: member.required };
}

/** Resets the member's second step; returns how many passkeys were removed. Nothing to reset is a no-op. */
export function resetSecondStep({ actor, membershipId }: { actor: Actor; membershipId: number }) {
  assertCan(actor, "members.resetSecondStep");
  return db.transaction((tx) => {
    const member = tx
      .select({ userId: users.id, name: users.name, required: users.requirePasskey })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId)))
      .get();
    if (!member) throw new NotFoundError("member");
    const held = tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, member.userId)).get()?.n ?? 0;
    // Nothing to reset, nothing written (a second click, or a member who never added a passkey).
    if (held === 0 && !member.required) return { name: member.name, removed: 0 };
    const removed = tx.delete(passkeys).where(eq(passkeys.userId, member.userId)).returning({ id: passkeys.id }).all().length;
    tx.update(users).set({ requirePasskey: false }).where(eq(users.id, member.userId)).run();
    // A second step already waiting for the lost passkey ends too.
    tx.delete(passkeyChallenges).where(eq(passkeyChallenges.userId, member.userId)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "passkey.reset",
      entityType: "user",
      entityId: member.userId,
      message: { key: "audit.msg.secondStepReset", params: { name: actor.name, member: member.name, count: removed } },
    });
    return { name: member.name, removed };
  });
}
