import { and, asc, eq, ne, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { agencies, memberships, sessions, users } from "../../db/schema";
import type { Role } from "~/utils/roles";
import { toCsv } from "~/utils/csv";
import type { Translate } from "~/i18n";
import { recordAudit } from "./audit.server";
import { term } from "./audit-message";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { assertGrantable, manageScope, manageScopeOrNull, withinScope, type ManageScope } from "./member-scope.server";
import { assertCan, type Actor } from "./permissions.server";

export interface MemberFilter {
  agencyId?: number;
  role?: Role;
  query?: string;
}

const memberColumns = {
  membershipId: memberships.id,
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  responsibility: memberships.responsibility,
  agencyId: agencies.id,
  agencyName: agencies.name,
  agencyShortName: agencies.shortName,
};

/** The member directory of the actor's network, ordered by agency and name. */
export function listMembers({ actor, filter = {} }: { actor: Actor; filter?: MemberFilter }) {
  assertCan(actor, "members.view");
  const conditions: SQL[] = [eq(memberships.networkId, actor.networkId)];
  if (filter.agencyId) conditions.push(eq(users.agencyId, filter.agencyId));
  if (filter.role) conditions.push(eq(memberships.role, filter.role));
  if (filter.query) {
    const pattern = `%${filter.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(lower(${users.name}) like ${pattern} escape '\\' or lower(${users.email}) like ${pattern} escape '\\'
        or lower(${memberships.responsibility}) like ${pattern} escape '\\')`,
    );
  }
  const scope = manageScopeOrNull(actor, "members");
  // Whether the actor may change this member, by the same condition their changes are scoped by.
  const manageable = scope ? sql<number>`(${withinScope(scope, users.agencyId, memberships.role)})` : sql<number>`0`;
  return db
    .select({ ...memberColumns, manageable: sql<boolean>`${manageable}`.mapWith(Boolean) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(...conditions))
    .orderBy(sql`${agencies.name} is null`, asc(agencies.name), asc(users.name))
    .all();
}

/** The agency administrators of the network, by agency: who to ask about an agency's people. */
export function listAgencyAdmins({ actor, agencyId }: { actor: Actor; agencyId?: number | null }) {
  assertCan(actor, "members.view");
  const conditions: SQL[] = [eq(memberships.networkId, actor.networkId), eq(memberships.role, "agency_admin")];
  if (agencyId !== undefined) conditions.push(agencyId === null ? sql`${users.agencyId} is null` : eq(users.agencyId, agencyId));
  return db
    .select({ membershipId: memberships.id, name: users.name, email: users.email, agencyId: users.agencyId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...conditions))
    .orderBy(asc(users.name))
    .all();
}

/**
 * A member's page, for those who may change something on it: a manager within their scope (role,
 * responsibility, removal), or the member themselves (their responsibility text). Anyone else: 403.
 */
export function getMemberPage({ actor, membershipId }: { actor: Actor; membershipId: number }) {
  const member = getMember({ actor, membershipId });
  const scope = manageScopeOrNull(actor, "members");
  const manageable =
    scope !== null &&
    Boolean(
      db
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.id, membershipId), withinScope(scope, users.agencyId, memberships.role)))
        .get(),
    );
  const own = member.membershipId === actor.membershipId;
  if (!manageable && !own) throw new ForbiddenError("members.manageOwnAgency");
  return {
    member,
    mode: manageable ? ("manage" as const) : ("own" as const),
    // A facilitator may give any role; an agency administrator only the agency roles.
    roles: scope?.kind === "agency" ? scope.roles : null,
    agencyAdmins: listAgencyAdmins({ actor, agencyId: member.agencyId }),
  };
}

/** One member of the actor's network; a membership of another network is "not found". */
export function getMember({ actor, membershipId }: { actor: Actor; membershipId: number }) {
  assertCan(actor, "members.view");
  const member = db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId)))
    .get();
  if (!member) throw new NotFoundError("member");
  return member;
}

/**
 * The member to change, if the actor's scope reaches them (ownership in the where). A member of the
 * network outside the scope is forbidden, one of no member at all (or of another network) not found.
 */
function findManageableMember(tx: Tx, actor: Actor, scope: ManageScope, membershipId: number) {
  const inNetwork = and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId));
  const member = tx
    .select({
      id: memberships.id,
      role: memberships.role,
      responsibility: memberships.responsibility,
      name: users.name,
      userId: users.id,
      agencyId: users.agencyId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inNetwork, withinScope(scope, users.agencyId, memberships.role)))
    .get();
  if (member) return member;
  const exists = tx.select({ id: memberships.id }).from(memberships).where(inNetwork).get();
  if (exists) throw new ForbiddenError("members.manageOwnAgency");
  throw new NotFoundError("member");
}

