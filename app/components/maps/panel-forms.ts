/**
 * What the map panel's forms say, read from their FormData: texts trimmed to their limits, choices
 * kept only when they are one of the map model's, so nothing a browser sends is cast.
 */
import {
  EDGE_KINDS,
  OBSTACLE_LEVELS,
  OBSTACLE_STATUSES,
  oneOf,
  type EdgeKind,
  type MapEdge,
  type MapNode,
  type Obstacle,
} from "~/utils/map-model";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** A box's or an arrow's obstacle: none when no level is chosen. */
export function readObstacle(form: FormData): Obstacle | null {
  const level = oneOf(OBSTACLE_LEVELS, form.get("obstacleLevel"), null);
  if (!level) return null;
  return {
    level,
    description: text(form, "obstacleDescription").slice(0, 500),
    status: oneOf(OBSTACLE_STATUSES, form.get("obstacleStatus"), "open"),
  };
}

/** The add form: a label (required), the stage's index and, for a service, the agency. */
export function readNewNode(form: FormData): { label: string; stageIndex: number; agency?: string } | null {
  const label = text(form, "label").trim().slice(0, 120);
  if (!label) return null;
  return { label, stageIndex: Number(form.get("stage") ?? 0), agency: text(form, "agency") || undefined };
}

/** A box edited in the panel: an emptied label keeps the old one; only a service has an agency. */
export function readNodeEdit(form: FormData, node: MapNode): MapNode {
  return {
    ...node,
    label:
      String(form.get("label") ?? node.label)
        .trim()
        .slice(0, 120) || node.label,
    agency: node.kind === "service" ? text(form, "agency") || undefined : undefined,
    obstacle: readObstacle(form),
  };
}

/** The connect form: an arrow from the selected box to a chosen one. */
export function readConnection(form: FormData): { target: string; kind: EdgeKind; label: string } | null {
  const target = text(form, "target");
  if (!target) return null;
  return { target, kind: oneOf(EDGE_KINDS, form.get("kind"), "triggers"), label: text(form, "label").slice(0, 80) };
}

/** An arrow edited in the panel. */
export function readEdgeEdit(form: FormData, edge: MapEdge): MapEdge {
  return {
    ...edge,
    kind: oneOf(EDGE_KINDS, form.get("kind"), edge.kind),
    label: text(form, "label").slice(0, 80),
    obstacle: readObstacle(form),
  };
}
