/** Storage of Yjs documents: an append-only update log plus compacted snapshots (used by realtime/ and by the maps model). */
import { and, asc, desc, eq, gt, lte } from "drizzle-orm";
import * as Y from "yjs";
import type { Statement } from "better-sqlite3";
import { db, sqlite } from "./client";
import { docSnapshots, docUpdates } from "./schema";

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

/** The document as stored: the latest compaction, then every update logged after it. */
export function loadDoc(docName: string): Y.Doc {
  const doc = new Y.Doc();
  const snapshot = db
    .select()
    .from(docSnapshots)
    .where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction")))
    .orderBy(desc(docSnapshots.id))
    .limit(1)
    .get();
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  const updates = db
    .select({ update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, snapshot?.upToUpdateId ?? 0)))
    .orderBy(asc(docUpdates.id))
    .all();
  Y.transact(doc, () => {
    for (const row of updates) Y.applyUpdate(doc, row.update);
  });
  return doc;
}

export function pendingUpdateCount(docName: string): number {
  return db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.docName, docName)).all().length;
}

/**
 * Folds the log into one snapshot of `doc` (which must hold every logged update) and drops the
 * folded updates, in one transaction: a crash leaves either the old log or the new snapshot.
 */
export function compact(docName: string, doc: Y.Doc) {
  db.transaction((tx) => {
    const last = tx.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.docName, docName)).orderBy(desc(docUpdates.id)).limit(1).get();
    if (!last) return;
    tx.insert(docSnapshots).values({ docName, kind: "compaction", state: Buffer.from(Y.encodeStateAsUpdate(doc)), upToUpdateId: last.id }).run();
    tx.delete(docUpdates).where(and(eq(docUpdates.docName, docName), lte(docUpdates.id, last.id))).run();
    // Older compactions are superseded.
    const keep = tx.select({ id: docSnapshots.id }).from(docSnapshots).where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction"))).orderBy(desc(docSnapshots.id)).limit(1).get();
    if (keep) tx.delete(docSnapshots).where(and(eq(docSnapshots.docName, docName), eq(docSnapshots.kind, "compaction"), lte(docSnapshots.id, keep.id - 1))).run();
  });
}

/** Stores a named version of a document's current state. */
export function saveSnapshot(docName: string, state: Uint8Array, values: { name: string; meetingId: number | null; createdBy: number }) {
  return db.insert(docSnapshots).values({ docName, kind: "version", state: Buffer.from(state), ...values }).returning().get();
}

/** A document created from a full state (an imported map): stored as its first compaction. */
export function initDoc(docName: string, state: Uint8Array) {
  db.insert(docSnapshots).values({ docName, kind: "compaction", state: Buffer.from(state), upToUpdateId: 0 }).run();
}
