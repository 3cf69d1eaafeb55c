import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { addStage, moveStage, parts, removeStage, renameStage } from "./map-model";
import { danglingUpdates, encodeUpdate, hostileUpdates } from "../../tests/helpers/hostile-updates";
import { guardedInMemory } from "./map-update-guard";

/** The document's content and state vector, with keys sorted: equal iff two copies agree. */
function fingerprint(doc: Y.Doc) {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
          )
        : value;
  const p = parts(doc);
  return JSON.stringify(
    sorted({
      nodes: p.nodes.toJSON(),
      edges: p.edges.toJSON(),
      stages: p.stages.toJSON(),
      meta: p.meta.toJSON(),
      sv: [...Y.encodeStateVector(doc)],
    }),
  );
}

/** What a newcomer gets: the full state, loaded into an empty document. */
function freshLoad(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function mapDoc() {
  const doc = new Y.Doc();
  const p = parts(doc);
  doc.transact(() => {
    p.stages.push([
      { id: "arrival", name: "Ankomst" },
      { id: "settlement", name: "Bosetting" },
      { id: "everyday", name: "Hverdag" },
    ]);
    for (let i = 0; i < 4; i++) p.nodes.set(`n${i}`, { kind: "service", label: `Tjeneste ${i}`, x: 170 + i * 40, y: 400, obstacle: null });
    p.edges.set("e0", { source: "n0", target: "n1", kind: "triggers", label: "" });
  });
  p.nodes.set("n1", { kind: "service", label: "Flyttet", x: 500, y: 400, obstacle: null });
  return doc;
}

let seed = 20261201;
const random = (n: number) => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % n;
};

