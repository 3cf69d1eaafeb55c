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

/** Each kind of node belongs in its own lane. */
export const LANE_OF_KIND: Record<NodeKind, Lane> = { step: "journey", event: "events", service: "services", data: "data" };

export interface Obstacle {
  level: ObstacleLevel;
  description: string;
  status: (typeof OBSTACLE_STATUSES)[number];
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

export function parts(doc: Y.Doc) {
  return {
    nodes: doc.getMap<MapNode>("nodes"),
    edges: doc.getMap<MapEdge>("edges"),
    stages: doc.getArray<Stage>("stages"),
    meta: doc.getMap<string>("meta"),
  };
}

/** Colours per agency, so a service is recognised at a glance; its label always says the agency too. */
const AGENCY_COLORS = ["#005b99", "#7a3e9d", "#0f7b3f", "#a35200", "#a4133c", "#00696b", "#5c5c00", "#3d4ea3", "#8a2e00", "#1f6f8b", "#6b4226"];
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
  return { format: "samhandlingsportalen.map", version: 1, title, stages: p.stages.toArray(), nodes: p.nodes.toJSON(), edges: p.edges.toJSON() };
}

export function fillFromJson(doc: Y.Doc, json: MapJson) {
  const p = parts(doc);
  doc.transact(() => {
    p.stages.push(json.stages);
    for (const [id, node] of Object.entries(json.nodes)) p.nodes.set(id, node);
    for (const [id, edge] of Object.entries(json.edges)) p.edges.set(id, edge);
  });
}
