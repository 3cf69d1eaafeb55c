/**
 * `npm run backup [-- <folder>]`: a consistent copy of the live database and the uploaded files,
 * taken while the portal runs. Default folder: backups/<time> beside the database.
 */
import "./supported-node";
import { dirname, resolve } from "node:path";
import { backupTo } from "../db/backup";
import { databasePath } from "../db/client-path";
import { uploadsPath as uploadsDir } from "../db/client-path";

const databaseFile = databasePath();
const targetDir = resolve(process.argv[2] ?? resolve(dirname(databaseFile), "backups", new Date().toISOString().replace(/[:.]/g, "-")));
try {
  const manifest = await backupTo({ databaseFile, uploadsDir: uploadsDir(), targetDir });
  console.log(
    `Backup written to ${targetDir}: ${manifest.databaseBytes} bytes of database (integrity ${manifest.integrity}), ${manifest.files} uploaded files.`,
  );
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
