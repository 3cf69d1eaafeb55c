/**
 * Sign-in through an OpenID provider: the pending sign-in between leaving for the provider and
 * coming back, who may come in with the identity the provider vouched for, and a person's linked
 * sign-ins. An identity signs in only when linked to an account; it is linked through an
 * invitation, from the account page, or (an agency's own Entra ID tenant, where the network allows
 * it) by verified email within that agency. Only the provider's id and `sub` are stored.
 */
import { and, eq, exists, lt, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, memberships, networks, pendingSignIns, userIdentities, users } from "../../db/schema";
import { hashToken } from "~/utils/tokens.server";
import { acrMeets, type ProviderConfig } from "~/utils/sign-in-config.server";
import { actingOrganisations, nameOf, verifiedEmailOf } from "~/utils/provider-claims";
import type { RefusalReason } from "~/utils/sign-in-refusals";
import { recordAudit } from "./audit.server";
import { term } from "./audit-message";
import { DomainValidationError, NotFoundError } from "./errors.server";
import { InvitationUnusableError, joinThroughInvitation, lookupInvitation } from "./invitations.server";
import { assertCan, type Actor, type UserActor } from "./permissions.server";

/** How long the portal waits for the person to come back from the provider. */
export const PENDING_SIGN_IN_TTL_MS = 10 * 60_000;

export class SignInRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly networkId: number | null = null,
  ) {
    super(`sign-in refused: ${reason}`);
    this.name = "SignInRefusedError";
  }
}

export interface PendingSignInInput {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectTo: string;
  invitationToken?: string | null;
  linkUserId?: number | null;
}

export function beginPendingSignIn(input: PendingSignInInput, now = Date.now()) {
  db.transaction((tx) => {
    tx.delete(pendingSignIns)
      .where(lt(pendingSignIns.expiresAt, new Date(now)))
      .run();
    tx.insert(pendingSignIns)
      .values({
        stateHash: hashToken(input.state),
        provider: input.providerId,
        nonce: input.nonce,
        codeVerifier: input.codeVerifier,
        invitationTokenHash: input.invitationToken ? hashToken(input.invitationToken) : null,
        linkUserId: input.linkUserId ?? null,
        redirectTo: input.redirectTo,
        expiresAt: new Date(now + PENDING_SIGN_IN_TTL_MS),
      })
      .run();
  });
}

export type PendingSignIn = typeof pendingSignIns.$inferSelect;

/** The pending sign-in for this state, spent: a second callback with the same state finds nothing. */
export function takePendingSignIn({ providerId, state }: { providerId: string; state: string }, now = Date.now()): PendingSignIn | null {
  const [row] = db
    .delete(pendingSignIns)
    .where(and(eq(pendingSignIns.stateHash, hashToken(state)), eq(pendingSignIns.provider, providerId)))
    .returning()
    .all();
  if (!row || row.expiresAt.getTime() <= now) return null;
  return row;
}

export interface VouchedIdentity {
  claims: Record<string, unknown> & { sub: string };
  authorizationDetails?: unknown;
}

/** The agency a provider's identity belongs to, by organisation number (Ansattporten's choice, or the Entra tenant's agency). */
function agencyOfIdentity(provider: ProviderConfig, identity: VouchedIdentity): { id: number } | null | "none" {
  const orgNumbers =
    provider.kind === "ansattporten"
      ? actingOrganisations(identity.claims.authorization_details, identity.authorizationDetails)
      : provider.agencyOrgNumber
        ? [provider.agencyOrgNumber]
        : [];
  if (provider.kind === "idporten") return "none";
  if (orgNumbers.length === 0) {
    if (provider.kind === "ansattporten" && !provider.authorizationDetails) return "none";
    throw new SignInRefusedError("noOrganisation");
  }
  for (const orgNumber of orgNumbers) {
    const agency = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.orgNumber, orgNumber)).get();
    if (agency) return agency;
  }
  throw new SignInRefusedError("unknownOrganisation");
}

function hasNetwork(userId: number) {
  return Boolean(db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, userId)).get());
}

function linkedUser(providerId: string, subject: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, agencyId: users.agencyId, isAdmin: users.isAdmin })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.provider, providerId), eq(userIdentities.subject, subject)))
    .get();
}

export type ResolvedSignIn = { userId: number; joined: { networkSlug: string } | null; linked: boolean };

/**
 * Decides who comes in with an identity the provider vouched for (the id token already validated).
 * Throws SignInRefusedError with the reason; the caller audits it. Nothing is created on refusal.
 */
