/**
 * The map's content as React Flow draws it: lanes and stage headers behind the boxes, every box with
 * its kind, agency and obstacle in words (its aria label says all of it), arrows with only their own
 * text. Pure: the same content and view give the same nodes and edges.
 */
import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { Translate } from "~/i18n";
import { LANES, LAYOUT, type MapContent, type MapNode } from "~/utils/map-model";
import type { Peer } from "./presence";

export type MapNodeData = MapNode & { peers: Peer[]; kindLabel: string; obstacleLabel: string | null } & Record<string, unknown>;
export type LaneNodeData = { label: string; width: number };
export type StageNodeData = { label: string };

export interface FlowView {
  t: Translate;
  /** The element selected here (a box or an arrow), if any. */
  selection: string | null;
  canEdit: boolean;
  /** The others present: a box shows who has it selected. */
  peers: Peer[];
  /**
   * Sizes React Flow measured, handed back with every node derived from the document. Without them
   * each remote edit would reset every node to "unmeasured" (hidden until re-measured, handles lost).
   */
  measured: ReadonlyMap<string, { width: number; height: number }>;
}

export function toFlowNodes(content: MapContent, { t, selection, canEdit, peers, measured }: FlowView): Node[] {
  const width = LAYOUT.laneLabelWidth + Math.max(content.stages.length, 1) * LAYOUT.stageWidth;
  const list: Node[] = [];
  LANES.forEach((lane, i) =>
    list.push({
      id: `lane-${lane}`,
      type: "lane",
      position: { x: 0, y: LAYOUT.headerHeight + i * LAYOUT.laneHeight },
      data: { label: t(`maps.lane.${lane}`), width } satisfies LaneNodeData,
      measured: measured.get(`lane-${lane}`),
      draggable: false,
      selectable: false,
      focusable: false,
      zIndex: -1,
    }),
  );
  content.stages.forEach((stage, i) =>
    list.push({
      id: `stage-${stage.id}`,
      type: "stage",
      position: { x: LAYOUT.laneLabelWidth + i * LAYOUT.stageWidth, y: 0 },
      data: { label: stage.name } satisfies StageNodeData,
      measured: measured.get(`stage-${stage.id}`),
      draggable: false,
      selectable: false,
      focusable: false,
    }),
  );
  content.nodes.forEach((node, id) => {
    const kindLabel = t(`maps.kind.${node.kind}`);
    const obstacle = node.obstacle ? `${t(`maps.level.${node.obstacle.level}`)}: ${node.obstacle.description}` : null;
    list.push({
      id,
      type: "map",
      position: { x: node.x, y: node.y },
      data: {
        ...node,
        kindLabel,
        obstacleLabel: obstacle,
        peers: peers.filter((peer) => peer.selected?.includes(id)),
      } satisfies MapNodeData,
      measured: measured.get(id),
      selected: selection === id,
      draggable: canEdit,
      ariaLabel: `${kindLabel}: ${node.label}${node.agency ? ` (${node.agency})` : ""}${obstacle ? `. ${t("maps.obstacle")}: ${obstacle}` : ""}`,
    });
  });
  return list;
}

export function toFlowEdges(content: MapContent, { t, selection }: Pick<FlowView, "t" | "selection">): Edge[] {
  const list: Edge[] = [];
  content.edges.forEach((edge, id) => {
    const obstacle = edge.obstacle ? ` ⚠ ${t(`maps.level.${edge.obstacle.level}`)}` : "";
    list.push({
      id,
      source: edge.source,
      target: edge.target,
      // Only what the arrow says: its kind is in its line (solid or dashed, see the legend).
      label: `${edge.label}${obstacle}`.trim() || undefined,
      animated: edge.kind === "dataflow",
      style: edge.kind === "dataflow" ? { strokeDasharray: "6 4" } : undefined,
      markerEnd: { type: MarkerType.ArrowClosed },
      selected: selection === id,
      ariaLabel: `${t(`maps.edge.${edge.kind}`)}: ${content.nodes.get(edge.source)?.label ?? ""} → ${content.nodes.get(edge.target)?.label ?? ""}${obstacle}`,
    });
  });
  return list;
}
