import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import {
  addNode,
  addStage,
  edgeKindBetween,
  EDGE_KINDS,
  freeSlotFor,
  LAYOUT,
  moveStage,
  oneOf,
  parts,
  readContent,
  removeNode,
  removeStage,
  renameStage,
  replaceContent,
  slotFor,
  stageIndexOf,
  stageList,
  toJson,
  type MapJson,
} from "./map-model";

function mapWithStages() {
  const doc = new Y.Doc();
  const p = parts(doc);
  p.stages.push([
    { id: "a", name: "Ankomst" },
    { id: "b", name: "Bosetting" },
    { id: "c", name: "Hverdag" },
  ]);
  p.nodes.set("police", { kind: "service", label: "Registrering", agency: "Politiet", ...slotFor("service", 0, 0) });
  p.nodes.set("imdi", { kind: "service", label: "Bosetting", agency: "IMDi", ...slotFor("service", 1, 0) });
  p.nodes.set("nav", { kind: "service", label: "Introduksjonsprogram", agency: "NAV", ...slotFor("service", 2, 0) });
  return doc;
}
const columnOf = (doc: Y.Doc, id: string) => stageIndexOf(parts(doc).nodes.get(id)!);

describe("stages of a map", () => {
  test("renaming keeps the order, the id and the boxes", () => {
    const doc = mapWithStages();
    renameStage(doc, "b", "  Bosetting og etablering ");
    assert.deepEqual(stageList(doc), [
      { id: "a", name: "Ankomst" },
      { id: "b", name: "Bosetting og etablering" },
      { id: "c", name: "Hverdag" },
    ]);
    assert.equal(columnOf(doc, "imdi"), 1);
    renameStage(doc, "b", "   ");
    assert.equal(stageList(doc)[1].name, "Bosetting og etablering", "an empty name is ignored");
  });

  test("moving a stage carries its boxes and shifts the columns between", () => {
    const doc = mapWithStages();
    moveStage(doc, "c", 0);
    assert.deepEqual(
      stageList(doc).map((s) => s.id),
      ["c", "a", "b"],
    );
    assert.equal(columnOf(doc, "nav"), 0);
    assert.equal(columnOf(doc, "police"), 1);
    assert.equal(columnOf(doc, "imdi"), 2);
    // Its place inside the column is kept.
    assert.equal(parts(doc).nodes.get("nav")!.x, slotFor("service", 0, 0).x);
    moveStage(doc, "c", 2);
    assert.deepEqual(
      stageList(doc).map((s) => s.id),
      ["a", "b", "c"],
    );
    assert.deepEqual([columnOf(doc, "police"), columnOf(doc, "imdi"), columnOf(doc, "nav")], [0, 1, 2]);
  });

  test("moves outside the list or of unknown stages change nothing", () => {
    const doc = mapWithStages();
    const before = JSON.stringify(parts(doc).nodes.toJSON());
    moveStage(doc, "a", 3);
    moveStage(doc, "a", -1);
    moveStage(doc, "zz", 1);
    assert.deepEqual(
      stageList(doc).map((s) => s.id),
      ["a", "b", "c"],
    );
    assert.equal(JSON.stringify(parts(doc).nodes.toJSON()), before);
  });

  test("a stage is added at the end; only an empty one can be removed, and never the last", () => {
    const doc = mapWithStages();
    addStage(doc, "d", "Arbeid");
    assert.deepEqual(
      stageList(doc).map((s) => s.name),
      ["Ankomst", "Bosetting", "Hverdag", "Arbeid"],
    );
    assert.equal(removeStage(doc, "b"), false, "column with a box");
    assert.equal(removeStage(doc, "d"), true);
    parts(doc).nodes.delete("imdi");
    assert.equal(removeStage(doc, "b"), true);
    assert.deepEqual(
      stageList(doc).map((s) => s.id),
      ["a", "c"],
    );
    assert.equal(columnOf(doc, "nav"), 1, "later columns shift left");
    const single = new Y.Doc();
    parts(single).stages.push([{ id: "x", name: "Eneste" }]);
    assert.equal(removeStage(single, "x"), false);
  });

  test("a stage renamed by two people at once is shown once", () => {
    const one = mapWithStages();
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    renameStage(one, "a", "Ankomst til Norge");
    renameStage(two, "a", "Ankomst og registrering");
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    assert.equal(stageList(one).filter((s) => s.id === "a").length, 1);
    assert.deepEqual(stageList(one), stageList(two), "both ends agree on what they show");
    assert.ok(LAYOUT.stageWidth > 0);
  });
});

