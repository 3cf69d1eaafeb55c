import { and, asc, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, maps, memberships, networks, users } from "../../db/schema";
import type { Role } from "~/utils/roles";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors.server";
import { assertCan, can, type Actor } from "./permissions.server";

export const mapDocName = (mapId: number) => `map:${mapId}`;

export function listMaps({ actor }: { actor: Actor }) {
  assertCan(actor, "maps.view");
  return db.select().from(maps).where(eq(maps.networkId, actor.networkId)).orderBy(asc(maps.title)).all();
}

export function getMap({ actor, mapId }: { actor: Actor; mapId: number }) {
  assertCan(actor, "maps.view");
  const map = db.select().from(maps).where(and(eq(maps.id, mapId), eq(maps.networkId, actor.networkId))).get();
  if (!map) throw new NotFoundError("map");
  return { ...map, canEdit: can(actor.role, "maps.edit") };
}

export function createMap({ actor, title }: { actor: Actor; title: string }, now = Date.now()) {
  assertCan(actor, "maps.edit");
  return db.transaction((tx) => {
    const map = tx.insert(maps).values({ networkId: actor.networkId, title, createdBy: actor.userId, updatedAt: new Date(now) }).returning().get();
    recordAudit(tx, { actor, networkId: actor.networkId, action: "map.created", entityType: "map", entityId: map.id, summary: `Tjenestekjedekartet «${title}» ble opprettet` });
    return map;
  });
}

export interface MapAccess {
  mapId: number;
  networkId: number;
  role: Role;
  canWrite: boolean;
  user: { id: number; name: string; agency: string | null };
}

/**
 * Who may open a map's realtime document: members of the map's network read; facilitators and
 * representatives also write. Null when the user is not a member or the map does not exist.
 */
export function mapAccessForUser(userId: number, mapId: number): MapAccess | null {
  const row = db
    .select({ networkId: maps.networkId, role: memberships.role, name: users.name, agency: agencies.shortName })
    .from(maps)
    .innerJoin(networks, eq(networks.id, maps.networkId))
    .innerJoin(memberships, and(eq(memberships.networkId, maps.networkId), eq(memberships.userId, userId)))
    .innerJoin(users, eq(users.id, userId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(maps.id, mapId))
    .get();
  if (!row) return null;
  return { mapId, networkId: row.networkId, role: row.role, canWrite: can(row.role, "maps.edit"), user: { id: userId, name: row.name, agency: row.agency } };
}

export function touchMap(mapId: number, now = Date.now()) {
  db.update(maps).set({ updatedAt: new Date(now) }).where(eq(maps.id, mapId)).run();
}
