/**
 * The gate every document update passes before it is stored or sent to anyone. An update is taken
 * whole or not at all:
 *
 * 1. Its shape is checked against the document it would join: only the kinds of content a map
 *    holds (plain values and deletions, no nested types, subdocuments, text or skips), nothing of
 *    length zero, each client's clocks following on from what the document has, every item placed
 *    in one of the map's parts (boxes, arrows, stages, meta) with values that fit the map model,
 *    and every reference (origin, right origin, deletion) to something that exists.
 * 2. It is integrated. If Yjs throws half-way, the document is loaded again from storage, so the
 *    half that was integrated is gone, and nothing of it was stored or sent.
 * 3. Each new item must lie between its origin and its right origin, as every replica would place
 *    it: an item whose neighbours were made up lands elsewhere and would make a fresh load of the
 *    document differ from the copies people have open. If not, the document is loaded again too.
 * 4. The change as Yjs encoded it is what is stored and broadcast: exactly what a fresh load replays.
 */
import * as Y from "yjs";
import { elementId, LIST_ROOTS, MAP_ROOTS, validMapValue } from "./map-schema";

export type Refusal = "malformed" | "content" | "structure" | "value" | "placement" | "integration";

export type GuardResult =
  | { kind: "accepted"; update: Uint8Array }
  /** Nothing new (a duplicate, or an empty sync step). */
  | { kind: "unchanged" }
  /** It depends on something this document does not have yet: nothing was applied. */
  | { kind: "incomplete" }
  | { kind: "refused"; reason: Refusal };

/** How far the placement check walks along a list before it gives up (legit neighbours are close). */
const MAX_WALK = 10_000;

interface Place {
  root: string;
  key: string | null;
}

type Struct = Y.Item | Y.GC | Y.Skip;
interface Decoded {
  structs: Struct[];
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> };
}

/** Where a struct sits, when it is an item of a part of the map; "gc" for garbage-collected ranges. */
function placeInDoc(doc: Y.Doc, id: Y.ID): Place | "gc" | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const struct = Y.getItem(doc.store, id) as Struct;
  if (!(struct instanceof Y.Item)) return "gc";
  const parent = struct.parent as Y.AbstractType<unknown> | null;
  if (!parent || parent._item !== null) return "gc";
  return { root: Y.findRootTypeKey(parent), key: struct.parentSub };
}

const samePlace = (a: Place, b: Place) => a.root === b.root && a.key === b.key;

/**
 * Step 1: is this update, decoded, something a map document may take? "incomplete" when it only
 * refers to what this document does not have yet.
 */
export function checkShape(doc: Y.Doc, update: Uint8Array): Refusal | "incomplete" | null {
  let decoded: Decoded;
  try {
    decoded = Y.decodeUpdate(update) as unknown as Decoded;
  } catch {
    return "malformed";
  }
  // This update's own structs, per client, so references into the update itself resolve.
  const own = new Map<number, Array<{ struct: Struct; place: Place | null }>>();
  let incomplete = false;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip || !(struct.length >= 1)) return "structure";
    const list = own.get(struct.id.client) ?? [];
    const expected = list.length ? list[list.length - 1].struct.id.clock + list[list.length - 1].struct.length : null;
    if (expected !== null && struct.id.clock !== expected) return "structure";
    if (expected === null && struct.id.clock > Y.getState(doc.store, struct.id.client)) incomplete = true;
    list.push({ struct, place: null });
    own.set(struct.id.client, list);
  }
  const placeOf = (id: Y.ID): Place | "gc" | null => {
    if (id.clock < Y.getState(doc.store, id.client)) return placeInDoc(doc, id);
    const hit = own.get(id.client)?.find((e) => e.struct.id.clock <= id.clock && id.clock < e.struct.id.clock + e.struct.length);
    if (!hit) return null;
    return hit.place ?? "gc";
  };
  for (const list of own.values()) {
    for (const entry of list) {
      const item = entry.struct;
      if (!(item instanceof Y.Item)) continue; // a GC range: deleted content, nothing to place
      if (!(item.content instanceof Y.ContentAny || item.content instanceof Y.ContentDeleted)) return "content";
      const left = item.origin ? placeOf(item.origin) : undefined;
      const right = item.rightOrigin ? placeOf(item.rightOrigin) : undefined;
      if (left === null || right === null) {
        incomplete = true;
        continue;
      }
      if (left === "gc" || right === "gc") return "placement";
      if (left && right && !samePlace(left, right)) return "placement";
      let place = left ?? right;
      if (!place) {
        if (typeof item.parent !== "string") return "placement";
        place = { root: item.parent, key: item.parentSub };
      }
      if (place.key === null ? !(place.root in LIST_ROOTS) : !(place.root in MAP_ROOTS) || !elementId.safeParse(place.key).success)
        return "placement";
      // A keyed entry is set after the key's previous value; nothing is ever inserted to its left.
      if (place.key !== null && item.rightOrigin) return "placement";
      if (item.content instanceof Y.ContentAny && !item.content.arr.every((value) => validMapValue(place.root, value))) return "value";
      entry.place = place;
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const list = own.get(client);
    const known = list ? list[list.length - 1].struct.id.clock + list[list.length - 1].struct.length : Y.getState(doc.store, client);
    for (const range of ranges) {
      if (!(range.len >= 1)) return "structure";
      if (range.clock + range.len > Math.max(known, Y.getState(doc.store, client))) incomplete = true;
    }
  }
  return incomplete ? "incomplete" : null;
}

