import type * as Y from "yjs";
import {
  addNode,
  addStage,
  edgeKindBetween,
  moveStage,
  parts,
  removeNode,
  removeStage,
  renameStage,
  replaceContent,
  type EdgeKind,
  type MapEdge,
  type MapJson,
  type MapNode,
  type NewNode,
} from "~/utils/map-model";

const newId = () => Math.random().toString(36).slice(2, 10);

export type MapEdits = ReturnType<typeof mapEdits>;

/**
 * Every change the editor makes to a map, each one transaction through `change` (so one undo takes
 * it back, and only this browser's undo: `change` gives the transaction its origin).
 */
export function mapEdits(doc: Y.Doc, change: (fn: () => void) => void) {
  const { nodes, edges } = parts(doc);
  return {
    hasNode: (id: string) => nodes.has(id),
    /** Adds a box where it covers no other (`sizes`: the measured boxes); returns its id. */
    addNode(node: NewNode, sizes: ReadonlyMap<string, { width: number; height: number }>) {
      const id = newId();
      change(() => addNode(doc, id, node, sizes));
      return id;
    },
    moveNode(id: string, x: number, y: number) {
      const node = nodes.get(id);
      if (node) change(() => nodes.set(id, { ...node, x: Math.round(x), y: Math.round(y) }));
    },
    saveNode: (id: string, node: MapNode) => change(() => nodes.set(id, node)),
    /** Removes a box with its arrows; returns the box, or undefined when there was none. */
    removeNode(id: string) {
      const node = nodes.get(id);
      if (node) change(() => removeNode(doc, id));
      return node;
    },
    /** An arrow between two boxes; without a kind, a data flow when either end is data. */
    connect(source: string, target: string, kind: EdgeKind = edgeKindBetween(nodes.get(source), nodes.get(target)), label = "") {
      change(() => edges.set(newId(), { source, target, kind, label }));
    },
    saveEdge: (id: string, edge: MapEdge) => change(() => edges.set(id, edge)),
    removeEdges: (ids: string[]) => change(() => ids.forEach((id) => edges.delete(id))),
    renameStage: (id: string, name: string) => change(() => renameStage(doc, id, name)),
    moveStage: (id: string, toIndex: number) => change(() => moveStage(doc, id, toIndex)),
    addStage: (name: string) => change(() => addStage(doc, newId(), name)),
    removeStage: (id: string) => change(() => void removeStage(doc, id)),
    /** A saved version's content, as a new change (see replaceContent). */
    replaceContent: (json: Pick<MapJson, "stages" | "nodes" | "edges">) => change(() => replaceContent(doc, json)),
  };
}
