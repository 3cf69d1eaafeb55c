import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { parts, slotFor, stageList, toJson } from "~/utils/map-model";
import { mapEdits } from "./map-edits";

/** Two browsers on one map, each with its own origin and undo manager, kept in step like the server does. */
function twoBrowsers() {
  const docs = [new Y.Doc(), new Y.Doc()];
  docs.forEach((doc, i) =>
    doc.on("update", (update: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(docs[1 - i], update, "remote")),
  );
  parts(docs[0]).stages.push([
    { id: "a", name: "Ankomst" },
    { id: "b", name: "Bosetting" },
  ]);
  return docs.map((doc) => {
    const origin = { local: true };
    const p = parts(doc);
    const undo = new Y.UndoManager([p.nodes, p.edges, p.stages], { trackedOrigins: new Set([origin]) });
    return { doc, undo, edits: mapEdits(doc, (fn) => doc.transact(fn, origin)) };
  });
}

describe("the editor's changes to a map", () => {
  test("reach the other browser, and undo takes back only one's own", () => {
    const [one, two] = twoBrowsers();
    const mine = one.edits.addNode({ kind: "service", label: "Registrering", stageIndex: 0, agency: "UDI" }, new Map());
    const theirs = two.edits.addNode({ kind: "data", label: "Folkeregisteret", stageIndex: 0 }, new Map());
    assert.deepEqual(parts(two.doc).nodes.get(mine), {
      kind: "service",
      label: "Registrering",
      agency: "UDI",
      ...slotFor("service", 0, 0),
      obstacle: null,
    });
    one.undo.undo();
    assert.equal(parts(one.doc).nodes.has(mine), false);
    assert.equal(parts(two.doc).nodes.has(mine), false);
    assert.equal(parts(one.doc).nodes.has(theirs), true, "the other browser's box stays");
  });

  test("boxes move to whole pixels, connect by kind, and go with their arrows", () => {
    const [one, two] = twoBrowsers();
    const service = one.edits.addNode({ kind: "service", label: "Tjeneste", stageIndex: 0 }, new Map());
    const data = one.edits.addNode({ kind: "data", label: "Register", stageIndex: 1 }, new Map());
    one.edits.moveNode(service, 400.6, 300.2);
    assert.deepEqual([parts(two.doc).nodes.get(service)!.x, parts(two.doc).nodes.get(service)!.y], [401, 300]);
    one.edits.moveNode("gone", 1, 1);
    assert.equal(parts(one.doc).nodes.has("gone"), false, "moving a box that is gone adds nothing");
    one.edits.connect(service, data);
    one.edits.connect(data, service, "triggers", "svar");
    const arrows = [...parts(two.doc).edges.values()];
    assert.deepEqual(
      arrows.map((e) => [e.kind, e.label]),
      [
        ["dataflow", ""],
        ["triggers", "svar"],
      ],
    );
    assert.equal(two.edits.removeNode(data)?.label, "Register");
    assert.equal(parts(one.doc).edges.size, 0);
    assert.equal(two.edits.removeNode(data), undefined, "a box already gone");
  });

  test("a restored version is one change of one's own: one undo brings back what was there", () => {
    const [one, two] = twoBrowsers();
    one.edits.addNode({ kind: "step", label: "Søker", stageIndex: 0 }, new Map());
    two.edits.addStage("Hverdag");
    const before = toJson(one.doc, "");
    one.undo.stopCapturing();
    one.edits.replaceContent({ stages: [{ id: "x", name: "Eneste" }], nodes: {}, edges: {} });
    assert.deepEqual(toJson(two.doc, "").stages, [{ id: "x", name: "Eneste" }]);
    assert.equal(parts(two.doc).nodes.size, 0);
    one.undo.undo();
    assert.deepEqual(toJson(two.doc, ""), before);
  });

  test("stages are renamed, moved, added and removed through the same door", () => {
    const [one, two] = twoBrowsers();
    one.edits.renameStage("a", "Ankomst til Norge");
    one.edits.addStage("Arbeid");
    one.edits.moveStage("b", 0);
    assert.deepEqual(
      stageList(two.doc).map((s) => s.name),
      ["Bosetting", "Ankomst til Norge", "Arbeid"],
    );
    const arbeid = stageList(two.doc)[2].id;
    two.edits.removeStage(arbeid);
    assert.equal(stageList(one.doc).length, 2);
  });
});
