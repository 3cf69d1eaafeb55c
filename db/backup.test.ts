import "../tests/helpers/test-db";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { backupTo, integrityCheck, restoreFrom } from "./backup";
import { databasePath, db } from "./client";
import { networks } from "./schema";

const count = (file: string) => {
  const c = new Database(file, { readonly: true });
  try {
    return (c.prepare("select count(*) as n from networks").get() as { n: number }).n;
  } finally {
    c.close();
  }
};

describe("backup and restore", () => {
  it("copies the live database consistently while it is being written, and the uploads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-backup-"));
    const uploads = join(dir, "uploads");
    mkdirSync(join(uploads, "ab"), { recursive: true });
    writeFileSync(join(uploads, "ab", "abcdef"), "vedlegg");
    for (let i = 0; i < 200; i++)
      db.insert(networks)
        .values({ slug: `b-${i}`, name: `Nettverk ${i}` })
        .run();
    const before = db
      .select({ n: sql<number>`count(*)` })
      .from(networks)
      .get()!.n;

    // Keep writing while the backup runs: the copy holds one moment, between `before` and the end.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        db.insert(networks)
          .values({ slug: `w-${written}`, name: "Skrevet under backup" })
          .run();
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const manifest = await backupTo({ databaseFile: databasePath(), uploadsDir: uploads, targetDir: join(dir, "backup") });
    writing = false;
    await writer;

    assert.equal(manifest.integrity, "ok");
    assert.equal(manifest.files, 1);
    const copied = count(join(dir, "backup", "portal.db"));
    assert.ok(copied >= before && copied <= before + written, `${copied} rows, between ${before} and ${before + written}`);
    assert.equal(readFileSync(join(dir, "backup", "uploads", "ab", "abcdef"), "utf8"), "vedlegg");
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "backup", "manifest.json"), "utf8")).integrity, "ok");
    await assert.rejects(backupTo({ databaseFile: databasePath(), uploadsDir: uploads, targetDir: join(dir, "backup") }), /not empty/);

    // Restore into another place: the same rows, the old file kept, the uploads back.
    const target = join(dir, "restored", "portal.db");
    mkdirSync(join(dir, "restored"));
    writeFileSync(target, "not a database");
    const result = restoreFrom({ backupDir: join(dir, "backup"), databaseFile: target, uploadsDir: join(dir, "restored", "uploads") });
    assert.equal(result.integrity, "ok");
    assert.equal(count(target), copied);
    assert.ok(result.keptAs && existsSync(result.keptAs));
    assert.equal(readFileSync(join(dir, "restored", "uploads", "ab", "abcdef"), "utf8"), "vedlegg");
  });

  it("refuses to restore a damaged backup, leaving the database alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-backup-"));
    mkdirSync(join(dir, "broken"));
    writeFileSync(join(dir, "broken", "portal.db"), Buffer.alloc(8192, 7));
    const target = join(dir, "portal.db");
    writeFileSync(target, "current");
    assert.throws(() => restoreFrom({ backupDir: join(dir, "broken"), databaseFile: target, uploadsDir: join(dir, "uploads") }));
    assert.equal(readFileSync(target, "utf8"), "current");
    assert.throws(() => integrityCheck(join(dir, "missing.db")));
  });
});
