import { and, asc, eq, gt, isNull, not } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { hashToken, newToken } from "~/utils/tokens.server";
import { agencies, invitations, memberships, networkAgencies, networks, users } from "../../db/schema";
import { formatDateTime, translator, type Locale, type MessageKey } from "~/i18n";
import { ROLES, type Role } from "~/utils/roles";
import { recordAudit } from "./audit.server";
import { term } from "./audit-message";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { assertGrantable, manageScope, withinScope } from "./member-scope.server";
import { enqueueEmail } from "./outbox.server";
import { accountKey, checkLoginAllowed, recordLoginFailure, type LoginAttempt } from "./login-throttle.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { throttledMessage } from "./users.server";
import type { Actor } from "./permissions.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * A facilitator invites someone by email; an agency administrator someone of their own agency, in an
 * agency role. The single-use link goes out through the outbox in the same transaction; an earlier
 * pending invitation to the same address in this network is withdrawn (for an agency administrator
 * only one of their scope: they cannot withdraw a facilitator's invitation to another agency).
 */
export function createInvitation(
  {
    actor,
    email,
    role,
    agencyId,
    responsibility,
    baseUrl,
    locale,
  }: {
    actor: Actor;
    email: string;
    role: Role;
    agencyId: number;
    responsibility: string;
    baseUrl: string;
    locale: Locale;
  },
  now = Date.now(),
) {
  const scope = manageScope(actor, "invitations");
  assertGrantable(scope, { role, agencyId });
  const token = newToken();
  const expiresAt = new Date(now + INVITATION_TTL_MS);
  const invitation = db.transaction((tx) => {
    const agency = tx.select().from(agencies).where(eq(agencies.id, agencyId)).get();
    if (!agency) throw new DomainValidationError("agencyId", "validation.agency");
    // Someone who already has an account joins as a person of their own agency, whatever the
    // invitation names; an agency administrator may only bring in their own agency's people.
    if (scope.kind === "agency") {
      const account = tx.select({ agencyId: users.agencyId }).from(users).where(eq(users.email, email)).get();
      if (account && account.agencyId !== scope.agencyId)
        throw new DomainValidationError("email", "agencyAdmin.otherAgencyAccount", { email });
    }
    const alreadyMember = tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.networkId, actor.networkId), eq(users.email, email)))
      .get();
    if (alreadyMember) throw new DomainValidationError("email", "invite.alreadyMember", { email });
    const earlier = and(
      eq(invitations.networkId, actor.networkId),
      eq(invitations.email, email),
      isNull(invitations.acceptedAt),
      isNull(invitations.revokedAt),
    );
    // Replacing a pending invitation someone else made to another agency (or role) is not theirs to do.
    if (scope.kind === "agency") {
      const outside = tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(and(earlier, gt(invitations.expiresAt, new Date(now)), not(withinScope(scope, invitations.agencyId, invitations.role))))
        .get();
      if (outside) throw new DomainValidationError("email", "agencyAdmin.pendingElsewhere", { email });
    }
    tx.update(invitations)
      .set({ revokedAt: new Date(now) })
      .where(earlier)
      .run();
    const row = tx
      .insert(invitations)
      .values({
        networkId: actor.networkId,
        email,
        role,
        agencyId,
        responsibility,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        createdAt: new Date(now),
        expiresAt,
      })
      .returning()
      .get();
    const t = translator(locale);
    enqueueEmail(tx, {
      networkId: actor.networkId,
      to: email,
      subject: t("email.invite.subject", { network: actor.networkName }),
      text: t("email.invite.body", {
        inviter: actor.name,
        network: actor.networkName,
        role: t(`role.${role}`).toLowerCase(),
        agency: agency.name,
        expires: formatDateTime(locale, expiresAt),
        link: `${baseUrl}/invitation/${token}`,
      }),
    });
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "invitation.created",
      entityType: "invitation",
      entityId: row.id,
      message: { key: "audit.msg.invited", params: { email, role: term(`role.inSentence.${role}`), agency: agency.shortName } },
    });
    return row;
  });
  return { invitation, token };
}