function otherFacilitators(tx: Tx, networkId: number, membershipId: number) {
  const [{ count }] = tx
    .select({ count: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, "facilitator"), ne(memberships.id, membershipId)))
    .all();
  return count;
}

/**
 * A facilitator changes a member's role and responsibility; an agency administrator those of their
 * own agency's members, among the agency roles. The network keeps at least one facilitator, and an
 * agency administrator has an agency.
 */
export function updateMember({
  actor,
  membershipId,
  role,
  responsibility,
}: {
  actor: Actor;
  membershipId: number;
  role: Role;
  responsibility: string;
}) {
  const scope = manageScope(actor, "members");
  db.transaction((tx) => {
    // Found first, so another network's id is "not found" whatever role is asked for.
    const member = findManageableMember(tx, actor, scope, membershipId);
    assertGrantable(scope, { role });
    if (role === "agency_admin" && member.agencyId === null) throw new DomainValidationError("role", "agencyAdmin.needsAgency");
    if (member.role === "facilitator" && role !== "facilitator" && otherFacilitators(tx, actor.networkId, membershipId) === 0) {
      throw new DomainValidationError("role", "members.lastFacilitator");
    }
    if (member.role === role && member.responsibility === responsibility) return;
    tx.update(memberships).set({ role, responsibility }).where(eq(memberships.id, membershipId)).run();
    const roleChanged = member.role !== role;
    const responsibilityChanged = member.responsibility !== responsibility;
    const params = {
      name: member.name,
      from: term(`role.inSentence.${member.role}`),
      to: term(`role.inSentence.${role}`),
      responsibility: responsibility || "–",
    };
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: member.role !== role ? "member.role_changed" : "member.updated",
      entityType: "membership",
      entityId: membershipId,
      message: {
        key:
          roleChanged && responsibilityChanged
            ? "audit.msg.memberRoleAndResponsibility"
            : roleChanged
              ? "audit.msg.memberRoleChanged"
              : "audit.msg.memberResponsibility",
        params,
      },
    });
  });
}

/**
 * A facilitator removes a member from the network, an agency administrator a member of their own
 * agency in an agency role. Their account and sessions stay (they may be in other networks), but
 * every request to this network is refused from then on.
 */
export function removeMember({ actor, membershipId }: { actor: Actor; membershipId: number }) {
  const scope = manageScope(actor, "members");
  return db.transaction((tx) => {
    const member = findManageableMember(tx, actor, scope, membershipId);
    if (member.role === "facilitator" && otherFacilitators(tx, actor.networkId, membershipId) === 0) {
      throw new DomainValidationError("role", "members.lastFacilitator");
    }
    tx.delete(memberships).where(eq(memberships.id, membershipId)).run();
    // A user with no network left has no use for open sessions.
    const remaining = tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, member.userId)).get();
    if (!remaining) tx.delete(sessions).where(eq(sessions.userId, member.userId)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "member.removed",
      entityType: "membership",
      entityId: membershipId,
      message: { key: "audit.msg.memberRemoved", params: { name: member.name } },
    });
    return member;
  });
}

/**
 * A member writes what they are responsible for in the network. Only their own membership: the
 * where clause holds the actor's user, so another member's id changes nothing and is refused.
 */
export function updateOwnResponsibility({
  actor,
  membershipId,
  responsibility,
}: {
  actor: Actor;
  membershipId: number;
  responsibility: string;
}) {
  assertCan(actor, "members.editOwnResponsibility");
  db.transaction((tx) => {
    const inNetwork = and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId));
    const member = tx
      .select({ id: memberships.id, responsibility: memberships.responsibility })
      .from(memberships)
      .where(and(inNetwork, eq(memberships.userId, actor.userId)))
      .get();
    if (!member) {
      if (tx.select({ id: memberships.id }).from(memberships).where(inNetwork).get())
        throw new ForbiddenError("members.editOwnResponsibility");
      throw new NotFoundError("member");
    }
    if (member.responsibility === responsibility) return;
    tx.update(memberships).set({ responsibility }).where(eq(memberships.id, member.id)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "member.updated",
      entityType: "membership",
      entityId: member.id,
      message: { key: "audit.msg.ownResponsibility", params: { name: actor.name, responsibility: responsibility || "–" } },
    });
  });
}

/** The directory as CSV in the reader's language, for everyone in the network. */
export function membersCsv({ actor, t, filter = {} }: { actor: Actor; t: Translate; filter?: MemberFilter }) {
  assertCan(actor, "members.export");
  const header = [t("members.agency"), t("members.name"), t("members.email"), t("members.role"), t("members.responsibility")];
  const rows = listMembers({ actor, filter }).map((m) => [
    m.agencyName ?? t("members.noAgency"),
    m.name,
    m.email,
    t(`role.${m.role}`),
    m.responsibility,
  ]);
  return toCsv([header, ...rows]);
}