/** Does `struct` cover the clock of `id`? */
const covers = (struct: Struct, id: Y.ID) =>
  struct.id.client === id.client && struct.id.clock <= id.clock && id.clock < struct.id.clock + struct.length;

/** Step 3: every item of `update`, as integrated in `doc`, lies between its origin and right origin. */
function placedBetweenOrigins(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs } = Y.decodeUpdate(update) as unknown as { structs: Struct[] };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Yjs merges neighbouring items of one client after a transaction, so the struct holding this
    // item may also hold its origin (typing on from one's own last insertion).
    const item = Y.getItem(doc.store, struct.id) as Struct;
    if (!(item instanceof Y.Item)) return false;
    if (struct.origin && !covers(item, struct.origin)) {
      let at: Y.Item | null = item.left;
      let steps = 0;
      while (at && !covers(at, struct.origin) && ++steps < MAX_WALK) at = at.left;
      if (!at || !covers(at, struct.origin)) return false;
    }
    if (struct.rightOrigin) {
      let at: Y.Item | null = item.right;
      let steps = 0;
      while (at && !covers(at, struct.rightOrigin) && ++steps < MAX_WALK) at = at.right;
      if (!at || !covers(at, struct.rightOrigin)) return false;
    }
  }
  return true;
}

/** Applies `update` to `doc` and returns what Yjs emitted for it (null: nothing changed). Throws as Yjs does. */
function integrate(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
  let emitted: Uint8Array | null = null;
  const capture = (u: Uint8Array) => {
    emitted = u;
  };
  doc.on("update", capture);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off("update", capture);
  }
  return emitted;
}

/**
 * A document with its gate: it only ever changes through `apply`. When integrating an update into
 * it throws half-way, or leaves an item where a fresh load would not put it, the document is
 * thrown away and loaded again with `reload` (from storage: everything accepted was stored before
 * it was sent to anyone), so the half-integrated update leaves nothing behind. That costs a load
 * per refused update, which only hostile updates cause; accepted ones cost one integration.
 */
export class GuardedDoc {
  constructor(
    private current: Y.Doc,
    private readonly reload: () => Y.Doc,
    /** Told of every accepted change (for a document kept in memory only). */
    private readonly record?: (change: Uint8Array) => void,
  ) {}

  /** The accepted state: what is stored, served to newcomers and compacted. */
  get doc() {
    return this.current;
  }

  apply(update: Uint8Array): GuardResult {
    const shape = checkShape(this.current, update);
    if (shape === "incomplete") return { kind: "incomplete" };
    if (shape) return { kind: "refused", reason: shape };
    let change: Uint8Array | null;
    try {
      change = integrate(this.current, update);
    } catch {
      this.restart();
      return { kind: "refused", reason: "integration" };
    }
    if (this.current.store.pendingStructs || this.current.store.pendingDs) {
      this.restart();
      return { kind: "incomplete" };
    }
    if (!change) return { kind: "unchanged" };
    if (!placedBetweenOrigins(this.current, change)) {
      this.restart();
      return { kind: "refused", reason: "placement" };
    }
    this.record?.(change);
    return { kind: "accepted", update: change };
  }

  private restart() {
    this.current.destroy();
    this.current = this.reload();
  }

  destroy() {
    this.current.destroy();
  }
}

/**
 * A gated document that is not stored anywhere (recovering a damaged map, tests): it keeps its
 * starting state and the changes it accepted in memory, and reloads from them.
 */
export function guardedInMemory(start: Uint8Array | null): GuardedDoc {
  const accepted: Uint8Array[] = [];
  const load = () => {
    const doc = new Y.Doc();
    if (start) Y.applyUpdate(doc, start);
    Y.transact(doc, () => {
      for (const change of accepted) Y.applyUpdate(doc, change);
    });
    return doc;
  };
  return new GuardedDoc(load(), load, (change) => accepted.push(change));
}
