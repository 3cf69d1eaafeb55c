/**
 * What a service-chain map may hold, as zod schemas: the one description of a valid map, used by
 * the import (a JSON file), by the realtime server (every value an update puts in a document) and
 * by everything that reads a stored document. Server-only in practice; kept apart from map-model so
 * the editor's bundle does not carry zod for it.
 */
import { z } from "zod";
import type * as Y from "yjs";
import { EDGE_KINDS, NODE_KINDS, OBSTACLE_LEVELS, OBSTACLE_STATUSES, parts, type MapEdge, type MapNode, type Stage } from "./map-model";

/** Ids of boxes, arrows and stages (the editor makes 8 characters; imports may bring longer ones). */
export const elementId = z.string().min(1).max(40);
/** Far beyond any map people draw, and small enough that no layout arithmetic overflows. */
const coordinate = z.number().finite().min(-1_000_000).max(1_000_000);

const obstacle = z.object({ level: z.enum(OBSTACLE_LEVELS), description: z.string().max(500), status: z.enum(OBSTACLE_STATUSES) }).strict();

export const nodeSchema = z
  .object({
    kind: z.enum(NODE_KINDS),
    label: z.string().max(120),
    x: coordinate,
    y: coordinate,
    agency: z.string().max(40).optional(),
    obstacle: obstacle.nullable().optional(),
  })
  .strict() satisfies z.ZodType<MapNode>;

export const edgeSchema = z
  .object({
    source: elementId,
    target: elementId,
    kind: z.enum(EDGE_KINDS),
    label: z.string().max(80),
    obstacle: obstacle.nullable().optional(),
  })
  .strict() satisfies z.ZodType<MapEdge>;

export const stageSchema = z.object({ id: elementId, name: z.string().max(80) }).strict() satisfies z.ZodType<Stage>;

export const metaValueSchema = z.string().max(1000);

export const MAP_LIMITS = { stages: 30, nodes: 2000, edges: 5000 };

/** What an exported map looks like; anything else is refused before it touches the database. */
export const mapJsonSchema = z.object({
  format: z.literal("samhandlingsportalen.map"),
  version: z.literal(1),
  title: z.string().trim().min(1).max(150),
  stages: z.array(stageSchema).max(MAP_LIMITS.stages),
  nodes: z.record(elementId, nodeSchema).refine((r) => Object.keys(r).length <= MAP_LIMITS.nodes),
  edges: z.record(elementId, edgeSchema).refine((r) => Object.keys(r).length <= MAP_LIMITS.edges),
});

/** The parts of a map document: keyed maps (an entry per key) and the one list. */
export const MAP_ROOTS = { nodes: nodeSchema, edges: edgeSchema, meta: metaValueSchema } as const;
export const LIST_ROOTS = { stages: stageSchema } as const;

/** Is `value` something the map's part `root` may hold (a box in nodes, a stage in stages …)? */
export function validMapValue(root: string, value: unknown): boolean {
  const schema =
    root in MAP_ROOTS ? MAP_ROOTS[root as keyof typeof MAP_ROOTS] : root in LIST_ROOTS ? LIST_ROOTS[root as keyof typeof LIST_ROOTS] : null;
  return schema !== null && schema.safeParse(value).success;
}

/** Does every value in the document's parts fit the map model (what the editor and exports rely on)? */
export function mapContentValid(doc: Y.Doc): boolean {
  const p = parts(doc);
  const keyed = <T>(root: keyof typeof MAP_ROOTS, map: Y.Map<T>) =>
    [...map.entries()].every(([key, value]) => elementId.safeParse(key).success && validMapValue(root, value));
  return (
    keyed("nodes", p.nodes) &&
    keyed("edges", p.edges) &&
    keyed("meta", p.meta) &&
    p.stages.toArray().every((stage) => validMapValue("stages", stage))
  );
}
