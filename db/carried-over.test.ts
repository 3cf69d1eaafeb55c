import "../tests/helpers/test-db";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

const migrations = join(dirname(fileURLToPath(import.meta.url)), "migrations");

describe("carried-over agenda items get a column of their own (migration 0012)", () => {
  it("moves follow-ups of action items out of the negative ids and keeps carried agenda items as they were", () => {
    // A database as it was before: migrated up to 0011, with a follow-up stored as -(action item id).
    const dir = mkdtempSync(join(tmpdir(), "portal-upgrade-"));
    const before = join(dir, "migrations");
    cpSync(migrations, before, { recursive: true });
    const journalFile = join(before, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ idx: number }> };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 11) }));
    const sqlite = new Database(join(dir, "old.db"));
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: before });
    sqlite.exec(`
      insert into networks (slug, name) values ('n', 'N');
      insert into meetings (id, network_id, title, starts_at, duration_minutes) values (1, 1, 'Første', 1, 60), (2, 1, 'Andre', 2, 60);
      insert into action_items (id, meeting_id, text) values (7, 1, 'Kartlegge adresseflyt');
      insert into agenda_items (id, meeting_id, position, title, carried_from_id) values
        (3, 1, 1, 'Uferdig sak', null),
        (4, 2, 1, 'Uferdig sak', 3),
        (5, 2, 2, 'Oppfølging: Kartlegge adresseflyt', -7),
        (6, 2, 3, 'Oppfølging: et punkt som er slettet', -99);
    `);
    migrate(drizzle(sqlite), { migrationsFolder: migrations });
    assert.deepEqual(sqlite.prepare("select id, carried_from_id, carried_from_action_id from agenda_items order by id").all(), [
      { id: 3, carried_from_id: null, carried_from_action_id: null },
      { id: 4, carried_from_id: 3, carried_from_action_id: null },
      { id: 5, carried_from_id: null, carried_from_action_id: 7 },
      { id: 6, carried_from_id: null, carried_from_action_id: null },
    ]);
    const columns = (sqlite.prepare("select name from pragma_table_info('action_items')").all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    assert.ok(!columns.includes("carried_from_id"));
    // The follow-up loses its link, not its place on the agenda, when the action item goes.
    sqlite.exec("delete from action_items where id = 7");
    assert.deepEqual(sqlite.prepare("select id, carried_from_action_id from agenda_items where id = 5").get(), {
      id: 5,
      carried_from_action_id: null,
    });
    // Search still finds the agenda items (the update triggers kept the index in step).
    assert.equal((sqlite.prepare("select count(*) as n from meeting_search where kind = 'agenda'").get() as { n: number }).n, 4);
    sqlite.close();
  });
});
