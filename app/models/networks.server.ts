import { and, asc, eq, isNull, gt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "../../db/client";
import { agencies, invitations, memberships, networkAgencies, networks, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { assertCan, type Actor, type UserActor } from "./permissions.server";
import type { Role } from "~/utils/roles";

/** The membership that makes a user an actor in a network, or null when they are not a member. */
export function findMembership(userId: number, networkSlug: string) {
  return (
    db
      .select({
        membershipId: memberships.id,
        role: memberships.role,
        networkId: networks.id,
        networkSlug: networks.slug,
        networkName: networks.name,
      })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .where(and(eq(memberships.userId, userId), eq(networks.slug, networkSlug)))
      .get() ?? null
  );
}

export function findNetworkBySlug(slug: string) {
  return db.select().from(networks).where(eq(networks.slug, slug)).get() ?? null;
}

/** The networks a user takes part in, with their role and the member count, for the front page. */
export function listNetworksForUser(userId: number) {
  const memberCount = db
    .select({ networkId: memberships.networkId, count: sql<number>`count(*)`.as("count") })
    .from(memberships)
    .groupBy(memberships.networkId)
    .as("member_count");
  return db
    .select({
      slug: networks.slug,
      name: networks.name,
      description: networks.description,
      role: memberships.role,
      memberCount: memberCount.count,
    })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .innerJoin(memberCount, eq(memberCount.networkId, networks.id))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(networks.name))
    .all();
}

/** What the network's home page shows: agencies taking part and a few counts. */
export function networkOverview({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "network.view");
  const network = db.select().from(networks).where(eq(networks.id, actor.networkId)).get();
  if (!network) throw new NotFoundError("network");
  const agencyRows = db
    .select({
      id: agencies.id,
      name: agencies.name,
      shortName: agencies.shortName,
      members: sql<number>`(select count(*) from ${memberships} m join ${users} u on u.id = m.user_id
        where m.network_id = ${actor.networkId} and u.agency_id = ${agencies.id})`,
    })
    .from(networkAgencies)
    .innerJoin(agencies, eq(agencies.id, networkAgencies.agencyId))
    .where(eq(networkAgencies.networkId, actor.networkId))
    .orderBy(asc(agencies.name))
    .all();
  const [{ memberCount }] = db
    .select({ memberCount: sql<number>`count(*)` })
    .from(memberships)
    .where(eq(memberships.networkId, actor.networkId))
    .all();
  const [{ pending }] = db
    .select({ pending: sql<number>`count(*)` })
    .from(invitations)
    .where(
      and(
        eq(invitations.networkId, actor.networkId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date(now)),
      ),
    )
    .all();
  return { network, agencies: agencyRows, memberCount, pendingInvitations: pending };
}

/** Agencies taking part in the actor's network. */
/** The agency takes part in the actor's network; otherwise the form's `field` says it does not. */
export function assertAgencyInNetwork(tx: DbOrTx, actor: Actor, agencyId: number | null, field = "agencyId") {
  if (agencyId === null) return;
  const found = tx
    .select({ id: networkAgencies.agencyId })
    .from(networkAgencies)
    .where(and(eq(networkAgencies.networkId, actor.networkId), eq(networkAgencies.agencyId, agencyId)))
    .get();
  if (!found) throw new DomainValidationError(field, "validation.agency");
}

export function listNetworkAgencies({ actor }: { actor: Actor }) {
  assertCan(actor, "network.view");
  return db
    .select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName })
    .from(networkAgencies)
    .innerJoin(agencies, eq(agencies.id, networkAgencies.agencyId))
    .where(eq(networkAgencies.networkId, actor.networkId))
    .orderBy(asc(agencies.name))
    .all();
}

/** Every agency known to the portal (a facilitator may invite from an agency new to the network). */
export function listAllAgencies() {
  return db
    .select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName, orgNumber: agencies.orgNumber })
    .from(agencies)
    .orderBy(asc(agencies.name))
    .all();
}

function assertAdmin(actor: UserActor) {
  if (!actor.isAdmin) throw new ForbiddenError("admin");
}

export function listAllNetworks({ actor }: { actor: UserActor }) {
  assertAdmin(actor);
  return db
    .select({
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
      createdAt: networks.createdAt,
      // A join, not a correlated subquery: inside `sql` drizzle writes the outer column as a bare
      // "id", which the subquery read as the membership's own id, so every network showed 1.
      members: sql<number>`count(${memberships.id})`,
    })
    .from(networks)
    .leftJoin(memberships, eq(memberships.networkId, networks.id))
    .groupBy(networks.id)
    .orderBy(asc(networks.name))
    .all();
}

/** Site admins create networks; the first facilitator is named by email (default: the admin). */
export function createNetwork({
  actor,
  name,
  slug,
  description,
  facilitatorEmail,
}: {
  actor: UserActor;
  name: string;
  slug: string;
  description: string;
  facilitatorEmail: string;
}) {
  assertAdmin(actor);
  return db.transaction((tx) => {
    if (tx.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug)).get()) {
      throw new DomainValidationError("slug", "admin.slugTaken");
    }
    const facilitator = facilitatorEmail
      ? tx.select().from(users).where(eq(users.email, facilitatorEmail)).get()
      : tx.select().from(users).where(eq(users.id, actor.userId)).get();
    if (!facilitator) throw new DomainValidationError("facilitatorEmail", "admin.unknownUser");
    const network = tx.insert(networks).values({ name, slug, description }).returning().get();
    tx.insert(memberships)
      .values({ networkId: network.id, userId: facilitator.id, role: "facilitator" satisfies Role })
      .run();
    if (facilitator.agencyId) {
      tx.insert(networkAgencies).values({ networkId: network.id, agencyId: facilitator.agencyId }).run();
    }
    recordAudit(tx, {
      actor,
      networkId: network.id,
      action: "network.created",
      entityType: "network",
      entityId: network.id,
      message: { key: "audit.msg.networkCreated", params: { name, facilitator: facilitator.name } },
    });
    return network;
  });
}

export function createAgency({
  actor,
  name,
  shortName,
  orgNumber,
}: {
  actor: UserActor;
  name: string;
  shortName: string;
  orgNumber: string;
}) {
  assertAdmin(actor);
  return db.transaction((tx) => {
    const clash = tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(sql`lower(${agencies.name}) = lower(${name}) or lower(${agencies.shortName}) = lower(${shortName})`)
      .get();
    if (clash) throw new DomainValidationError("name", "admin.agencyTaken");
    const agency = tx
      .insert(agencies)
      .values({ name, shortName, orgNumber: orgNumber || null })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      networkId: null,
      action: "agency.created",
      entityType: "agency",
      entityId: agency.id,
      message: { key: "audit.msg.agencyAdded", params: { name, shortName } },
    });
    return agency;
  });
}
