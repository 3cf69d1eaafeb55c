import { and, asc, desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { db } from "../../db/client";
import {
  compactions,
  initDoc,
  loadDoc,
  loggedUpdates,
  replaceDocument,
  saveSnapshot,
  storedVersion,
  UnreadableDocumentError,
  verifiedState,
} from "../../db/doc-store";
import { agencies, docSnapshots, maps, meetings, memberships, networks, users } from "../../db/schema";
import { DEFAULT_STAGES, fillFromJson, parts, toJson, type MapEdge, type MapJson, type MapNode, type Obstacle } from "~/utils/map-model";
import { mapContentValid, mapJsonSchema } from "~/utils/map-schema";
import { guardedInMemory, type GuardedDoc } from "~/utils/map-update-guard";
import type { Role } from "~/utils/roles";
import type { AuditMessage } from "./audit-message";
import { recordAudit } from "./audit.server";
import { DamagedMapError, DomainValidationError, NotFoundError } from "./errors.server";
import { assertCan, can, type Actor } from "./permissions.server";

import { mapDocName } from "~/utils/map-doc-name";

/** What is known of each map's stored document, per stored version: checked again only after a write. */
const health = new Map<number, { version: string; damaged: boolean }>();

/**
 * The map's document as stored, checked: it loads, holds only what a map may hold, and encodes and
 * loads again as itself (what a newcomer's sync and a compaction rely on). Every reader of a map's
 * content goes through here; the full check runs once per stored version. Throws DamagedMapError.
 */
export function openMapDoc(mapId: number): Y.Doc {
  const docName = mapDocName(mapId);
  const version = storedVersion(docName);
  const known = health.get(mapId);
  if (known?.version === version && known.damaged) throw new DamagedMapError(mapId);
  let doc: Y.Doc;
  try {
    doc = loadDoc(docName);
  } catch (error) {
    if (!(error instanceof UnreadableDocumentError)) throw error;
    health.set(mapId, { version, damaged: true });
    throw new DamagedMapError(mapId);
  }
  if (known?.version === version) return doc;
  const sound = mapContentValid(doc) && verifiedState(doc) !== null;
  health.set(mapId, { version, damaged: !sound });
  if (!sound) {
    doc.destroy();
    throw new DamagedMapError(mapId);
  }
  return doc;
}

export function isMapDamaged(mapId: number): boolean {
  const known = health.get(mapId);
  if (known && known.version === storedVersion(mapDocName(mapId))) return known.damaged;
  try {
    openMapDoc(mapId).destroy();
    return false;
  } catch (error) {
    if (error instanceof DamagedMapError) return true;
    throw error;
  }
}

export function listMaps({ actor }: { actor: Actor }) {
  assertCan(actor, "maps.view");
  return db.select().from(maps).where(eq(maps.networkId, actor.networkId)).orderBy(asc(maps.title)).all();
}

export function getMap({ actor, mapId }: { actor: Actor; mapId: number }) {
  assertCan(actor, "maps.view");
  const map = db
    .select()
    .from(maps)
    .where(and(eq(maps.id, mapId), eq(maps.networkId, actor.networkId)))
    .get();
  if (!map) throw new NotFoundError("map");
  return { ...map, canEdit: can(actor.role, "maps.edit"), canRepair: can(actor.role, "maps.repair"), damaged: isMapDamaged(map.id) };
}

/**
 * A new map, with the content of an imported file or else empty with the method's three stages, so
 * the first box has a column to go in. The document is written in the same transaction as the row.
 */
export function createMap({ actor, title, content }: { actor: Actor; title: string; content?: MapJson }, now = Date.now()) {
  assertCan(actor, "maps.edit");
  const doc = new Y.Doc();
  fillFromJson(doc, content ?? { format: "samhandlingsportalen.map", version: 1, title, stages: DEFAULT_STAGES, nodes: {}, edges: {} });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return db.transaction((tx) => {
    const map = tx
      .insert(maps)
      .values({ networkId: actor.networkId, title, createdBy: actor.userId, updatedAt: new Date(now) })
      .returning()
      .get();
    initDoc(mapDocName(map.id), state);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "map.created",
      entityType: "map",
      entityId: map.id,
      message: { key: "audit.msg.mapCreated", params: { title } },
    });
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
 * Who may open a map's realtime document: members whose role may view maps read (maps.view), roles
 * with maps.edit also write; the same matrix as the pages. Null for anyone else or no such map.
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
  // The same matrix as the pages: a role without maps.view gets no socket either.
  if (!row || !can(row.role, "maps.view")) return null;
  return {
    mapId,
    networkId: row.networkId,
    role: row.role,
    canWrite: can(row.role, "maps.edit"),
    user: { id: userId, name: row.name, agency: row.agency },
  };
}

export function touchMap(mapId: number, now = Date.now()) {
  db.update(maps)
    .set({ updatedAt: new Date(now) })
    .where(eq(maps.id, mapId))
    .run();
}

// ---- versions, import and obstacles -----------------------------------------------------------

function mapInNetwork(actor: Actor, mapId: number) {
  const map = db
    .select()
    .from(maps)
    .where(and(eq(maps.id, mapId), eq(maps.networkId, actor.networkId)))
    .get();
  if (!map) throw new NotFoundError("map");
  return map;
}

/** A named version of the map as it is now ("as agreed at the meeting of 28 April"). */
export function saveMapVersion({ actor, mapId, name, meetingId }: { actor: Actor; mapId: number; name: string; meetingId: number | null }) {
  assertCan(actor, "maps.edit");
  const map = mapInNetwork(actor, mapId);
  if (
    meetingId !== null &&
    !db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, actor.networkId)))
      .get()
  ) {
    throw new DomainValidationError("meetingId", "measures.unknownMeeting");
  }
  let doc: Y.Doc;
  try {
    doc = openMapDoc(map.id);
  } catch (error) {
    if (error instanceof DamagedMapError) throw new DomainValidationError("name", "maps.damagedNoVersion");
    throw error;
  }
  const version = saveSnapshot(mapDocName(map.id), Y.encodeStateAsUpdate(doc), { name, meetingId, createdBy: actor.userId });
  doc.destroy();
  recordAudit(db, {
    actor,
    networkId: actor.networkId,
    action: "map.version_saved",
    entityType: "map",
    entityId: map.id,
    message: { key: "audit.msg.mapVersionSaved", params: { name, title: map.title } },
  });
  return version;
}

