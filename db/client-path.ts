/**
 * Where the portal keeps its data, without opening anything: the restore script must not hold the
 * database open while it replaces the file.
 */
import { dirname, resolve } from "node:path";

/** DATABASE_PATH, default data/portal.db (relative to the working directory). */
export function databasePath(): string {
  const configured = process.env.DATABASE_PATH?.trim();
  if (configured === ":memory:") return configured;
  return resolve(configured || "data/portal.db");
}

/** Uploaded files live beside the database unless UPLOADS_PATH says otherwise. */
export function uploadsPath(): string {
  const configured = process.env.UPLOADS_PATH?.trim();
  if (configured) return resolve(configured);
  const database = process.env.DATABASE_PATH?.trim() || "data/portal.db";
  return resolve(dirname(resolve(database)), "uploads");
}