describe("the realtime update gate", () => {
  it("takes every change real editors make, concurrent ones included, and everyone ends equal to a fresh load", () => {
    const server = guardedInMemory(Y.encodeStateAsUpdate(mapDoc()));
    const clients = Array.from({ length: 3 }, () => freshLoad(server.doc));
    // Each client's outgoing updates wait in a queue, and the server's broadcasts in each client's
    // inbox, so edits cross each other the way they do on a network.
    const outbox: Uint8Array[][] = clients.map(() => []);
    const inbox: Uint8Array[][] = clients.map(() => []);
    clients.forEach((doc, i) => doc.on("update", (update: Uint8Array, origin: unknown) => origin !== "server" && outbox[i].push(update)));
    const verdicts = new Map<string, number>();
    const deliverOne = (i: number) => {
      const update = outbox[i].shift();
      if (!update) return;
      const result = server.apply(update);
      verdicts.set(result.kind, (verdicts.get(result.kind) ?? 0) + 1);
      assert.ok(result.kind === "accepted" || result.kind === "unchanged", `a real edit was ${JSON.stringify(result)}`);
      if (result.kind === "accepted") inbox.forEach((box, j) => j !== i && box.push(result.update));
    };
    for (let step = 0; step < 600; step++) {
      const i = random(3);
      const doc = clients[i];
      const p = parts(doc);
      const keys = [...p.nodes.keys()];
      switch (random(9)) {
        case 0:
          p.nodes.set(`c${i}-${step}`, { kind: "event", label: `Hendelse ${step}`, x: 170 + random(900), y: 230, obstacle: null });
          break;
        case 1:
        case 2: {
          const key = keys[random(keys.length)];
          const node = key && p.nodes.get(key);
          if (node) p.nodes.set(key, { ...node, x: node.x + random(30) - 15, y: node.y + random(30) - 15 });
          break;
        }
        case 3:
          if (keys.length > 2) p.nodes.delete(keys[random(keys.length)]);
          break;
        case 4:
          if (keys.length > 1)
            p.edges.set(`e${i}-${step}`, { source: keys[0], target: keys[keys.length - 1], kind: "dataflow", label: "data" });
          break;
        case 5:
          doc.transact(() => renameStage(doc, p.stages.get(random(p.stages.length)).id, `Trinn ${step}`));
          break;
        case 6:
          doc.transact(() =>
            random(2)
              ? addStage(doc, `s${i}-${step}`, `Nytt ${step}`)
              : moveStage(doc, p.stages.get(random(p.stages.length)).id, random(p.stages.length)),
          );
          break;
        case 7:
          doc.transact(() => removeStage(doc, p.stages.get(random(p.stages.length)).id));
          break;
        case 8:
          p.meta.set("title", `Kart ${step}`);
          break;
      }
      for (let k = random(3); k > 0; k--) deliverOne(random(3));
      const j = random(3);
      for (const update of inbox[j].splice(0, random(3))) Y.applyUpdate(clients[j], update, "server");
    }
    while (outbox.some((box) => box.length) || inbox.some((box) => box.length)) {
      for (let i = 0; i < 3; i++) {
        deliverOne(i);
        for (const update of inbox[i].splice(0)) Y.applyUpdate(clients[i], update, "server");
      }
    }
    assert.ok((verdicts.get("accepted") ?? 0) > 400, `edits went through: ${JSON.stringify([...verdicts])}`);
    const expected = fingerprint(server.doc);
    assert.equal(fingerprint(freshLoad(server.doc)), expected, "the server's copy equals a fresh load of itself");
    for (const doc of clients) assert.equal(fingerprint(doc), expected, "every editor ends where the server is");
  });

  it("refuses hostile updates whole: the document is untouched and still loads as itself", () => {
    const base = mapDoc();
    for (const { name, update } of hostileUpdates(base)) {
      const guarded = guardedInMemory(Y.encodeStateAsUpdate(base));
      const before = fingerprint(guarded.doc);
      const result = guarded.apply(update);
      assert.equal(result.kind, "refused", `${name}: ${JSON.stringify(result)}`);
      assert.equal(fingerprint(guarded.doc), before, `${name}: the document changed`);
      assert.equal(fingerprint(freshLoad(guarded.doc)), before, `${name}: a fresh load differs`);
      // The gate is usable afterwards: a real edit still goes through.
      const editor = freshLoad(guarded.doc);
      let edit: Uint8Array | null = null;
      editor.on("update", (u: Uint8Array) => (edit = u));
      parts(editor).nodes.set("after", { kind: "data", label: "Etter angrepet", x: 180, y: 580, obstacle: null });
      assert.equal(guarded.apply(edit!).kind, "accepted", `${name}: the next real edit`);
    }
  });

  it("holds back updates that refer to what does not exist, and keeps nothing of them", () => {
    const base = mapDoc();
    for (const { name, update } of danglingUpdates(base)) {
      const guarded = guardedInMemory(Y.encodeStateAsUpdate(base));
      const before = fingerprint(guarded.doc);
      assert.equal(guarded.apply(update).kind, "incomplete", name);
      assert.equal(fingerprint(guarded.doc), before, name);
      assert.equal(guarded.doc.store.pendingStructs, null, `${name}: nothing waits in the document`);
      assert.equal(guarded.doc.store.pendingDs, null, `${name}: no deletion waits in the document`);
    }
  });

  it("never lets a sequence of crafted updates make the document differ from a fresh load of it (seeded fuzz)", () => {
    const base = Y.encodeStateAsUpdate(mapDoc());
    const values: unknown[] = [
      { kind: "service", label: "x", x: 1, y: 2 },
      { id: "z", name: "Z" },
      "meta",
      { kind: "step", label: "y", x: 0, y: 0, obstacle: null },
      42,
      null,
    ];
    const pick = <T>(list: T[]) => list[random(list.length)];
    let accepted = 0;
    for (let round = 0; round < 1500; round++) {
      const guarded = guardedInMemory(base);
      const log: Uint8Array[] = [];
      for (let k = 0; k < 4; k++) {
        const doc = guarded.doc;
        const known = [...doc.store.clients.keys(), 7, 8];
        const someId = (): [number, number] => {
          const client = pick(known);
          return [client, random(Y.getState(doc.store, client) + 2)];
        };
        const client = pick([7, 8]);
        const structs = Array.from({ length: 1 + random(3) }, () => {
          const origin = random(3) > 0 ? someId() : undefined;
          const rightOrigin = random(2) ? someId() : undefined;
          const content = random(4) ? { any: [pick(values)] } : { deleted: 1 + random(2) };
          return {
            content,
            origin,
            rightOrigin,
            parent: pick(["nodes", "stages", "edges", "meta"]),
            key: random(2) ? pick(["n0", "n1", "n3", "k"]) : undefined,
          };
        });
        const deletes: Array<[number, Array<[number, number]>]> = random(3) ? [] : [[pick(known), [[random(20), 1 + random(3)]]]];
        const result = guarded.apply(encodeUpdate(client, Y.getState(doc.store, client) + (random(5) ? 0 : 1), structs, deletes));
        if (result.kind === "accepted") {
          accepted++;
          log.push(result.update);
        }
      }
      const expected = fingerprint(guarded.doc);
      assert.equal(fingerprint(freshLoad(guarded.doc)), expected, `round ${round}: a fresh load differs`);
      const replay = new Y.Doc();
      Y.applyUpdate(replay, base);
      Y.transact(replay, () => log.forEach((u) => Y.applyUpdate(replay, u)));
      assert.equal(fingerprint(replay), expected, `round ${round}: replaying the stored log differs`);
    }
    assert.ok(accepted > 40, `some crafted updates were valid and taken (${accepted})`);
  });
});