export function listMapVersions({ actor, mapId }: { actor: Actor; mapId: number }) {
  assertCan(actor, "maps.view");
  const map = mapInNetwork(actor, mapId);
  return db
    .select({
      id: docSnapshots.id,
      name: docSnapshots.name,
      createdAt: docSnapshots.createdAt,
      meetingId: docSnapshots.meetingId,
      meetingStartsAt: meetings.startsAt,
      by: users.name,
    })
    .from(docSnapshots)
    .leftJoin(meetings, eq(meetings.id, docSnapshots.meetingId))
    .leftJoin(users, eq(users.id, docSnapshots.createdBy))
    .where(and(eq(docSnapshots.docName, mapDocName(map.id)), eq(docSnapshots.kind, "version")))
    .orderBy(desc(docSnapshots.id))
    .all();
}

/** A saved version as plain JSON, for viewing read-only and for restoring in the editor. */
export function getMapVersion({ actor, mapId, versionId }: { actor: Actor; mapId: number; versionId: number }): {
  name: string;
  json: MapJson;
} {
  assertCan(actor, "maps.view");
  const map = mapInNetwork(actor, mapId);
  const row = db
    .select()
    .from(docSnapshots)
    .where(and(eq(docSnapshots.id, versionId), eq(docSnapshots.docName, mapDocName(map.id)), eq(docSnapshots.kind, "version")))
    .get();
  if (!row) throw new NotFoundError("version");
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, row.state);
    if (!mapContentValid(doc)) throw new DamagedMapError(map.id);
    return { name: row.name, json: toJson(doc, map.title) };
  } catch (error) {
    throw error instanceof DamagedMapError ? error : new DamagedMapError(map.id);
  } finally {
    doc.destroy();
  }
}

