/**
 * An attacker with a copy of the database file (main file and write-ahead log, every page, free
 * pages included) tries to tell who gave which evaluation answer. The attacker is given the one
 * thing the portal cannot hide: the order in which people answered (from sign-in times, session
 * last-seen times or a proxy log). If the order in which the answers arrived can be read back from
 * the file, pairing the two orders links answers to people. Every way of reading an order out of
 * the file that we know of is tried; none may do better than chance.
 */
import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { databasePath, db } from "../../db/client";
import { surveys } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { occurrences, parseDatabase, walFrames, type Cell } from "../../tests/helpers/sqlite-file";
import { DomainValidationError } from "./errors.server";
import { addQuestion, createSurvey, openSurvey, submitResponse } from "./evaluations.server";
import type { Actor } from "./permissions.server";

const T0 = Date.UTC(2022, 5, 17, 10);
const PEOPLE = 8;
const TRIALS = 10;

const shuffle = <T>(list: T[]) =>
  list
    .map((v) => [randomBytes(4).readUInt32BE(0), v] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);

async function surveyWithPeople() {
  const net = makeNetwork();
  const agency = makeAgency();
  const facilitator = await makeMember(net, "facilitator", { agencyId: agency.id });
  const members: Actor[] = [];
  for (let i = 0; i < PEOPLE; i++) members.push(await makeMember(net, "participant", { agencyId: agency.id }));
  const survey = createSurvey({ actor: facilitator, title: "Evaluering", intro: "" });
  const scale = addQuestion({
    actor: facilitator,
    surveyId: survey.id,
    input: { section: "", kind: "likert", text: "Nytte", lowLabel: "", highLabel: "", allowDontKnow: false },
  });
  const free = addQuestion({
    actor: facilitator,
    surveyId: survey.id,
    input: { section: "", kind: "text", text: "Eksempler", lowLabel: "", highLabel: "", allowDontKnow: false },
  });
  db.update(surveys)
    .set({ minResponses: 3 })
    .where(sql`id = ${survey.id}`)
    .run();
  openSurvey(
    {
      actor: facilitator,
      surveyId: survey.id,
      opensOn: "2022-06-17",
      closesOn: "2022-06-30",
      audience: { roles: [], agencyIds: [] },
      baseUrl: "https://portal.example",
      locale: "nb",
    },
    T0,
  );
  return { members, survey, scale, free };
}

/** A copy of the database as it lies on disk: the main file and its write-ahead log. */
function copyOfFiles() {
  const dir = mkdtempSync(join(tmpdir(), "portal-copy-"));
  copyFileSync(databasePath(), join(dir, "copy.db"));
  const wal = `${databasePath()}-wal`;
  return { main: readFileSync(join(dir, "copy.db")), wal: existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0) };
}

type Order = string[] | null;

/**
 * Each way of reading an arrival order of the answers (their markers) out of the copied files.
 * A strategy that cannot place every marker gives null.
 */
function attacks(files: { main: Buffer; wal: Buffer }, markers: string[]): Record<string, Order> {
  const file = parseDatabase(files.main);
  const frames = walFrames(files.wal);
  const cellOf = (marker: string): { cell: Cell; at: number } | null => {
    for (const cell of file.cells) {
      const at = cell.payload.indexOf(marker);
      if (at >= 0) return { cell, at };
    }
    return null;
  };
  // In a random order to begin with, so that ties in a strategy's key fall by chance, never by the truth.
  const placed = shuffle(markers).map((m) => ({
    marker: m,
    hit: cellOf(m),
    raw: occurrences(files.main, m),
    wal: frames.findIndex((f) => f.data.includes(m)),
  }));
  const by = (key: (p: (typeof placed)[number]) => number[] | null): Order => {
    const keyed = placed.map((p) => ({ p, k: key(p) }));
    if (keyed.some((x) => x.k === null)) return null;
    return keyed
      .sort((a, b) => {
        for (let i = 0; i < a.k!.length; i++) if (a.k![i] !== b.k![i]) return a.k![i] - b.k![i];
        return 0;
      })
      .map((x) => x.p.marker);
  };
  // Rows that share an id with the answer's row (the response it belongs to, its other answers):
  // the smallest of them, where it sits in its page.
  const linkedRow = (hit: { cell: Cell } | null) => {
    if (!hit) return null;
    // Every run of 32 hex digits, at every offset (a record header byte can look like a digit too).
    const text = hit.cell.payload.toString("latin1");
    const ids = [
      ...new Set(
        Array.from({ length: Math.max(0, text.length - 31) }, (_, i) => text.slice(i, i + 32)).filter((w) => /^[0-9a-f]{32}$/.test(w)),
      ),
    ];
    const linked = file.cells
      .filter((c) => c !== hit.cell && ids.some((id) => c.payload.includes(id)))
      .sort((a, b) => a.payload.length - b.payload.length)[0];
    return linked ? [linked.page, -linked.offset] : null;
  };
  const inFreeSpace = (m: string) =>
    file.freeSpace.filter((r) => file.page(r.page).subarray(r.start, r.end).includes(m)).length +
    [...file.freelist].filter((n) => file.page(n).includes(m)).length;
  return {
    // SQLite fills a page from its end: the first cell written sits highest.
    "cell content, high to low in each page": by((p) => (p.hit ? [p.hit.cell.page, -p.hit.cell.offset, p.hit.at] : null)),
    "cell content, low to high in each page": by((p) => (p.hit ? [p.hit.cell.page, p.hit.cell.offset, p.hit.at] : null)),
    "pages, newest first": by((p) => (p.hit ? [-p.hit.cell.page, -p.hit.cell.offset, p.hit.at] : null)),
    "the row it belongs to, high to low in its page": by((p) => linkedRow(p.hit)),
    "cell pointer order": by((p) => (p.hit ? [p.hit.cell.page, p.hit.cell.index, p.hit.at] : null)),
    "position inside the record": by((p) => (p.hit ? [p.hit.at] : null)),
    "overflow page holding it": by((p) => (p.raw.length ? [Math.floor(p.raw[0] / file.pageSize), p.raw[0]] : null)),
    "offset in the file": by((p) => (p.raw.length ? [p.raw[0]] : null)),
    "offset in the file, from the end": by((p) => (p.raw.length ? [-p.raw[p.raw.length - 1]] : null)),
    // Earlier answers would be in more of the stale copies a rewrite leaves behind.
    "copies left in the file and log, most first": by((p) => [
      -(p.raw.length + frames.filter((f) => f.data.includes(p.marker)).length + inFreeSpace(p.marker)),
      p.raw[0] ?? 0,
    ]),
    "first frame of the write-ahead log": by((p) => (p.wal >= 0 ? [p.wal] : null)),
  };
}

