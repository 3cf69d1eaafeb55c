import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { sqlite, truncateWal } from "./client";

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Applies pending migrations with foreign keys off, as SQLite's procedure for rebuilding a table
 * asks: drizzle runs every migration in one transaction, where the `PRAGMA foreign_keys=OFF` that
 * drizzle-kit writes before a rebuild does nothing, and dropping the old `users` table would then
 * cascade into every membership and session. Before foreign keys come back on, the result is
 * checked for broken references (the start refuses if there are any).
 */
export function migrateConnection(connection: Database.Database, folder = migrationsFolder) {
  connection.pragma("foreign_keys = OFF");
  try {
    migrate(drizzle(connection), { migrationsFolder: folder });
    const broken = connection.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) {
      throw new Error(`The migrated database has ${broken.length} broken reference(s): ${JSON.stringify(broken.slice(0, 5))}`);
    }
  } finally {
    connection.pragma("foreign_keys = ON");
  }
}

/** Applies every pending drizzle-kit migration. Safe to run at every start. */
export function runMigrations() {
  migrateConnection(sqlite);
  // A migration may have moved or dropped rows (0008 rewrote the evaluation answers): the log is
  // emptied so their old pages do not stay beside the database file.
  truncateWal();
}
