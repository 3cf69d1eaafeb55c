import "../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { encodeUpdate } from "../tests/helpers/hostile-updates";
import {
  appendUpdate,
  compact,
  compactions,
  loadDoc,
  loggedUpdates,
  pendingUpdateCount,
  replaceDocument,
  UnreadableDocumentError,
  verifiedState,
} from "./doc-store";

describe("document store", () => {
  it("rebuilds a document from its log, and compaction keeps it equal while emptying the log", () => {
    const source = new Y.Doc();
    source.on("update", (update: Uint8Array) => appendUpdate("map:test", update));
    const nodes = source.getMap<{ label: string }>("nodes");
    for (let i = 0; i < 100; i++) nodes.set(`n${i}`, { label: `Node ${i}` });
    nodes.delete("n3");
    source.getArray("stages").push([{ id: "a", name: "Ankomst" }]);
    assert.equal(pendingUpdateCount("map:test"), 102);

    const loaded = loadDoc("map:test");
    assert.deepEqual(loaded.getMap("nodes").toJSON(), nodes.toJSON());
    compact("map:test", loaded);
    assert.equal(pendingUpdateCount("map:test"), 0);
    const afterCompaction = loadDoc("map:test");
    assert.deepEqual(afterCompaction.getMap("nodes").toJSON(), nodes.toJSON());
    assert.deepEqual(afterCompaction.getArray("stages").toJSON(), [{ id: "a", name: "Ankomst" }]);

    // Updates after a compaction are applied on top of it.
    nodes.set("late", { label: "Etter komprimering" });
    assert.equal(loadDoc("map:test").getMap<{ label: string }>("nodes").get("late")?.label, "Etter komprimering");
  });

  it("writes no snapshot that does not load back as the document, and keeps the log instead", () => {
    // Taken by Yjs one change at a time, but impossible to load from a full state: a zero-length range.
    const broken = new Y.Doc();
    broken.on("update", (update: Uint8Array) => appendUpdate("map:unloadable", update));
    broken.getMap("nodes").set("a", { label: "A" });
    Y.applyUpdate(broken, encodeUpdate(990_500, 0, [{ content: { gc: 0 } }]));
    assert.equal(verifiedState(broken), null);
    const before = pendingUpdateCount("map:unloadable");
    assert.equal(compact("map:unloadable", broken), false);
    assert.equal(pendingUpdateCount("map:unloadable"), before, "the log is kept");
    assert.equal(compactions("map:unloadable").length, 0, "no snapshot was written");

    // An item placed between neighbours that cannot both be true loads elsewhere from a full state.
    const reordered = new Y.Doc();
    reordered.getArray("stages").push([{ id: "a" }, { id: "b" }, { id: "c" }]);
    const stage = reordered.getArray("stages") as unknown as { _start: { id: Y.ID } };
    const first = stage._start.id;
    Y.applyUpdate(
      reordered,
      encodeUpdate(990_501, 0, [
        { content: { any: [{ id: "x" }] }, origin: [first.client, first.clock + 1], rightOrigin: [first.client, first.clock + 1] },
      ]),
    );
    assert.equal(verifiedState(reordered), null, "a fresh load would put the item elsewhere");
  });

  it("keeps the newest two compactions, and a replaced document's rows under another name", () => {
    const doc = new Y.Doc();
    doc.on("update", (update: Uint8Array) => appendUpdate("map:kept", update));
    for (let round = 0; round < 4; round++) {
      doc.getMap("nodes").set(`n${round}`, { label: `${round}` });
      assert.equal(compact("map:kept", doc), true);
    }
    assert.equal(compactions("map:kept").length, 2);
    doc.getMap("nodes").set("late", { label: "late" });
    const fresh = new Y.Doc();
    fresh.getMap("nodes").set("only", { label: "only" });
    replaceDocument("map:kept", Y.encodeStateAsUpdate(fresh), "map:kept:aside");
    assert.deepEqual(Object.keys(loadDoc("map:kept").getMap("nodes").toJSON()), ["only"]);
    assert.equal(compactions("map:kept:aside").length, 2, "the old compactions are kept aside");
    assert.equal(loggedUpdates("map:kept:aside").length, 1, "and the old log");
  });

  it("says which document could not be loaded instead of throwing Yjs' own error", () => {
    appendUpdate("map:garbage", Uint8Array.from([1, 1, 7, 0, 8, 1, 5, 0x6e]));
    assert.throws(
      () => loadDoc("map:garbage"),
      (error: unknown) => error instanceof UnreadableDocumentError && error.docName === "map:garbage",
    );
  });
});