/** The map as it is now, as JSON (export). */
export function exportMapJson({ actor, mapId }: { actor: Actor; mapId: number }): MapJson {
  assertCan(actor, "maps.view");
  const map = mapInNetwork(actor, mapId);
  const doc = openMapDoc(map.id);
  const json = toJson(doc, map.title);
  doc.destroy();
  return json;
}

/**
 * A new map from the text of an exported JSON file, refused on the file's field when it is no map
 * (not JSON, not the export's shape, arrows between boxes that are not there). The title is the
 * file's unless another is given.
 */
export function importMap({ actor, content, title }: { actor: Actor; content: string; title?: string }) {
  assertCan(actor, "maps.edit");
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new DomainValidationError("file", "maps.importInvalid");
  }
  const checked = mapJsonSchema.safeParse(parsed);
  if (!checked.success) throw new DomainValidationError("file", "maps.importInvalid");
  const json = checked.data;
  const nodeIds = new Set(Object.keys(json.nodes));
  for (const edge of Object.values(json.edges)) {
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) throw new DomainValidationError("file", "maps.importBrokenEdge");
  }
  return createMap({ actor, title: title ?? json.title, content: json });
}

export interface ObstacleRow {
  mapId: number;
  mapTitle: string;
  elementId: string;
  element: "node" | "edge";
  label: string;
  agency: string | null;
  obstacle: Obstacle;
}

/** The obstacles marked on one map's boxes and arrows. */
function obstaclesOn(map: { id: number; title: string }, doc: Y.Doc): ObstacleRow[] {
  const rows: ObstacleRow[] = [];
  const { nodes, edges } = parts(doc);
  nodes.forEach((node: MapNode, id: string) => {
    if (node.obstacle)
      rows.push({
        mapId: map.id,
        mapTitle: map.title,
        elementId: id,
        element: "node",
        label: node.label,
        agency: node.agency ?? null,
        obstacle: node.obstacle,
      });
  });
  edges.forEach((edge: MapEdge, id: string) => {
    if (!edge.obstacle) return;
    const from = nodes.get(edge.source);
    const to = nodes.get(edge.target);
    rows.push({
      mapId: map.id,
      mapTitle: map.title,
      elementId: id,
      element: "edge",
      label: `${from?.label ?? "?"} → ${to?.label ?? "?"}`,
      agency: from?.agency ?? to?.agency ?? null,
      obstacle: edge.obstacle,
    });
  });
  return rows;
}

/**
 * Every obstacle marked on the network's maps. A map that cannot be loaded is listed apart instead
 * of taking the list down. (With the measures made of them: obstacle-measures.server.ts.)
 */
export function obstaclesOfNetwork({ actor }: { actor: Actor }): {
  obstacles: ObstacleRow[];
  damagedMaps: Array<{ id: number; title: string }>;
} {
  assertCan(actor, "maps.view");
  const rows: ObstacleRow[] = [];
  const damagedMaps: Array<{ id: number; title: string }> = [];
  for (const map of listMaps({ actor })) {
    let doc: Y.Doc;
    try {
      doc = openMapDoc(map.id);
    } catch (error) {
      if (!(error instanceof DamagedMapError)) throw error;
      damagedMaps.push({ id: map.id, title: map.title });
      continue;
    }
    rows.push(...obstaclesOn(map, doc));
    doc.destroy();
  }
  return { obstacles: rows, damagedMaps };
}

/** One obstacle on one of the network's maps; not found when it is not there. */
export function findObstacle({ actor, mapId, elementId }: { actor: Actor; mapId: number; elementId: string }): ObstacleRow {
  assertCan(actor, "maps.view");
  const map = mapInNetwork(actor, mapId);
  const doc = openMapDoc(map.id);
  const found = obstaclesOn(map, doc).find((o) => o.elementId === elementId);
  doc.destroy();
  if (!found) throw new NotFoundError("obstacle");
  return found;
}

