/**
 * Search latency over 10,000 generated minutes (issue: "median and p95"), against a baseline measured
 * in the same run: the same queries answered by a LIKE scan over the minutes, which is what the
 * portal would do without FTS5. Prints one JSON line per figure for tests/bench/run.ts.
 */
import "../helpers/test-db";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { db } from "../../db/client";
import { meetings } from "../../db/schema";
import { searchMeetings } from "../../app/models/meeting-search.server";
import { makeMember, makeNetwork } from "../helpers/factories";

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 10_000);
const QUERIES = 300;

// A deterministic generator, so every run indexes the same text.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];

const WORDS = (
  "adresse adressen D-nummer eID bosetting kommune kommunene flyktning flyktninger vedtak beskyttelse registrering " +
  "folkeregisteret datakvalitet informasjon samordnet tjenestekjede hindring løsning løsningen økonomi betalingskortet " +
  "helse barn skole barnehage fastlege arbeid NAV UDI IMDi Skatteetaten Politiet Digdir KS status oppfølging frist " +
  "mottak hotell ankomst identitet søknad utrulling gjennomføring kartlegging ansvar tiltak portefølje referat møte"
).split(" ");

// Ordinary text: a vocabulary of a few thousand words with a Zipf-like spread, in which the domain
// words above are a small, mid-frequency part (as in real minutes).
const SYLLABLES = "ka ri no ve sta mø te ord ling het for and bli sam ar beid ut vik le a e i o u tjen est land by".split(" ");
const FILLER = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(""));
function word() {
  if (random() < 0.04) return pick(WORDS);
  // Zipf-like: low ranks far more often.
  return FILLER[Math.floor(FILLER.length * random() ** 3)];
}

function paragraph(words: number) {
  return Array.from({ length: words }, word).join(" ") + ".";
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measure(label: string, run: (q: string) => unknown, queries: string[]) {
  for (const q of queries.slice(0, 20)) run(q); // warm up
  const times: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    run(q);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, median: percentile(times, 50), p95: percentile(times, 95) };
}

const network = makeNetwork("bench");
const actor = await makeMember(network, "facilitator");
const t0 = performance.now();
db.transaction((tx) => {
  for (let i = 0; i < MEETINGS; i++) {
    tx.insert(meetings)
      .values({
        networkId: network.id,
        title: `Samarbeidsmøte ${i + 1}`,
        startsAt: new Date(Date.UTC(2022, 0, 1) + i * 3_600_000),
        durationMinutes: 60,
        minutes: Array.from({ length: 6 }, () => paragraph(25)).join("\n\n"),
        minutesState: "published",
      })
      .run();
  }
});
const indexSeconds = (performance.now() - t0) / 1000;

const queries = Array.from({ length: QUERIES }, (_, i) => {
  const terms = [pick(WORDS), ...(i % 2 ? [pick(WORDS)] : [])];
  // Half the queries are typed without Norwegian letters, as people often do.
  return i % 4 === 0 ? terms.join(" ").replace(/ø/g, "o").replace(/å/g, "a").replace(/æ/g, "ae") : terms.join(" ");
});

const fts = measure("search (FTS5, bm25, 30 hits, snippets)", (q) => searchMeetings({ actor, query: q }), queries);
// Without an index, finding the matches means reading every minutes text for every term.
const like = measure(
  "baseline: LIKE scan of all minutes",
  (q) => {
    const [first, second] = q.split(" ");
    return db.all(
      second
        ? sql`select id from ${meetings} where network_id = ${network.id} and minutes like ${`%${first}%`} and minutes like ${`%${second}%`}`
        : sql`select id from ${meetings} where network_id = ${network.id} and minutes like ${`%${first}%`}`,
    );
  },
  queries,
);

const out = [
  { name: "search.fts.median_ms", value: fts.median, baseline: like.median, unit: "ms", note: `${MEETINGS} minutes, ${QUERIES} queries` },
  { name: "search.fts.p95_ms", value: fts.p95, baseline: like.p95, unit: "ms", note: "baseline: LIKE scan of all minutes" },
  { name: "search.index_build_s", value: indexSeconds, baseline: null, unit: "s", note: `${MEETINGS} meetings inserted with triggers` },
];
for (const line of out) console.log(JSON.stringify(line));
