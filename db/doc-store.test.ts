import "../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { appendUpdate, compact, loadDoc, pendingUpdateCount } from "./doc-store";

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
});