/** Spearman's rank correlation between the true order and a recovered one. */
function rho(truth: string[], order: string[]) {
  const n = truth.length;
  const d2 = truth.reduce((sum, m, i) => sum + (order.indexOf(m) - i) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe("anonymity of evaluation answers, from a copy of the database file", () => {
  it("no reading of the file recovers the order answers came in, so none links an answer to a person better than chance", async () => {
    const results = new Map<string, { links: number; rho: number; trials: number }>();
    let found = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const { members, survey, scale, free } = await surveyWithPeople();
      // People answer in a random order the attacker is told; each free text carries a unique
      // marker, so the test (and only the test) knows whose answer is whose.
      const arrival = shuffle(members);
      const markers = arrival.map(() => `qz${randomBytes(5).toString("hex")}`);
      arrival.forEach((member, i) =>
        submitResponse(
          {
            actor: member,
            surveyId: survey.id,
            answers: [
              { questionId: scale.id, value: 1 + (i % 5) },
              { questionId: free.id, text: `Eksempel ${markers[i]}` },
            ],
          },
          T0,
        ),
      );
      const files = copyOfFiles();
      found += markers.filter((m) => occurrences(files.main, m).length > 0).length;
      for (const [name, order] of Object.entries(attacks(files, markers))) {
        const score = results.get(name) ?? { links: 0, rho: 0, trials: 0 };
        if (order) {
          // Pairing the i-th answer read out of the file with the i-th person to answer.
          score.links += order.filter((m, i) => m === markers[i]).length;
          score.rho += rho(markers, order);
          score.trials++;
        }
        results.set(name, score);
      }
    }
    assert.equal(found, TRIALS * PEOPLE, "every answer is in the main file, where the attacker looks");
    // By chance a pairing gets one answer in eight right, and the rank correlation is 0 (its
    // standard deviation over ten trials of eight is about 0.12).
    for (const [name, score] of results) {
      if (score.trials === 0) continue;
      const linked = score.links / (score.trials * PEOPLE);
      const correlation = score.rho / score.trials;
      assert.ok(linked <= 0.3, `${name}: linked ${Math.round(linked * 100)} % of answers to their person (chance: 12.5 %)`);
      assert.ok(Math.abs(correlation) <= 0.5, `${name}: recovered the arrival order with correlation ${correlation.toFixed(2)}`);
    }
    assert.ok([...results.values()].filter((s) => s.trials > 0).length >= 8, "the attacks could all be tried");
  });

  it("while another process keeps the write-ahead log from being emptied, it holds at most one answer, and is emptied after", async () => {
    const { members, survey, scale, free } = await surveyWithPeople();
    submitResponse({ actor: members[0], surveyId: survey.id, answers: [{ questionId: scale.id, value: 3 }] }, T0);
    // A second connection in a read transaction, as a backup in progress is.
    const reader = new Database(databasePath(), { readonly: true });
    reader.prepare("begin").run();
    reader.prepare("select count(*) from surveys").get();
    try {
      submitResponse({ actor: members[1], surveyId: survey.id, answers: [{ questionId: free.id, text: "Skrevet mens noen leste" }] }, T0);
      assert.ok(copyOfFiles().wal.length > 0, "the reader keeps this answer in the log");
      assert.throws(
        () => submitResponse({ actor: members[2], surveyId: survey.id, answers: [{ questionId: scale.id, value: 4 }] }, T0),
        (e: unknown) => e instanceof DomainValidationError && e.messageKey === "evaluations.tryAgainShortly",
        "no second answer joins it",
      );
    } finally {
      reader.prepare("commit").run();
      reader.close();
    }
    const deadline = Date.now() + 3000;
    while (copyOfFiles().wal.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(copyOfFiles().wal.length, 0, "emptied once the reader is done");
    submitResponse({ actor: members[2], surveyId: survey.id, answers: [{ questionId: scale.id, value: 4 }] }, T0);
    assert.equal(copyOfFiles().wal.length, 0);
  });
});