// ---- a damaged map --------------------------------------------------------------------------------

/**
 * The most of a damaged map that still loads: the newest compaction that loads and fits the map
 * model, then (on the newest only) every logged change after it that passes the realtime gate, in
 * order. Null when nothing loads.
 */
function recoverLatest(docName: string): { state: Uint8Array; kept: number; skipped: number; lostCompactions: number } | null {
  const candidates = compactions(docName);
  const starts = candidates.length
    ? candidates.map((c, i) => ({ state: c.state as Uint8Array | null, upTo: c.upToUpdateId, newest: i === 0 }))
    : [{ state: null, upTo: 0, newest: true }];
  for (const [index, start] of starts.entries()) {
    let guarded: GuardedDoc;
    try {
      guarded = guardedInMemory(start.state);
    } catch {
      continue;
    }
    if (!mapContentValid(guarded.doc)) {
      guarded.destroy();
      continue;
    }
    let kept = 0;
    let skipped = 0;
    if (start.newest) {
      for (const update of loggedUpdates(docName, start.upTo)) {
        const result = guarded.apply(update);
        if (result.kind === "accepted" || result.kind === "unchanged") kept++;
        else skipped++;
      }
    } else {
      skipped = loggedUpdates(docName, starts[0].upTo).length;
    }
    const state = mapContentValid(guarded.doc) ? verifiedState(guarded.doc) : null;
    guarded.destroy();
    if (state) return { state, kept, skipped, lostCompactions: index };
  }
  return null;
}

/** What a facilitator can restore a damaged map from: the most that still loads, and its named versions. */
export function mapRecoveryOptions({ actor, mapId }: { actor: Actor; mapId: number }) {
  assertCan(actor, "maps.repair");
  const map = mapInNetwork(actor, mapId);
  const latest = recoverLatest(mapDocName(map.id));
  return { latest: latest ? { kept: latest.kept, skipped: latest.skipped, olderSnapshot: latest.lostCompactions > 0 } : null };
}

/**
 * Restores a damaged map from the most that still loads, or from a named version. What was stored
 * before is kept aside under another document name (not deleted), so it can still be examined.
 */
export function restoreDamagedMap(
  { actor, mapId, from }: { actor: Actor; mapId: number; from: "latest" | { versionId: number } },
  now = Date.now(),
) {
  assertCan(actor, "maps.repair");
  const map = mapInNetwork(actor, mapId);
  if (!isMapDamaged(map.id)) throw new DomainValidationError("form", "maps.notDamaged");
  const docName = mapDocName(map.id);
  let state: Uint8Array | null = null;
  let message: AuditMessage;
  if (from === "latest") {
    state = recoverLatest(docName)?.state ?? null;
    message = { key: "audit.msg.mapRestoredLatest", params: { title: map.title } };
  } else {
    const version = db
      .select()
      .from(docSnapshots)
      .where(and(eq(docSnapshots.id, from.versionId), eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "version")))
      .get();
    if (!version) throw new NotFoundError("version");
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, version.state);
      if (mapContentValid(doc)) state = verifiedState(doc);
    } catch {
      state = null;
    }
    doc.destroy();
    message = { key: "audit.msg.mapRestoredVersion", params: { title: map.title, name: version.name } };
  }
  if (!state) throw new DomainValidationError("form", "maps.restoreNothing");
  const restored = state;
  db.transaction((tx) => {
    replaceDocument(docName, restored, `${docName}:damaged:${new Date(now).toISOString()}`);
    tx.update(maps)
      .set({ updatedAt: new Date(now) })
      .where(eq(maps.id, map.id))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "map.restored",
      entityType: "map",
      entityId: map.id,
      message,
    });
  });
  health.delete(map.id);
}
