/**
 * The content of a service-chain map in its Yjs document, and how it is laid out: four lanes (the
 * user's journey, events, services, data and registers) across columns for the journey's stages.
 * Client-safe: used by the editor and by the server when it seeds or exports a map.
 */
import type * as Y from "yjs";

export const LANES = ["journey", "events", "services", "data"] as const;
export type Lane = (typeof LANES)[number];
export const NODE_KINDS = ["step", "event", "service", "data"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export const EDGE_KINDS = ["triggers", "dataflow"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const OBSTACLE_LEVELS = ["legal", "organisational", "semantic", "technical"] as const;
export type ObstacleLevel = (typeof OBSTACLE_LEVELS)[number];
export const OBSTACLE_STATUSES = ["open", "in_progress", "resolved"] as const;
export type ObstacleStatus = (typeof OBSTACLE_STATUSES)[number];

/** A value read from a form, kept only when it is one of `values` (else `fallback`): no casts of what a browser sent. */
export function oneOf<T extends string, F>(values: readonly T[], value: unknown, fallback: F): T | F {
  return (values as readonly unknown[]).includes(value) ? (value as T) : fallback;
}

/** Each kind of node belongs in its own lane. */
export const LANE_OF_KIND: Record<NodeKind, Lane> = { step: "journey", event: "events", service: "services", data: "data" };

export interface Obstacle {
  level: ObstacleLevel;
  description: string;
  status: ObstacleStatus;
}

export interface MapNode {
  kind: NodeKind;
  label: string;
  x: number;
  y: number;
  agency?: string;
  obstacle?: Obstacle | null;
}

export interface MapEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  label: string;
  obstacle?: Obstacle | null;
}

export interface Stage {
  id: string;
  name: string;
}

/** The stages a new map starts with: the journey as the method draws it (renamed freely later). */
export const DEFAULT_STAGES: Stage[] = [
  { id: "arrival", name: "Ankomst" },
  { id: "settlement", name: "Bosetting og etablering" },
  { id: "everyday", name: "Hverdag" },
];

export const LAYOUT = { laneHeight: 170, stageWidth: 340, headerHeight: 56, laneLabelWidth: 150 };

export function laneTop(lane: Lane) {
  return LAYOUT.headerHeight + LANES.indexOf(lane) * LAYOUT.laneHeight;
}

/** Where a new node of a kind goes in a stage: inside its lane, stacked after `count` others. */
export function slotFor(kind: NodeKind, stageIndex: number, count: number) {
  return {
    x: LAYOUT.laneLabelWidth + stageIndex * LAYOUT.stageWidth + 20 + (count % 2) * 150,
    y: laneTop(LANE_OF_KIND[kind]) + 20 + Math.floor(count / 2) * 60,
  };
}

/** A box is 140 px wide (CSS .map-node); its height grows with its text, so measured sizes are used when known. */
const BOX = { width: 140, height: 50, gap: 8 };

export interface Footprint {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

/**
 * The first slot of a kind's lane in a stage where a new box would touch no other box, so it never
 * hides (or hides under) one, whatever positions people have dragged boxes to and however tall
 * their text makes them.
 */
export function freeSlotFor(kind: NodeKind, stageIndex: number, boxes: Iterable<Footprint>) {
  const taken = [...boxes];
  const overlaps = (slot: { x: number; y: number }, box: Footprint) =>
    slot.x < box.x + (box.width ?? BOX.width) + BOX.gap &&
    box.x < slot.x + BOX.width + BOX.gap &&
    slot.y < box.y + (box.height ?? BOX.height) + BOX.gap &&
    box.y < slot.y + BOX.height + BOX.gap;
  for (let count = 0; count < 200; count++) {
    const slot = slotFor(kind, stageIndex, count);
    if (!taken.some((box) => overlaps(slot, box))) return slot;
  }
  return slotFor(kind, stageIndex, taken.length);
}

export function parts(doc: Y.Doc) {
  return {
    nodes: doc.getMap<MapNode>("nodes"),
    edges: doc.getMap<MapEdge>("edges"),
    stages: doc.getArray<Stage>("stages"),
    meta: doc.getMap<string>("meta"),
  };
}

/** Colours per agency, so a service is recognised at a glance; its label always says the agency too. */
const AGENCY_COLORS = [
  "#005b99",
  "#7a3e9d",
  "#0f7b3f",
  "#a35200",
  "#a4133c",
  "#00696b",
  "#5c5c00",
  "#3d4ea3",
  "#8a2e00",
  "#1f6f8b",
  "#6b4226",
];
export function agencyColor(agency: string | undefined) {
  if (!agency) return "#4b5563";
  let hash = 0;
  for (const ch of agency) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return AGENCY_COLORS[hash % AGENCY_COLORS.length];
}

/** A plain JSON form of a map: what export writes and import reads. */
export interface MapJson {
  format: "samhandlingsportalen.map";
  version: 1;
  title: string;
  stages: Stage[];
  nodes: Record<string, MapNode>;
  edges: Record<string, MapEdge>;
}

export function toJson(doc: Y.Doc, title: string): MapJson {
  const p = parts(doc);
  return {
    format: "samhandlingsportalen.map",
    version: 1,
    title,
    stages: stageList(doc),
    nodes: p.nodes.toJSON(),
    edges: p.edges.toJSON(),
  };
}

/**
 * The map's stages in order. A Y.Array cannot move or replace an element in place, so renaming and
 * reordering are a delete plus an insert; two people renaming the same stage at the same moment could
 * then leave it twice. Reading through here keeps the first of each id, so nobody ever sees a double.
 */
export function stageList(doc: Y.Doc): Stage[] {
  const seen = new Set<string>();
  return parts(doc)
    .stages.toArray()
    .filter((s) => !seen.has(s.id) && seen.add(s.id));
}

/** Which stage column a node stands in, from its position. */
export function stageIndexOf(node: Pick<MapNode, "x">) {
  return Math.max(0, Math.floor((node.x - LAYOUT.laneLabelWidth) / LAYOUT.stageWidth));
}

/** Where in the Y.Array the stage with this id sits (the first, if doubled). */
function rawIndex(doc: Y.Doc, id: string) {
  return parts(doc)
    .stages.toArray()
    .findIndex((s) => s.id === id);
}

/** Rename a stage; its boxes stay where they are. Call inside a transaction of your origin. */
export function renameStage(doc: Y.Doc, id: string, name: string) {
  const at = rawIndex(doc, id);
  const clean = name.trim().slice(0, 80);
  if (at < 0 || !clean) return;
  const stages = parts(doc).stages;
  stages.delete(at, 1);
  stages.insert(at, [{ id, name: clean }]);
}

/** Add a stage as the last column. */
export function addStage(doc: Y.Doc, id: string, name: string) {
  const clean = name.trim().slice(0, 80);
  if (!clean) return;
  parts(doc).stages.push([{ id, name: clean }]);
}

/**
 * Move a stage to another place in the journey; the boxes in its column move with it and the columns
 * in between shift by one, so every box keeps its stage.
 */
export function moveStage(doc: Y.Doc, id: string, toIndex: number) {
  const list = stageList(doc);
  const from = list.findIndex((s) => s.id === id);
  if (from < 0 || toIndex < 0 || toIndex >= list.length || toIndex === from) return;
  const order = list.map((_, i) => i);
  order.splice(toIndex, 0, order.splice(from, 1)[0]);
  // order[newColumn] = oldColumn; invert it to find where each old column goes.
  const newIndexOf = new Map(order.map((oldIndex, newIndex) => [oldIndex, newIndex]));
  const p = parts(doc);
  p.nodes.forEach((node, nodeId) => {
    const column = stageIndexOf(node);
    const target = newIndexOf.get(column);
    if (target !== undefined && target !== column) p.nodes.set(nodeId, { ...node, x: node.x + (target - column) * LAYOUT.stageWidth });
  });
  p.stages.delete(0, p.stages.length);
  p.stages.insert(
    0,
    order.map((oldIndex) => list[oldIndex]),
  );
}

/** Remove a stage whose column holds no boxes (never the last one); later columns shift left. */
export function removeStage(doc: Y.Doc, id: string): boolean {
  const list = stageList(doc);
  const index = list.findIndex((s) => s.id === id);
  const p = parts(doc);
  if (index < 0 || list.length <= 1 || [...p.nodes.values()].some((n) => stageIndexOf(n) === index)) return false;
  p.nodes.forEach((node, nodeId) => {
    if (stageIndexOf(node) > index) p.nodes.set(nodeId, { ...node, x: node.x - LAYOUT.stageWidth });
  });
  const stages = p.stages.toArray();
  for (let i = stages.length - 1; i >= 0; i--) if (stages[i].id === id) p.stages.delete(i, 1);
  return true;
}

/** What the editor draws, read out of the document: stages in order, boxes and arrows in the document's order. */
export interface MapContent {
  stages: Stage[];
  nodes: ReadonlyMap<string, MapNode>;
  edges: ReadonlyMap<string, MapEdge>;
}

export function readContent(doc: Y.Doc): MapContent {
  const p = parts(doc);
  return { stages: stageList(doc), nodes: new Map(p.nodes.entries()), edges: new Map(p.edges.entries()) };
}

export interface NewNode {
  kind: NodeKind;
  label: string;
  stageIndex: number;
  /** Only a service has an agency. */
  agency?: string;
}

/**
 * Add a box in its kind's lane of a stage, where it covers no other box (`sizes` are the measured
 * sizes of the boxes, where known). Call inside a transaction of your origin.
 */
export function addNode(
  doc: Y.Doc,
  id: string,
  { kind, label, stageIndex, agency }: NewNode,
  sizes: ReadonlyMap<string, Omit<Footprint, "x" | "y">>,
) {
  const { nodes } = parts(doc);
  const boxes = [...nodes.entries()].map(([nodeId, n]) => ({ x: n.x, y: n.y, ...sizes.get(nodeId) }));
  nodes.set(id, {
    kind,
    label,
    ...freeSlotFor(kind, stageIndex, boxes),
    ...(kind === "service" && agency ? { agency } : {}),
    obstacle: null,
  });
}

/** The kind of an arrow drawn between two boxes: a data flow when either end is data, else a trigger. */
export function edgeKindBetween(source: Pick<MapNode, "kind"> | undefined, target: Pick<MapNode, "kind"> | undefined): EdgeKind {
  return source?.kind === "data" || target?.kind === "data" ? "dataflow" : "triggers";
}

/** Delete a box and every arrow to or from it. Call inside a transaction of your origin. */
export function removeNode(doc: Y.Doc, id: string) {
  const p = parts(doc);
  p.nodes.delete(id);
  p.edges.forEach((edge, edgeId) => {
    if (edge.source === id || edge.target === id) p.edges.delete(edgeId);
  });
}

/**
 * Make the document's content that of `json` (restoring a version): stages replaced, boxes and arrows
 * not in it deleted, the others set. Done inside one transaction of your origin it is a new change
 * everyone sees and one undo takes back, not a rewrite of history.
 */
export function replaceContent(doc: Y.Doc, json: Pick<MapJson, "stages" | "nodes" | "edges">) {
  const p = parts(doc);
  p.stages.delete(0, p.stages.length);
  p.stages.push(json.stages);
  for (const id of [...p.nodes.keys()]) if (!(id in json.nodes)) p.nodes.delete(id);
  for (const [id, node] of Object.entries(json.nodes)) p.nodes.set(id, node);
  for (const id of [...p.edges.keys()]) if (!(id in json.edges)) p.edges.delete(id);
  for (const [id, edge] of Object.entries(json.edges)) p.edges.set(id, edge);
}

export function fillFromJson(doc: Y.Doc, json: MapJson) {
  const p = parts(doc);
  doc.transact(() => {
    p.stages.push(json.stages);
    for (const [id, node] of Object.entries(json.nodes)) p.nodes.set(id, node);
    for (const [id, edge] of Object.entries(json.edges)) p.edges.set(id, edge);
  });
}

/**
 * An obstacle's status as people should read it: one that a measure is made of is being worked on,
 * whatever its box still says, until someone marks it resolved on the map.
 */
export function obstacleStatus(obstacle: Pick<Obstacle, "status">, measure: unknown | null): ObstacleStatus {
  if (obstacle.status === "resolved") return "resolved";
  return measure ? "in_progress" : obstacle.status;
}
