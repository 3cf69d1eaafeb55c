/**
 * Yjs updates built byte by byte (the v1 update format) for tests that attack the realtime server:
 * well-formed headers around content that breaks, references to items that never existed, deletes
 * of unknown ranges, and updates Yjs takes but cannot encode back. Each is described by what it is,
 * so a failing test says which one got through.
 */
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

export interface StructSpec {
  /** Content: a plain value list (ContentAny), a deleted length, or raw bytes for a content ref. */
  content: { any: unknown[] } | { deleted: number } | { ref: number; bytes: number[] } | { gc: number } | { skip: number };
  origin?: [number, number];
  rightOrigin?: [number, number];
  /** Root name, used when there is neither origin nor right origin. */
  parent?: string;
  /** Key in a map part (nodes, edges, meta). */
  key?: string;
}

/**
 * One client's structs from `clock`, then a delete set (client → [clock, length] ranges), or, with
 * `rawDeleteSet`, those bytes in its place.
 */
export function encodeUpdate(
  client: number,
  clock: number,
  structs: StructSpec[],
  deletes: Array<[number, Array<[number, number]>]> = [],
  rawDeleteSet?: number[],
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, structs.length ? 1 : 0);
  if (structs.length) {
    encoding.writeVarUint(e, structs.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    for (const s of structs) {
      const c = s.content;
      if ("gc" in c) {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, c.gc);
        continue;
      }
      if ("skip" in c) {
        encoding.writeUint8(e, 10);
        encoding.writeVarUint(e, c.skip);
        continue;
      }
      const ref = "any" in c ? 8 : "deleted" in c ? 1 : c.ref;
      const explicitParent = !s.origin && !s.rightOrigin;
      encoding.writeUint8(e, ref | (s.origin ? 128 : 0) | (s.rightOrigin ? 64 : 0) | (explicitParent && s.key !== undefined ? 32 : 0));
      if (s.origin) {
        encoding.writeVarUint(e, s.origin[0]);
        encoding.writeVarUint(e, s.origin[1]);
      }
      if (s.rightOrigin) {
        encoding.writeVarUint(e, s.rightOrigin[0]);
        encoding.writeVarUint(e, s.rightOrigin[1]);
      }
      if (explicitParent) {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, s.parent ?? "nodes");
        if (s.key !== undefined) encoding.writeVarString(e, s.key);
      }
      if ("any" in c) {
        encoding.writeVarUint(e, c.any.length);
        for (const v of c.any) encoding.writeAny(e, v as never);
      } else if ("deleted" in c) {
        encoding.writeVarUint(e, c.deleted);
      } else {
        for (const b of c.bytes) encoding.writeUint8(e, b);
      }
    }
  }
  if (rawDeleteSet) {
    for (const b of rawDeleteSet) encoding.writeUint8(e, b);
    return encoding.toUint8Array(e);
  }
  encoding.writeVarUint(e, deletes.length);
  for (const [dc, ranges] of deletes) {
    encoding.writeVarUint(e, dc);
    encoding.writeVarUint(e, ranges.length);
    for (const [rc, len] of ranges) {
      encoding.writeVarUint(e, rc);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}

const box = (label: string) => ({ kind: "service", label, x: 200, y: 300, obstacle: null });

/**
 * Hostile updates against a document `doc` (a map with at least one box and two stages), from a
 * client id the document has never seen. Each must be refused or held back whole.
 */
export function hostileUpdates(doc: Y.Doc, attacker = 990_001): Array<{ name: string; update: Uint8Array }> {
  const stateOf = (client: number) => Y.getState(doc.store, client);
  // An existing stage item and an existing box entry to refer to.
  const stages = doc.getArray("stages") as unknown as { _start: Y.Item | null };
  const firstStage = stages._start!;
  const anyBox = [...(doc.getMap("nodes") as unknown as { _map: Map<string, Y.Item> })._map.entries()][0];
  const stage: [number, number] = [firstStage.id.client, firstStage.id.clock];
  const boxItem: [number, number] = [anyBox[1].id.client, anyBox[1].id.clock];
  const a = attacker;
  const fresh = stateOf(a);
  return [
    {
      // Two good boxes, then a delete set cut off half-way: Yjs integrates the boxes, then throws.
      name: "good structs, then a broken delete set",
      update: encodeUpdate(
        a,
        fresh,
        [
          { content: { any: [box("Ekte 1")] }, key: "hostile-a" },
          { content: { any: [box("Ekte 2")] }, key: "hostile-b" },
        ],
        [],
        [1, 5, 4, 0, 1],
      ),
    },
    {
      name: "a value of an unknown type inside well-formed headers",
      update: encodeUpdate(a, fresh, [{ content: { ref: 8, bytes: [1, 0x40] }, key: "hostile-c" }]),
    },
    {
      name: "a zero-length garbage range (taken, then impossible to load again)",
      update: encodeUpdate(a, fresh, [{ content: { gc: 0 } }]),
    },
    { name: "a zero-length deletion", update: encodeUpdate(a, fresh, [{ content: { deleted: 0 }, parent: "stages" }]) },
    {
      name: "a skip struct",
      update: encodeUpdate(a, fresh, [{ content: { skip: 3 } }, { content: { any: [box("etter hull")] }, key: "hostile-d" }]),
    },
    {
      name: "an item whose origin and right origin are the same item",
      update: encodeUpdate(a, fresh, [{ content: { any: [{ id: "x1", name: "Falsk" }] }, origin: stage, rightOrigin: stage }]),
    },
    {
      name: "a box set with a right origin",
      update: encodeUpdate(a, fresh, [{ content: { any: [box("høyre")] }, origin: boxItem, rightOrigin: stage }]),
    },
    { name: "a nested type inside a box", update: encodeUpdate(a, fresh, [{ content: { ref: 7, bytes: [1] }, key: "hostile-e" }]) },
    {
      name: "a subdocument",
      update: encodeUpdate(a, fresh, [{ content: { ref: 9, bytes: [4, 0x67, 0x75, 0x69, 0x64, 0x76, 0x00] }, key: "hostile-f" }]),
    },
    {
      name: "text content in the stage list",
      update: encodeUpdate(a, fresh, [{ content: { ref: 4, bytes: [3, 0x61, 0x62, 0x63] }, parent: "stages" }]),
    },
    {
      name: "a part the map does not have",
      update: encodeUpdate(a, fresh, [{ content: { any: [box("x")] }, parent: "secret", key: "k" }]),
    },
    { name: "a box that is a number", update: encodeUpdate(a, fresh, [{ content: { any: [42] }, key: "hostile-g" }]) },
    {
      name: "a box whose label is an object",
      update: encodeUpdate(a, fresh, [{ content: { any: [{ ...box(""), label: { toString: "x" } }] }, key: "hostile-h" }]),
    },
    {
      name: "a stage in the boxes",
      update: encodeUpdate(a, fresh, [{ content: { any: [{ id: "s", name: "Trinn" }] }, key: "hostile-i" }]),
    },
    { name: "a box in the stage list", update: encodeUpdate(a, fresh, [{ content: { any: [box("i trinnlisten")] }, parent: "stages" }]) },
    {
      name: "a box with a key of 10,000 characters",
      update: encodeUpdate(a, fresh, [{ content: { any: [box("lang")] }, key: "k".repeat(10_000) }]),
    },
  ];
}

/** Updates that refer to what does not exist: nothing may be applied, and nothing stays behind. */
export function danglingUpdates(doc: Y.Doc, attacker = 990_002): Array<{ name: string; update: Uint8Array }> {
  const fresh = Y.getState(doc.store, attacker);
  return [
    {
      name: "an origin that never existed",
      update: encodeUpdate(attacker, fresh, [{ content: { any: [{ id: "y1", name: "Ingen" }] }, origin: [777_777, 41] }]),
    },
    {
      name: "a clock far ahead of the client's own",
      update: encodeUpdate(attacker, fresh + 1000, [{ content: { any: [box("fremtid")] }, key: "hostile-j" }]),
    },
    { name: "a delete of a range that never existed", update: encodeUpdate(attacker, fresh, [], [[777_778, [[0, 100]]]]) },
  ];
}
