/** Storage of Yjs documents: an append-only update log plus compacted snapshots (used by realtime/ and by the maps model). */
import { and, asc, count, desc, eq, gt, inArray, lte, notInArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Statement } from "better-sqlite3";
import { db, sqlite } from "./client";
import { docSnapshots, docUpdates } from "./schema";

/** The stored state of a document cannot be loaded (Yjs threw while applying it). */
export class UnreadableDocumentError extends Error {
  constructor(
    readonly docName: string,
    cause: unknown,
  ) {
    super(`document ${docName} cannot be loaded: ${String((cause as Error)?.message ?? cause)}`);
    this.name = "UnreadableDocumentError";
  }
}

/** How many compactions are kept: the newest (what loads) and the one before it (a fallback). */
const COMPACTIONS_KEPT = 2;

// Every edit of every map passes here before anyone sees it, so the statement is prepared once and
// run directly (building the query through drizzle each time cost more than the write itself).
let appendStatement: Statement<[string, Buffer]> | null = null;

/**
 * Appends one update. Synchronous (better-sqlite3): when it returns, the update is in the WAL file,
 * so it survives the process dying (kill -9). With synchronous = NORMAL (db/client.ts) an operating
 * system crash or power cut may still lose the last commits; see README, Decisions.
 */
export function appendUpdate(docName: string, update: Uint8Array): number {
  appendStatement ??= sqlite.prepare('insert into doc_updates (doc_name, "update") values (?, ?)');
  return Number(appendStatement.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength)).lastInsertRowid);
}

function latestCompaction(docName: string) {
  return db
    .select()
    .from(docSnapshots)
    .where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction")))
    .orderBy(desc(docSnapshots.id))
    .limit(1)
    .get();
}

/** The updates logged after a compaction (or all of them), oldest first. */
export function loggedUpdates(docName: string, afterUpdateId = 0): Uint8Array[] {
  return db
    .select({ update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, afterUpdateId)))
    .orderBy(asc(docUpdates.id))
    .all()
    .map((row) => row.update);
}

/** The document as stored: the latest compaction, then every update logged after it. Throws UnreadableDocumentError. */
export function loadDoc(docName: string): Y.Doc {
  const doc = new Y.Doc();
  try {
    const snapshot = latestCompaction(docName);
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    const updates = loggedUpdates(docName, snapshot?.upToUpdateId ?? 0);
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
  } catch (error) {
    doc.destroy();
    throw new UnreadableDocumentError(docName, error);
  }
  return doc;
}

/** What identifies the stored state: it changes whenever the document is written. */
export function storedVersion(docName: string): string {
  const snapshot = latestCompaction(docName);
  const last = db
    .select({ id: docUpdates.id })
    .from(docUpdates)
    .where(eq(docUpdates.docName, docName))
    .orderBy(desc(docUpdates.id))
    .limit(1)
    .get();
  return `${snapshot?.id ?? 0}:${last?.id ?? 0}`;
}

export function pendingUpdateCount(docName: string): number {
  return db.select({ n: count() }).from(docUpdates).where(eq(docUpdates.docName, docName)).get()?.n ?? 0;
}

/**
 * A type's items in list order and, for keyed parts, which item holds each key, as text. Generic on
 * purpose (the realtime server never says which parts are maps or lists): two copies agree iff
 * every live item sits in the same place with the same content.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types every shared type as AbstractType<YEvent<any>>; nothing narrower accepts them all
function describeType(type: Y.AbstractType<any>): unknown {
  // Only what is alive decides what a reader sees; deleted history is skipped (it is most of a
  // map's items, since every drag replaces a box's value).
  const items: unknown[] = [];
  for (let item = type._start; item; item = item.right) {
    if (!item.deleted)
      items.push([
        item.id.client,
        item.id.clock,
        item.content instanceof Y.ContentType ? describeType(item.content.type) : item.content.getContent(),
      ]);
  }
  const keys: unknown[] = [];
  for (const [key, item] of type._map)
    if (!item.deleted)
      keys.push([
        key,
        item.id.client,
        item.id.clock,
        item.content instanceof Y.ContentType ? describeType(item.content.type) : item.content.getContent(),
      ]);
  keys.sort((a, b) => ((a as string[])[0] < (b as string[])[0] ? -1 : 1));
  return [items, keys];
}

function contentOf(doc: Y.Doc): string {
  const parts = [...doc.share.keys()].sort().map((name) => [name, describeType(doc.share.get(name)!)]);
  return JSON.stringify([parts, [...Y.encodeStateVector(doc)]]);
}

/** The full state of `doc`, if loading it into an empty document gives `doc` back; else null. */
export function verifiedState(doc: Y.Doc): Uint8Array | null {
  let copy: Y.Doc | null = null;
  try {
    const state = Y.encodeStateAsUpdate(doc);
    copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    for (const name of doc.share.keys()) copy.get(name);
    return contentOf(copy) === contentOf(doc) ? state : null;
  } catch {
    return null;
  } finally {
    copy?.destroy();
  }
}