describe("room for a new box", () => {
  test("takes the first slot of its lane and stage that no box covers, wherever boxes were dragged", () => {
    assert.deepEqual(freeSlotFor("service", 1, []), slotFor("service", 1, 0));
    // A box dragged near the first slot (not exactly on it) still takes that slot, and so does the next.
    const first = slotFor("service", 1, 0);
    const second = slotFor("service", 1, 1);
    const boxes = [
      { x: first.x + 30, y: first.y - 10 },
      { x: second.x, y: second.y },
    ];
    assert.deepEqual(freeSlotFor("service", 1, boxes), slotFor("service", 1, 2));
    // Boxes elsewhere on the map do not matter.
    assert.deepEqual(freeSlotFor("event", 1, boxes), slotFor("event", 1, 0));
  });

  test("never lands on a box, even with the lane full of scattered boxes", () => {
    const boxes = Array.from({ length: 40 }, (_, i) => ({
      x: slotFor("step", 0, i).x + (i % 3) * 20,
      y: slotFor("step", 0, i).y + (i % 2) * 15,
    }));
    const slot = freeSlotFor("step", 0, boxes);
    assert.ok(boxes.every((b) => Math.abs(b.x - slot.x) >= 140 || Math.abs(b.y - slot.y) >= 50));
  });

  test("keeps clear of a tall box (long text, an obstacle) reaching down over the next row", () => {
    const at = (i: number) => slotFor("data", 0, i);
    const tall = { ...at(2), width: 140, height: 130 };
    const boxes = [at(0), at(1), tall, at(3)];
    const slot = freeSlotFor("data", 0, boxes);
    const clear = (b: { x: number; y: number; width?: number; height?: number }) =>
      slot.y >= b.y + (b.height ?? 50) || slot.y + 50 <= b.y || slot.x >= b.x + (b.width ?? 140) || slot.x + 140 <= b.x;
    assert.ok(boxes.every(clear), JSON.stringify(slot));
    assert.notDeepEqual(slot, at(4), "the slot under the tall box is taken by it");
  });
});