export function resolveProviderSignIn(
  { provider, identity, pending, ip }: { provider: ProviderConfig; identity: VouchedIdentity; pending: PendingSignIn; ip: string },
  now = Date.now(),
): ResolvedSignIn {
  if (provider.acr && !acrMeets(identity.claims.acr, provider.acr)) throw new SignInRefusedError("acr");
  const subject = identity.claims.sub;
  const agency = agencyOfIdentity(provider, identity);
  const agencyId = agency === "none" || agency === null ? null : agency.id;
  const linked = linkedUser(provider.id, subject);

  // Linking from the account page: the signed-in user adds this sign-in.
  if (pending.linkUserId !== null) {
    if (linked && linked.id !== pending.linkUserId) throw new SignInRefusedError("linkedElsewhere");
    const user = db.select().from(users).where(eq(users.id, pending.linkUserId)).get();
    if (!user) throw new SignInRefusedError("noPending");
    if (agencyId !== null && user.agencyId !== agencyId) throw new SignInRefusedError("wrongOrganisation");
    if (!linked) linkIdentity(provider, subject, user, ip, now);
    return { userId: user.id, joined: null, linked: true };
  }

  if (pending.invitationTokenHash !== null) return joinWithIdentity({ provider, subject, identity, agencyId, linked, pending, ip }, now);

  if (linked) {
    if (agencyId !== null && linked.agencyId !== agencyId) throw new SignInRefusedError("wrongOrganisation");
    if (!linked.isAdmin && !hasNetwork(linked.id)) throw new SignInRefusedError("notMember");
    touchIdentity(provider.id, subject, now);
    return { userId: linked.id, joined: null, linked: false };
  }

  // An agency's own tenant, where a network allows it: the person's verified email within that agency.
  if (provider.kind === "entra" && agencyId !== null) {
    const email = verifiedEmailOf(identity.claims);
    const user = email ? userAllowingEmailLinking(email, agencyId) : undefined;
    if (user) {
      linkIdentity(provider, subject, user, ip, now);
      return { userId: user.id, joined: null, linked: true };
    }
  }
  throw new SignInRefusedError("notLinked");
}

/** A user of that agency with that email who is a member of a network that allows linking by email. */
function userAllowingEmailLinking(email: string, agencyId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, agencyId: users.agencyId })
    .from(users)
    .where(
      and(
        eq(users.email, email),
        eq(users.agencyId, agencyId),
        exists(
          db
            .select({ one: sql`1` })
            .from(memberships)
            .innerJoin(networks, eq(networks.id, memberships.networkId))
            .where(and(eq(memberships.userId, users.id), eq(networks.allowEmailLinking, true))),
        ),
      ),
    )
    .get();
}

function joinWithIdentity(
  {
    provider,
    subject,
    identity,
    agencyId,
    linked,
    pending,
    ip,
  }: {
    provider: ProviderConfig;
    subject: string;
    identity: VouchedIdentity;
    agencyId: number | null;
    linked: ReturnType<typeof linkedUser>;
    pending: PendingSignIn;
    ip: string;
  },
  now: number,
): ResolvedSignIn {
  const found = lookupInvitationByHash(pending.invitationTokenHash!, now);
  if (!found) throw new SignInRefusedError("invitation");
  const { invitation } = found;
  if (agencyId !== null && agencyId !== invitation.agencyId) throw new SignInRefusedError("wrongOrganisation", invitation.networkId);
  const existing = db.select().from(users).where(eq(users.email, invitation.email)).get();
  // An account for the invited address that this identity is not linked to: whoever holds the link
  // must not take it over. Its owner signs in as before and links the provider on their account page.
  if (existing && (!linked || linked.id !== existing.id)) throw new SignInRefusedError("existingAccount", invitation.networkId);
  if (linked && !existing) throw new SignInRefusedError("linkedElsewhere", invitation.networkId);

  try {
    return db.transaction((tx) => {
      const user =
        existing ??
        tx
          .insert(users)
          .values({
            email: invitation.email,
            name: nameOf(identity.claims) ?? invitation.email,
            passwordHash: null,
            agencyId: invitation.agencyId,
          })
          .returning()
          .get();
      if (!linked) {
        tx.insert(userIdentities)
          .values({ userId: user.id, provider: provider.id, subject, lastUsedAt: new Date(now) })
          .run();
        recordAudit(tx, {
          actor: { userId: user.id, name: user.name, agencyId: user.agencyId, ip },
          networkId: null,
          action: "identity.linked",
          entityType: "user",
          entityId: user.id,
          message: { key: "audit.msg.identityLinked", params: { name: user.name, provider: provider.label } },
        });
      }
      const joined = joinThroughInvitation(tx, { invitation, user, ip }, now);
      return { userId: user.id, joined: { networkSlug: joined.networkSlug }, linked: !linked };
    });
  } catch (error) {
    if (error instanceof InvitationUnusableError) throw new SignInRefusedError("invitation", invitation.networkId);
    throw error;
  }
}

function lookupInvitationByHash(tokenHash: string, now: number) {
  const found = lookupInvitation({ hash: tokenHash }, now);
  return found.state === "valid" ? found : null;
}

