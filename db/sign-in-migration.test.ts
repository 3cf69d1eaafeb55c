import "../tests/helpers/test-db";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { migrateConnection, migrationsFolder } from "./migrate";

/** A database file migrated up to `last`, the way an installation of that version has it. */
function databaseUpTo(last: number) {
  const dir = mkdtempSync(join(tmpdir(), "portal-upgrade-"));
  const before = join(dir, "migrations");
  cpSync(migrationsFolder, before, { recursive: true });
  const journalFile = join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ idx: number }> };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= last) }));
  const sqlite = new Database(join(dir, "old.db"));
  sqlite.pragma("foreign_keys = ON");
  migrateConnection(sqlite, before);
  return sqlite;
}

describe("accounts without a password (migration 0013 rebuilds users)", () => {
  it("keeps every membership, session, invitation and audit entry that points at a user", () => {
    const sqlite = databaseUpTo(12);
    sqlite.exec(`
      insert into agencies (id, name, short_name) values (1, 'Integrerings- og mangfoldsdirektoratet', 'IMDi');
      insert into users (id, email, name, password_hash, agency_id) values (1, 'kari@imdi.example', 'Kari', 'hash', 1);
      insert into networks (id, slug, name) values (1, 'n', 'N');
      insert into memberships (network_id, user_id, role) values (1, 1, 'facilitator');
      insert into sessions (id, token_hash, user_id, last_seen_at, expires_at) values ('s', 'h', 1, 1, 9999999999999);
      insert into invitations (network_id, email, role, agency_id, token_hash, invited_by, expires_at) values (1, 'ola@nav.example', 'participant', 1, 't', 1, 1);
      insert into audit_log (actor_user_id, actor_name, network_id, action, entity_type, summary) values (1, 'Kari', 1, 'x', 'y', 'z');
    `);
    migrateConnection(sqlite);
    const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    assert.deepEqual(
      ["users", "memberships", "sessions", "invitations", "audit_log"].map(count),
      [1, 1, 1, 1, 1],
      "nothing that refers to the user is gone",
    );
    assert.deepEqual(sqlite.prepare("select invited_by, (select actor_user_id from audit_log) as actor from invitations").get(), {
      invited_by: 1,
      actor: 1,
    });
    // The rebuilt table still takes part in foreign keys: deleting the user cascades as before.
    assert.equal(sqlite.pragma("foreign_keys", { simple: true }), 1);
    sqlite.exec("insert into users (email, name) values ('sso@nav.example', 'Uten passord')");
    sqlite.exec("delete from users where id = 1");
    assert.equal(count("memberships"), 0);
    assert.equal(count("sessions"), 0);
    sqlite.close();
  });
});
