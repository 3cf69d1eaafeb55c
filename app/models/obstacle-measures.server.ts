/**
 * Obstacles on the maps and the measures made of them: the obstacle list, the map's side panel and
 * "make a measure" join the maps (maps.server.ts) and the portfolio (measures.server.ts) here, so
 * neither of those imports the other.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { db } from "../../db/client";
import { measures } from "../../db/schema";
import type { Translate } from "~/i18n";
import type { MeasureStatus, Phase } from "~/utils/measures";
import { findObstacle as findMapObstacle, obstaclesOfNetwork, type ObstacleRow } from "./maps.server";
import { insertMeasure, type MeasureInput } from "./measures.server";
import { assertCan, type Actor } from "./permissions.server";

/** Where a measure made of an obstacle came from: the obstacle's place on its map. */
export const obstacleSource = (slug: string, mapId: number, elementId: string) => `/n/${slug}/maps/${mapId}#${elementId}`;

export interface ObstacleMeasure {
  id: number;
  title: string;
  phase: Phase;
  status: MeasureStatus;
}

/** The network's measures made of obstacles, by where they came from (see obstacleSource). */
export function measuresOfObstacles({ actor }: { actor: Actor }): Map<string, ObstacleMeasure> {
  assertCan(actor, "measures.view");
  const rows = db
    .select({ id: measures.id, title: measures.title, phase: measures.phase, status: measures.status, sourcePath: measures.sourcePath })
    .from(measures)
    .where(and(eq(measures.networkId, actor.networkId), isNotNull(measures.sourcePath)))
    .orderBy(asc(measures.id))
    .all();
  const found = new Map<string, ObstacleMeasure>();
  for (const { sourcePath, ...measure } of rows) if (sourcePath && !found.has(sourcePath)) found.set(sourcePath, measure);
  return found;
}

/**
 * A measure made of an obstacle on a map, once: when the obstacle already has one, that one is
 * returned and nothing is made. The obstacle is read from the map (never taken from the form); the
 * measure's title and description are written in the maker's language. The check and the insert
 * are one transaction, which better-sqlite3 runs without interleaving, so two clicks at once still
 * make one measure.
 */
export function makeMeasureFromObstacle(
  { actor, t, mapId, elementId }: { actor: Actor; t: Translate; mapId: number; elementId: string },
  now = Date.now(),
) {
  assertCan(actor, "measures.propose");
  const found = findMapObstacle({ actor, mapId, elementId });
  const level = t(`maps.level.${found.obstacle.level}`);
  const input: MeasureInput = {
    title: `${found.label}: ${found.obstacle.description || level}`.slice(0, 150),
    description: `${t("maps.fromObstacle", { title: found.mapTitle })} (${level}): ${found.obstacle.description}`.slice(0, 4000),
    needId: null,
    responsibleAgencyId: null,
    agencyIds: [],
    nextStep: "",
    status: "on_track",
    priority: "necessary",
    startDate: null,
    endDate: null,
  };
  const source = obstacleSource(actor.networkSlug, found.mapId, found.elementId);
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: measures.id, title: measures.title })
      .from(measures)
      .where(and(eq(measures.networkId, actor.networkId), eq(measures.sourcePath, source)))
      .orderBy(asc(measures.id))
      .get();
    if (existing) return { measure: existing, created: false };
    const measure = insertMeasure(tx, { actor, input, phase: "identified", sourcePath: source }, now);
    return { measure: { id: measure.id, title: measure.title }, created: true };
  });
}

export type ObstacleWithMeasure = ObstacleRow & { measure: ObstacleMeasure | null };

/** Every obstacle on the network's maps with the measure made of it, if any. */
export function listObstacles({ actor }: { actor: Actor }): {
  obstacles: ObstacleWithMeasure[];
  damagedMaps: Array<{ id: number; title: string }>;
} {
  const { obstacles, damagedMaps } = obstaclesOfNetwork({ actor });
  const made = measuresOfObstacles({ actor });
  return {
    obstacles: obstacles.map((o) => ({ ...o, measure: made.get(obstacleSource(actor.networkSlug, o.mapId, o.elementId)) ?? null })),
    damagedMaps,
  };
}

/** One obstacle with its measure; not found when it is not on the map. */
export function findObstacle({ actor, mapId, elementId }: { actor: Actor; mapId: number; elementId: string }): ObstacleWithMeasure {
  const found = findMapObstacle({ actor, mapId, elementId });
  return { ...found, measure: measuresOfObstacles({ actor }).get(obstacleSource(actor.networkSlug, found.mapId, elementId)) ?? null };
}

/** The measures made of obstacles on one map, by the obstacle's element id, for the map's side panel. */
export function obstacleMeasuresOfMap({ actor, mapId }: { actor: Actor; mapId: number }): Record<string, ObstacleMeasure> {
  assertCan(actor, "maps.view");
  const prefix = obstacleSource(actor.networkSlug, mapId, "");
  const found: Record<string, ObstacleMeasure> = {};
  for (const [source, measure] of measuresOfObstacles({ actor }))
    if (source.startsWith(prefix)) found[source.slice(prefix.length)] = measure;
  return found;
}