function linkIdentity(
  provider: ProviderConfig,
  subject: string,
  user: { id: number; name: string; agencyId: number | null },
  ip: string,
  now: number,
) {
  db.transaction((tx) => {
    tx.insert(userIdentities)
      .values({ userId: user.id, provider: provider.id, subject, lastUsedAt: new Date(now) })
      .run();
    recordAudit(tx, {
      actor: { userId: user.id, name: user.name, agencyId: user.agencyId, ip },
      networkId: null,
      action: "identity.linked",
      entityType: "user",
      entityId: user.id,
      message: { key: "audit.msg.identityLinked", params: { name: user.name, provider: provider.label } },
    });
  });
}

function touchIdentity(providerId: string, subject: string, now: number) {
  db.update(userIdentities)
    .set({ lastUsedAt: new Date(now) })
    .where(and(eq(userIdentities.provider, providerId), eq(userIdentities.subject, subject)))
    .run();
}

/** A refused sign-in in the audit log: which provider and why, never a token or the person's number. */
export function recordSignInRefused({
  provider,
  reason,
  networkId,
  ip,
}: {
  provider: ProviderConfig | null;
  reason: RefusalReason;
  networkId: number | null;
  ip: string;
}) {
  recordAudit(db, {
    actor: null,
    networkId,
    action: "login.refused",
    entityType: "identity",
    entityId: provider?.id ?? "",
    message: { key: "audit.msg.signInRefused", params: { provider: provider?.label ?? "?", reason: term(`signIn.refused.${reason}`), ip } },
  });
}

export function recordProviderSignIn({ provider, userId, ip }: { provider: ProviderConfig; userId: number; ip: string }) {
  const user = db.select({ name: users.name, agencyId: users.agencyId }).from(users).where(eq(users.id, userId)).get();
  if (!user) return;
  recordAudit(db, {
    actor: { userId, name: user.name, agencyId: user.agencyId, ip },
    networkId: null,
    action: "login.succeeded",
    entityType: "user",
    entityId: userId,
    message: { key: "audit.msg.signedInWith", params: { name: user.name, provider: provider.label } },
  });
}

/** The actor's linked sign-ins, for their account page. */
export function listIdentities({ actor }: { actor: UserActor }) {
  return db
    .select({
      id: userIdentities.id,
      provider: userIdentities.provider,
      createdAt: userIdentities.createdAt,
      lastUsedAt: userIdentities.lastUsedAt,
    })
    .from(userIdentities)
    .where(eq(userIdentities.userId, actor.userId))
    .orderBy(userIdentities.createdAt)
    .all();
}

/** Removes one of the actor's own linked sign-ins; never the last way in of an account without a password. */
export function unlinkIdentity({ actor, identityId, providerLabel }: { actor: UserActor; identityId: number; providerLabel: string }) {
  db.transaction((tx) => {
    const user = tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).get();
    const count = tx
      .select({ n: sql<number>`count(*)` })
      .from(userIdentities)
      .where(eq(userIdentities.userId, actor.userId))
      .get();
    const removed = tx
      .delete(userIdentities)
      .where(and(eq(userIdentities.id, identityId), eq(userIdentities.userId, actor.userId)))
      .returning({ id: userIdentities.id })
      .all();
    if (removed.length === 0) throw new NotFoundError("identity");
    if (!user?.passwordHash && (count?.n ?? 0) <= 1) throw new DomainValidationError("form", "signIns.lastWayIn");
    recordAudit(tx, {
      actor,
      networkId: null,
      action: "identity.unlinked",
      entityType: "user",
      entityId: actor.userId,
      message: { key: "audit.msg.identityUnlinked", params: { name: actor.name, provider: providerLabel } },
    });
  });
}

/** Whether the account has a password (the account page offers passkeys and password sign-in only then). */
export function hasPassword(userId: number): boolean {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  return Boolean(row?.passwordHash);
}

/** Whether members may be linked by verified email from their agency's own Entra ID tenant. */
export function emailLinkingOf({ actor }: { actor: Actor }): boolean {
  assertCan(actor, "network.settings");
  return Boolean(db.select({ allow: networks.allowEmailLinking }).from(networks).where(eq(networks.id, actor.networkId)).get()?.allow);
}

/** A facilitator allows or stops linking by verified email (without an invitation link) in their network. */
export function setEmailLinking({ actor, allow }: { actor: Actor; allow: boolean }) {
  assertCan(actor, "network.settings");
  db.transaction((tx) => {
    const changed = tx
      .update(networks)
      .set({ allowEmailLinking: allow })
      .where(and(eq(networks.id, actor.networkId), eq(networks.allowEmailLinking, !allow)))
      .returning({ id: networks.id })
      .all();
    if (changed.length === 0) return;
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "network.emailLinking",
      entityType: "network",
      entityId: actor.networkId,
      message: { key: allow ? "audit.msg.emailLinkingOn" : "audit.msg.emailLinkingOff", params: { name: actor.name } },
    });
  });
}