/**
 * What the invitation form offers the actor: every agency and role to a facilitator; their own
 * agency and the agency roles to an agency administrator (the model refuses anything else).
 */
export function invitationChoices({ actor }: { actor: Actor }) {
  const scope = manageScope(actor, "invitations");
  const all = db
    .select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName })
    .from(agencies)
    .where(scope.kind === "agency" ? eq(agencies.id, scope.agencyId) : undefined)
    .orderBy(asc(agencies.name))
    .all();
  return {
    ownAgency: scope.kind === "agency" ? (all[0] ?? null) : null,
    agencies: all,
    roles: scope.kind === "agency" ? scope.roles : ROLES,
  };
}

/** Invitations of the network (of the actor's scope) that are neither used, withdrawn nor expired. */
export function listPendingInvitations({ actor }: { actor: Actor }, now = Date.now()) {
  const scope = manageScope(actor, "invitations");
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      agencyName: agencies.name,
      responsibility: invitations.responsibility,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      invitedBy: users.name,
    })
    .from(invitations)
    .innerJoin(agencies, eq(agencies.id, invitations.agencyId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.networkId, actor.networkId),
        withinScope(scope, invitations.agencyId, invitations.role),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date(now)),
      ),
    )
    .orderBy(asc(invitations.expiresAt))
    .all();
}

/** Withdraws a pending invitation of the actor's scope; one of the network outside it is forbidden. */
export function revokeInvitation({ actor, invitationId }: { actor: Actor; invitationId: number }, now = Date.now()) {
  const scope = manageScope(actor, "invitations");
  return db.transaction((tx) => {
    const pending = and(
      eq(invitations.id, invitationId),
      eq(invitations.networkId, actor.networkId),
      isNull(invitations.acceptedAt),
      isNull(invitations.revokedAt),
    );
    const row = tx
      .select()
      .from(invitations)
      .where(and(pending, withinScope(scope, invitations.agencyId, invitations.role)))
      .get();
    if (!row) {
      if (tx.select({ id: invitations.id }).from(invitations).where(pending).get()) throw new ForbiddenError("invitations.manageOwnAgency");
      throw new NotFoundError("invitation");
    }
    tx.update(invitations)
      .set({ revokedAt: new Date(now) })
      .where(eq(invitations.id, row.id))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: row.id,
      message: { key: "audit.msg.invitationRevoked", params: { email: row.email } },
    });
    return row;
  });
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** What an invitation link leads to, for the page the invitee opens (or a sign-in that keeps only the token's hash). */
export function lookupInvitation(token: string | { hash: string }, now = Date.now()) {
  const row = db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      networkId: networks.id,
      networkSlug: networks.slug,
      networkName: networks.name,
      agencyId: agencies.id,
      agencyName: agencies.name,
      responsibility: invitations.responsibility,
    })
    .from(invitations)
    .innerJoin(networks, eq(networks.id, invitations.networkId))
    .innerJoin(agencies, eq(agencies.id, invitations.agencyId))
    .where(eq(invitations.tokenHash, typeof token === "string" ? hashToken(token) : token.hash))
    .get();
  if (!row) return { state: "unknown" as const, invitation: null, existingUser: false };
  const state: InvitationState = row.acceptedAt ? "used" : row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "valid";
  const existingUser = Boolean(db.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get());
  return { state, invitation: row, existingUser };
}

export type UnusableState = Exclude<InvitationState, "valid">;

/** What the invitee reads when the link cannot be used. */
export const UNUSABLE_MESSAGE = {
  unknown: "accept.unknown",
  expired: "accept.expired",
  used: "accept.used",
  revoked: "accept.revoked",
} satisfies Record<UnusableState, MessageKey>;

/**
 * What the page behind an invitation link may show anyone holding it: the invitation, not its token
 * or who sent it; or, when the link cannot be used, why (a message key).
 */
