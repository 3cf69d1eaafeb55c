/**
 * Helper of tests/bench/load.ts, run as a child process against a database file that no server has
 * open: `PRAGMA integrity_check`, then each named map document as the realtime server would load it
 * (db/doc-store: latest compaction plus the update log after it). Prints one JSON line:
 * { integrity, docs: { "map:<id>": { "<node key>": "<label>" } } } with the load's nodes only.
 * A process of its own because db/client opens DATABASE_PATH once, when it is first imported.
 */
import { integrityCheck } from "../../db/backup";

const [file, ...docNames] = process.argv.slice(2);
if (!file) throw new Error("usage: load-read-docs.ts <database file> <doc name>…");

// Before anything opens the file through db/client (which would not change a healthy file, but the
// check should see the file as the crash left it).
const integrity = integrityCheck(file);
process.env.DATABASE_PATH = file;
const { loadDoc } = await import("../../db/doc-store");
const { closeDatabase } = await import("../../db/client");

const docs: Record<string, Record<string, string>> = {};
for (const name of docNames) {
  const doc = loadDoc(name);
  const labels: Record<string, string> = {};
  doc.getMap<{ label?: string }>("nodes").forEach((node, key) => {
    if (key.startsWith("load-")) labels[key] = String(node?.label ?? "");
  });
  docs[name] = labels;
  doc.destroy();
}
closeDatabase();
console.log(JSON.stringify({ integrity, docs }));