/**
 * Folds the log into one snapshot of `doc` (which must hold every logged update) and drops the
 * folded updates, in one transaction: a crash leaves either the old log or the new snapshot. The
 * snapshot is loaded again before it replaces anything; if it does not give the document back,
 * nothing is written and false is returned (the log still loads as it is).
 */
export function compact(docName: string, doc: Y.Doc): boolean {
  const state = verifiedState(doc);
  if (!state) return false;
  db.transaction((tx) => {
    const last = tx
      .select({ id: docUpdates.id })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName))
      .orderBy(desc(docUpdates.id))
      .limit(1)
      .get();
    if (!last) return;
    tx.insert(docSnapshots)
      .values({ docName, kind: "compaction", state: Buffer.from(state), upToUpdateId: last.id })
      .run();
    tx.delete(docUpdates)
      .where(and(eq(docUpdates.docName, docName), lte(docUpdates.id, last.id)))
      .run();
    // Older compactions are superseded; the one before the newest stays as a fallback.
    const kept = tx
      .select({ id: docSnapshots.id })
      .from(docSnapshots)
      .where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction")))
      .orderBy(desc(docSnapshots.id))
      .limit(COMPACTIONS_KEPT)
      .all()
      .map((row) => row.id);
    tx.delete(docSnapshots)
      .where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction"), notInArray(docSnapshots.id, kept)))
      .run();
  });
  return true;
}

/** The stored compactions of a document, newest first (for recovering a damaged one). */
export function compactions(docName: string) {
  return db
    .select({ id: docSnapshots.id, state: docSnapshots.state, upToUpdateId: docSnapshots.upToUpdateId, createdAt: docSnapshots.createdAt })
    .from(docSnapshots)
    .where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction")))
    .orderBy(desc(docSnapshots.id))
    .all();
}

/**
 * Replaces what is stored of a document by `state`, keeping the old log and compactions under
 * `asideName` (nothing is deleted: a damaged document can still be examined). Named versions stay.
 */
export function replaceDocument(docName: string, state: Uint8Array, asideName: string) {
  db.transaction((tx) => {
    tx.update(docUpdates).set({ docName: asideName }).where(eq(docUpdates.docName, docName)).run();
    const old = tx
      .select({ id: docSnapshots.id })
      .from(docSnapshots)
      .where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction")))
      .all()
      .map((row) => row.id);
    if (old.length) tx.update(docSnapshots).set({ docName: asideName }).where(inArray(docSnapshots.id, old)).run();
    tx.insert(docSnapshots)
      .values({ docName, kind: "compaction", state: Buffer.from(state), upToUpdateId: 0 })
      .run();
  });
}

/** Stores a named version of a document's current state. */
export function saveSnapshot(docName: string, state: Uint8Array, values: { name: string; meetingId: number | null; createdBy: number }) {
  return db
    .insert(docSnapshots)
    .values({ docName, kind: "version", state: Buffer.from(state), ...values })
    .returning()
    .get();
}

/** A document created from a full state (an imported map): stored as its first compaction. */
export function initDoc(docName: string, state: Uint8Array) {
  db.insert(docSnapshots)
    .values({ docName, kind: "compaction", state: Buffer.from(state), upToUpdateId: 0 })
    .run();
}
