/**
 * `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back into
 * DATABASE_PATH (and UPLOADS_PATH). Stop the portal first; the replaced database is kept beside it.
 */
import "./supported-node";
import { restoreFrom } from "../db/backup";
import { databasePath } from "../db/client-path";
import { uploadsPath as uploadsDir } from "../db/client-path";

const backupDir = process.argv[2];
if (!backupDir) {
  console.error("Usage: npm run restore -- <backup folder>");
  process.exit(2);
}
try {
  const result = restoreFrom({ backupDir, databaseFile: databasePath(), uploadsDir: uploadsDir() });
  console.log(
    `Restored ${backupDir} into ${databasePath()} (integrity ${result.integrity}).${result.keptAs ? ` The database it replaced is kept as ${result.keptAs}.` : ""}`,
  );
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
