/**
 * Server time of the measure board for a network with 1,000 measures, next to a bare page of the
 * same layout (the signed-in 404 page) measured in the same run against the same server.
 * Runs server.ts as operators do (needs a build: tests/bench/run.ts makes one when missing).
 */
import "../helpers/test-db";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, measureAgencies, measureEvents, measures, needs, networks } from "../../db/schema";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { signInCookie, startPortal, timePage } from "./portal-server";

const MEASURES = Number(process.env.BENCH_MEASURES ?? 1000);
const REQUESTS = 60;
const PORT = 3990 + Math.floor(Math.random() * 9);
const PHASES = ["identified", "establishment", "execution", "outside"] as const;

await seedDemoIfEmpty();
const network = db.select().from(networks).where(eq(networks.slug, "ukraina")).get()!;
const agencyIds = db
  .select({ id: agencies.id })
  .from(agencies)
  .all()
  .map((a) => a.id);
const needIds = db
  .select({ id: needs.id })
  .from(needs)
  .where(eq(needs.networkId, network.id))
  .all()
  .map((n) => n.id);
db.transaction((tx) => {
  for (let i = 0; i < MEASURES; i++) {
    const at = new Date(Date.UTC(2022, 3, 1) + i * 3_600_000);
    const m = tx
      .insert(measures)
      .values({
        networkId: network.id,
        title: `Tiltak ${i + 1}: samordning av tjenester i fase ${i % 4}`,
        description: "Generert for måling.",
        needId: needIds[i % needIds.length],
        phase: PHASES[i % 4],
        responsibleAgencyId: i % 9 === 0 ? null : agencyIds[i % agencyIds.length],
        nextStep: "Avklare ansvar og tidsplan med de andre virksomhetene.",
        status: i % 7 === 0 ? "at_risk" : "on_track",
        priority: i % 3 === 0 ? "nice_to_have" : "necessary",
        phaseSince: at,
        updatedAt: at,
      })
      .returning({ id: measures.id })
      .get();
    tx.insert(measureAgencies)
      .values([
        { measureId: m.id, agencyId: agencyIds[(i + 1) % agencyIds.length] },
        { measureId: m.id, agencyId: agencyIds[(i + 2) % agencyIds.length] },
      ])
      .onConflictDoNothing()
      .run();
    tx.insert(measureEvents).values({ measureId: m.id, kind: "created", toValue: "identified", at }).run();
  }
});

const { base, stop } = await startPortal(PORT);
try {
  const cookie = await signInCookie(base, "fasilitator@digdir.example");
  const time = (path: string, expected: number) => timePage(base, cookie, path, expected, REQUESTS);

  const bare = await time("/n/ukraina/finnes-ikke", 404);
  const board = await time("/n/ukraina/measures", 200);
  const table = await time("/n/ukraina/measures?view=table", 200);
  const note = `${MEASURES + 8} measures, ${REQUESTS} requests each, loopback`;
  for (const line of [
    {
      name: "board.render.median_ms",
      value: board.median,
      baseline: bare.median,
      unit: "ms",
      note: `${note}; baseline: bare page (signed-in 404, same layout)`,
    },
    { name: "board.render.p95_ms", value: board.p95, baseline: bare.p95, unit: "ms", note },
    { name: "board.table.median_ms", value: table.median, baseline: bare.median, unit: "ms", note: "the sortable table view of the same" },
  ]) {
    console.log(JSON.stringify(line));
  }
} finally {
  stop();
}