export function invitationForInvitee(token: string, now = Date.now()) {
  const found = lookupInvitation(token, now);
  if (found.state !== "valid")
    return { state: found.state, unusable: UNUSABLE_MESSAGE[found.state], invitation: null, existingUser: false };
  const { email, role, networkName, agencyName } = found.invitation;
  return { state: found.state, invitation: { email, role, networkName, agencyName }, existingUser: found.existingUser };
}

/** The link cannot be used (anymore): a whole-form error with the state's words, answered with 400. */
export class InvitationUnusableError extends DomainValidationError {
  constructor(readonly state: UnusableState) {
    super("form", UNUSABLE_MESSAGE[state]);
    this.name = "InvitationUnusableError";
  }
}

/**
 * Accepts an invitation. A new person gives name and password and an account is made; someone who
 * already has an account proves it with their password. Either way the membership is created, the
 * agency joins the network if it was not in it, and the link is spent, all in one transaction.
 */
export async function acceptInvitation(
  input:
    | { token: string; kind: "new"; name: string; password: string; ip: string }
    | { token: string; kind: "existing"; password: string; ip: string },
  now = Date.now(),
) {
  const found = lookupInvitation(input.token, now);
  if (found.state !== "valid") throw new InvitationUnusableError(found.state);
  const invitation = found.invitation;

  let existing = db.select().from(users).where(eq(users.email, invitation.email)).get();
  if (input.kind === "existing" || existing) {
    // The same password check as sign-in, so it is throttled the same way.
    const attempt: LoginAttempt = { account: accountKey(invitation.email, existing?.id), ip: input.ip, knownDevice: null };
    const verdict = checkLoginAllowed(attempt, now);
    if (!verdict.allowed) {
      const { key, params } = throttledMessage(verdict);
      throw new DomainValidationError("password", key, params);
    }
    if (!existing || !(await verifyPassword(existing.passwordHash, input.password))) {
      recordLoginFailure(attempt, now);
      throw new DomainValidationError("password", "accept.wrongPassword");
    }
  }
  const passwordHash = existing ? null : await hashPassword(input.password);

  return db.transaction((tx) => {
    existing ??= tx.select().from(users).where(eq(users.email, invitation.email)).get();
    const user =
      existing ??
      tx
        .insert(users)
        .values({
          email: invitation.email,
          name: input.kind === "new" ? input.name : invitation.email,
          passwordHash: passwordHash!,
          agencyId: invitation.agencyId,
        })
        .returning()
        .get();
    return joinThroughInvitation(tx, { invitation, user, ip: input.ip }, now);
  });
}

type ValidInvitation = NonNullable<ReturnType<typeof lookupInvitation>["invitation"]>;

/**
 * Spends a valid invitation for a user: the membership, the agency in the network and the audit
 * entry. Inside the caller's transaction, which checks the link again first: two tabs accepting at
 * once must not both succeed. Also used when the invitee signs in through a provider.
 */
export function joinThroughInvitation(
  tx: Tx,
  {
    invitation,
    user,
    ip,
  }: { invitation: ValidInvitation; user: { id: number; name: string; email: string; agencyId: number | null }; ip: string },
  now = Date.now(),
) {
  const spent = tx
    .update(invitations)
    .set({ acceptedAt: new Date(now), acceptedBy: user.id })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id })
    .all();
  if (spent.length === 0) throw new InvitationUnusableError("used");
  tx.insert(memberships)
    .values({
      networkId: invitation.networkId,
      userId: user.id,
      role: invitation.role,
      responsibility: invitation.responsibility,
    })
    .onConflictDoNothing()
    .run();
  tx.insert(networkAgencies).values({ networkId: invitation.networkId, agencyId: invitation.agencyId }).onConflictDoNothing().run();
  recordAudit(tx, {
    actor: { userId: user.id, name: user.name, agencyId: user.agencyId, ip },
    networkId: invitation.networkId,
    action: "invitation.accepted",
    entityType: "invitation",
    entityId: invitation.id,
    message: { key: "audit.msg.invitationAccepted", params: { name: user.name, email: user.email } },
  });
  return { userId: user.id, networkSlug: invitation.networkSlug };
}
