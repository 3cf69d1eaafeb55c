/**
 * Backups of the live portal: SQLite's online backup API copies a consistent snapshot of the database
 * while the portal keeps writing; uploaded files (stored under their content hash, written before the
 * row that names them) are copied after it, so every file the snapshot refers to is there.
 * `npm run backup` and `npm run restore` (scripts/) call these.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export function integrityCheck(file: string): string {
  const connection = new Database(file, { fileMustExist: true });
  try {
    const rows = connection.pragma("integrity_check") as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    connection.close();
  }
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true }).filter((entry) => statSync(join(dir, String(entry))).isFile()).length;
}

export interface BackupManifest {
  createdAt: string;
  databaseBytes: number;
  files: number;
  integrity: string;
}

/** Copies the database (online) and the uploads into `targetDir`, checks the copy, writes a manifest. */
export async function backupTo({
  databaseFile,
  uploadsDir,
  targetDir,
}: {
  databaseFile: string;
  uploadsDir: string;
  targetDir: string;
}): Promise<BackupManifest> {
  if (existsSync(targetDir) && readdirSync(targetDir).length > 0) throw new Error(`${targetDir} is not empty`);
  mkdirSync(targetDir, { recursive: true });
  const copy = join(targetDir, "portal.db");
  const source = new Database(databaseFile, { fileMustExist: true });
  try {
    // Copies a few hundred pages at a time, letting the portal's own connection write in between;
    // pages changed meanwhile are copied again, so the result is one consistent moment.
    await source.backup(copy, { progress: () => 200 });
  } finally {
    source.close();
  }
  const integrity = integrityCheck(copy);
  if (integrity !== "ok") throw new Error(`the copy failed its integrity check: ${integrity}`);
  if (existsSync(uploadsDir)) cpSync(uploadsDir, join(targetDir, "uploads"), { recursive: true });
  const manifest: BackupManifest = {
    createdAt: new Date().toISOString(),
    databaseBytes: statSync(copy).size,
    files: countFiles(join(targetDir, "uploads")),
    integrity,
  };
  writeFileSync(join(targetDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Puts a backup back (with the portal stopped). The database it replaces is kept beside it as
 * `<name>.before-restore-<time>`; uploads are merged (file names are content hashes).
 */
export function restoreFrom(
  { backupDir, databaseFile, uploadsDir }: { backupDir: string; databaseFile: string; uploadsDir: string },
  now = new Date(),
) {
  const copy = join(backupDir, "portal.db");
  if (!existsSync(copy)) throw new Error(`${backupDir} holds no portal.db`);
  const integrity = integrityCheck(copy);
  if (integrity !== "ok") throw new Error(`the backup failed its integrity check: ${integrity}`);
  let keptAs: string | null = null;
  if (existsSync(databaseFile)) {
    keptAs = `${databaseFile}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    renameSync(databaseFile, keptAs);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  copyFileSync(copy, databaseFile);
  const restored = integrityCheck(databaseFile);
  if (restored !== "ok") throw new Error(`the restored database failed its integrity check: ${restored}`);
  if (existsSync(join(backupDir, "uploads"))) cpSync(join(backupDir, "uploads"), uploadsDir, { recursive: true, force: false });
  return { keptAs, integrity: restored };
}
