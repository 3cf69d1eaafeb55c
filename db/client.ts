import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { databasePath } from "./client-path";
import * as schema from "./schema";

export { databasePath };

function open(file: string) {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const connection = new Database(file);
  connection.pragma("journal_mode = WAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("synchronous = NORMAL");
  // Freed space is overwritten with zeros, so removed content (and cells moved when a b-tree page
  // splits) does not stay readable in the file.
  connection.pragma("secure_delete = ON");
  return connection;
}

/** One connection per process: better-sqlite3 is synchronous, so sharing it is both safe and fastest. */
export const sqlite = open(databasePath());
export const db = drizzle(sqlite, { schema });
export type Db = typeof db;
/** A transaction handle has the same query API as db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Copies the write-ahead log into the database file and empties it. Used after an anonymous answer,
 * whose participation and answer rows are written in one commit: the log would otherwise keep them
 * side by side until the next checkpoint. Returns false if a reader kept the log from being emptied.
 */
export function truncateWal(): boolean {
  if (databasePath() === ":memory:") return true;
  const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
  return result?.busy === 0;
}

export function closeDatabase() {
  if (sqlite.open) sqlite.close();
}
