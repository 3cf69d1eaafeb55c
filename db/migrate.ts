import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { db, truncateWal } from "./client";

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies every pending drizzle-kit migration. Safe to run at every start. */
export function runMigrations() {
  migrate(db, { migrationsFolder });
  // A migration may have moved or dropped rows (0008 rewrote the evaluation answers): the log is
  // emptied so their old pages do not stay beside the database file.
  truncateWal();
}
