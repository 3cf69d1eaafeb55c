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

describe("the evaluation answers' upgrade to one record per survey (migration 0008)", () => {
  it("carries every response, answer and theme over, sorted by id, and leaves none of the old rows", () => {
    // A database as it was before: migrated up to 0007, with answers stored one row each.
    const dir = mkdtempSync(join(tmpdir(), "portal-upgrade-"));
    const before = join(dir, "migrations");
    cpSync(migrations, before, { recursive: true });
    const journalFile = join(before, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ idx: number }> };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 7) }));
    const sqlite = new Database(join(dir, "old.db"));
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: before });
    sqlite.exec(`
      insert into networks (slug, name) values ('n', 'N');
      insert into surveys (network_id, title) values (1, 'Evaluering');
      insert into survey_questions (survey_id, position, kind, text) values (1, 1, 'likert', 'Nytte'), (1, 2, 'text', 'Eksempler');
      insert into survey_responses (id, survey_id) values ('ffff', 1), ('0000', 1);
      insert into survey_answers (id, response_id, question_id, value, dont_know, text) values
        ('a2', 'ffff', 2, null, 0, 'Mer tid mellom møtene'), ('a1', 'ffff', 1, 4, 0, null), ('b1', '0000', 1, null, 1, null);
      insert into answer_themes (answer_id, theme) values ('a2', 'Organisering');
    `);
    migrate(drizzle(sqlite), { migrationsFolder: migrations });
    const row = sqlite.prepare("select response_count, responses from survey_answer_sets where survey_id = 1").get() as {
      response_count: number;
      responses: string;
    };
    assert.equal(row.response_count, 2);
    assert.deepEqual(JSON.parse(row.responses), [
      { id: "0000", answers: [{ id: "b1", q: 1, v: null, dk: true, t: null }] },
      {
        id: "ffff",
        answers: [
          { id: "a1", q: 1, v: 4, dk: false, t: null },
          { id: "a2", q: 2, v: null, dk: false, t: "Mer tid mellom møtene" },
        ],
      },
    ]);
    assert.deepEqual(sqlite.prepare("select survey_id, answer_id, theme from answer_themes").all(), [
      { survey_id: 1, answer_id: "a2", theme: "Organisering" },
    ]);
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    assert.ok(!tables.includes("survey_answers") && !tables.includes("survey_responses"));
    sqlite.close();
  });
});
