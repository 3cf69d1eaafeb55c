import { and, asc, eq, ne, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { agencies, memberships, sessions, users } from "../../db/schema";
import type { Role } from "~/utils/roles";
import { toCsv } from "~/utils/csv";
import type { Translate } from "~/i18n";
import { recordAudit } from "./audit.server";
import { term } from "./audit-message";
import { DomainValidationError, NotFoundError } from "./errors.server";
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
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(...conditions))
    .orderBy(sql`${agencies.name} is null`, asc(agencies.name), asc(users.name))
    .all();
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

function otherFacilitators(tx: Tx, networkId: number, membershipId: number) {
  const [{ count }] = tx
    .select({ count: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, "facilitator"), ne(memberships.id, membershipId)))
    .all();
  return count;
}

/** A facilitator changes a member's role and responsibility. The network keeps at least one facilitator. */
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
  assertCan(actor, "members.manage");
  db.transaction((tx) => {
    const member = tx
      .select({ id: memberships.id, role: memberships.role, responsibility: memberships.responsibility, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId)))
      .get();
    if (!member) throw new NotFoundError("member");
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
 * A facilitator removes a member from the network. Their account and sessions stay (they may be in
 * other networks), but every request to this network is refused from then on.
 */
export function removeMember({ actor, membershipId }: { actor: Actor; membershipId: number }) {
  assertCan(actor, "members.manage");
  return db.transaction((tx) => {
    const member = tx
      .select({ id: memberships.id, role: memberships.role, name: users.name, userId: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, actor.networkId)))
      .get();
    if (!member) throw new NotFoundError("member");
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