describe("boxes and arrows", () => {
  function withArrows() {
    const doc = mapWithStages();
    const { edges } = parts(doc);
    edges.set("e1", { source: "police", target: "imdi", kind: "triggers", label: "" });
    edges.set("e2", { source: "imdi", target: "nav", kind: "dataflow", label: "vedtak" });
    edges.set("e3", { source: "nav", target: "police", kind: "triggers", label: "" });
    return doc;
  }

  test("removing a box removes the arrows to and from it, and nothing else", () => {
    const doc = withArrows();
    removeNode(doc, "imdi");
    assert.deepEqual([...parts(doc).nodes.keys()].sort(), ["nav", "police"]);
    assert.deepEqual([...parts(doc).edges.keys()], ["e3"]);
    removeNode(doc, "unknown");
    assert.deepEqual([...parts(doc).edges.keys()], ["e3"], "an unknown box changes nothing");
  });

  test("replacing the content gives exactly the version's stages, boxes and arrows, as one change that undo takes back", () => {
    const doc = withArrows();
    const before = toJson(doc, "Kart");
    const version: Pick<MapJson, "stages" | "nodes" | "edges"> = {
      stages: [
        { id: "x", name: "Før" },
        { id: "a", name: "Ankomst" },
      ],
      nodes: {
        police: { kind: "service", label: "Registrering hos politiet", agency: "Politiet", ...slotFor("service", 1, 0) },
        fresh: { kind: "step", label: "Søker", ...slotFor("step", 0, 0) },
      },
      edges: { e9: { source: "fresh", target: "police", kind: "triggers", label: "" } },
    };
    const origin = { local: true };
    const undo = new Y.UndoManager([parts(doc).nodes, parts(doc).edges, parts(doc).stages], { trackedOrigins: new Set([origin]) });
    doc.transact(() => replaceContent(doc, version), origin);
    const after = toJson(doc, "Kart");
    assert.deepEqual(after.stages, version.stages);
    assert.deepEqual(after.nodes, version.nodes);
    assert.deepEqual(after.edges, version.edges);
    undo.undo();
    assert.deepEqual(toJson(doc, "Kart"), before, "one undo restores what was there");
  });

  test("a replaced content reaches another copy of the document whole", () => {
    const one = withArrows();
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    replaceContent(one, { stages: [{ id: "only", name: "Eneste" }], nodes: {}, edges: {} });
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one, Y.encodeStateVector(two)));
    assert.deepEqual(toJson(two, ""), toJson(one, ""));
    assert.equal(parts(two).nodes.size, 0);
  });

  test("the content read for drawing keeps the document's order and drops doubled stages", () => {
    const doc = withArrows();
    parts(doc).stages.push([{ id: "a", name: "Ankomst igjen" }]);
    const content = readContent(doc);
    assert.deepEqual([...content.nodes.keys()], [...parts(doc).nodes.keys()]);
    assert.deepEqual([...content.edges.keys()], ["e1", "e2", "e3"]);
    assert.deepEqual(
      content.stages.map((s) => s.id),
      ["a", "b", "c"],
    );
    assert.equal(content.nodes.get("nav")?.agency, "NAV");
  });
});

describe("a new box", () => {
  test("goes into its kind's lane of the stage, clear of the boxes there at their measured size", () => {
    const doc = mapWithStages();
    addNode(doc, "n1", { kind: "service", label: "Bosettingstilskudd", stageIndex: 1, agency: "IMDi" }, new Map());
    assert.deepEqual(parts(doc).nodes.get("n1"), {
      kind: "service",
      label: "Bosettingstilskudd",
      agency: "IMDi",
      ...slotFor("service", 1, 1),
      obstacle: null,
    });
    // The box already in the stage is measured tall: the next one goes below it, not beside the slot it would cover.
    const tall = new Map([["imdi", { width: 300, height: 200 }]]);
    addNode(doc, "n2", { kind: "service", label: "Ny", stageIndex: 1 }, tall);
    const n2 = parts(doc).nodes.get("n2")!;
    assert.ok(n2.y >= slotFor("service", 1, 0).y + 200, JSON.stringify(n2));
    assert.equal(n2.agency, undefined);
  });

  test("only a service keeps an agency", () => {
    const doc = mapWithStages();
    addNode(doc, "s", { kind: "step", label: "Søker", stageIndex: 0, agency: "NAV" }, new Map());
    assert.deepEqual(parts(doc).nodes.get("s"), { kind: "step", label: "Søker", ...slotFor("step", 0, 0), obstacle: null });
  });

  test("an arrow to or from data is a data flow, else a trigger", () => {
    assert.equal(edgeKindBetween({ kind: "service" }, { kind: "data" }), "dataflow");
    assert.equal(edgeKindBetween({ kind: "data" }, { kind: "step" }), "dataflow");
    assert.equal(edgeKindBetween({ kind: "step" }, { kind: "service" }), "triggers");
    assert.equal(edgeKindBetween(undefined, undefined), "triggers");
  });
});

describe("values read from a form", () => {
  test("are kept only when they are one of the choices", () => {
    assert.equal(oneOf(EDGE_KINDS, "dataflow", "triggers"), "dataflow");
    assert.equal(oneOf(EDGE_KINDS, "teleport", "triggers"), "triggers");
    assert.equal(oneOf(EDGE_KINDS, null, null), null);
  });
});
