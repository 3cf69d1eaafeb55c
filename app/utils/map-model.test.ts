import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { addStage, freeSlotFor, LAYOUT, moveStage, parts, removeStage, renameStage, slotFor, stageIndexOf, stageList } from "./map-model";

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
