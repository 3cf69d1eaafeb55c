/**
 * The figures dashboard's loader for a big network: 50 metrics for each of 15 agencies, five years of
 * weekly published values (750 metrics, 195,000 values). Baseline in the same run: the same loader
 * for the demo network (9 metrics, one quarter of values). Also the whole page over HTTP, as a leader
 * gets it, against the server's bare signed-in 404 page.
 */
import "../helpers/test-db";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, figures, memberships, metrics, networkAgencies, networks, users } from "../../db/schema";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { figuresDashboard, type DashboardFilters } from "../../app/models/figure-dashboard.server";
import type { Actor } from "../../app/models/permissions.server";
import { signInCookie, startPortal, timePage } from "./portal-server";

const AGENCIES = 15;
const METRICS_PER_AGENCY = Number(process.env.BENCH_METRICS_PER_AGENCY ?? 50);
const WEEKS = 5 * 52;
const RUNS = 40;
const PORT = 3980 + Math.floor(Math.random() * 9);
const STAGES = ["arrival", "decision", "identity", "settlement", "work"] as const;

await seedDemoIfEmpty();
const demo = db.select().from(networks).where(eq(networks.slug, "ukraina")).get()!;
const big = db.insert(networks).values({ slug: "stor", name: "Stort nettverk" }).returning().get();
const leader = db.select().from(users).where(eq(users.email, "leder@imdi.example")).get()!;
db.insert(memberships).values({ networkId: big.id, userId: leader.id, role: "leader" }).run();

// 15 agencies: the demo's eleven and four more.
const agencyIds = db
  .select({ id: agencies.id })
  .from(agencies)
  .all()
  .map((a) => a.id);
for (let i = agencyIds.length; i < AGENCIES; i++)
  agencyIds.push(
    db
      .insert(agencies)
      .values({ name: `Etat ${i + 1}`, shortName: `E${i + 1}` })
      .returning()
      .get().id,
  );
const start = Date.UTC(2019, 11, 30); // a Monday
const weeks = Array.from({ length: WEEKS }, (_, w) => new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10));
const seedStart = performance.now();
db.transaction((tx) => {
  for (const agencyId of agencyIds.slice(0, AGENCIES)) {
    tx.insert(networkAgencies).values({ networkId: big.id, agencyId }).run();
    for (let m = 0; m < METRICS_PER_AGENCY; m++) {
      const metric = tx
        .insert(metrics)
        .values({
          networkId: big.id,
          name: `Måltall ${agencyId}-${m + 1}`,
          unit: "personer",
          stage: STAGES[m % 5],
          agencyId,
          cadence: "weekly",
          threshold: m % 7 === 0 ? 5 : 0,
          inFlow: m < 2,
        })
        .returning({ id: metrics.id })
        .get();
      weeks.forEach((period, w) => {
        tx.insert(figures)
          .values({
            metricId: metric.id,
            period,
            value: Math.round(500 + 400 * Math.sin((w + m) / 9) + agencyId),
            status: "published",
            updatedAt: new Date(),
            publishedAt: new Date(),
          })
          .run();
      });
    }
  }
});
const seedMs = performance.now() - seedStart;

function actorFor(networkId: number, slug: string): Actor {
  const membership = db
    .select()
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.userId, leader.id)))
    .get()!;
  return {
    userId: leader.id,
    name: leader.name,
    email: leader.email,
    agencyId: leader.agencyId,
    isAdmin: false,
    networkId,
    networkSlug: slug,
    networkName: slug,
    membershipId: membership.id,
    role: membership.role,
    ip: "",
  };
}
const filters: DashboardFilters = { stage: null, agencyId: null, from: null, to: null, page: 1, compare: [], index: false, flowWeek: null };

function time(fn: () => unknown) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const t0 = performance.now();
    fn();
    if (i >= 5) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

const bigActor = actorFor(big.id, big.slug);
const demoActor = actorFor(demo.id, demo.slug);
const bigLoader = time(() => figuresDashboard({ actor: bigActor, filters }));
const demoLoader = time(() => figuresDashboard({ actor: demoActor, filters }));
const filtered = time(() =>
  figuresDashboard({ actor: bigActor, filters: { ...filters, stage: "work", page: 3, compare: [10, 20, 30, 40, 50, 60], index: true } }),
);
const count = db
  .select({ n: sql<number>`count(*)` })
  .from(figures)
  .get()!.n;
const note = `${AGENCIES * METRICS_PER_AGENCY} metrics, ${count} values, ${RUNS} runs; baseline: the demo network (9 metrics)`;
for (const line of [
  { name: "figures.loader.median_ms", value: bigLoader.median, baseline: demoLoader.median, unit: "ms", note },
  { name: "figures.loader.p95_ms", value: bigLoader.p95, baseline: demoLoader.p95, unit: "ms", note },
  {
    name: "figures.loader.filtered.median_ms",
    value: filtered.median,
    baseline: demoLoader.median,
    unit: "ms",
    note: "stage filter, page 3, six metrics compared as an index",
  },
  {
    name: "figures.seed.values_per_s",
    value: (count / seedMs) * 1000,
    baseline: null,
    unit: "values/s",
    note: "inserting the benchmark's values in one transaction",
  },
]) {
  console.log(JSON.stringify(line));
}

// The whole page over HTTP, as the leader's browser gets it.
const { base, stop } = await startPortal(PORT);
try {
  const cookie = await signInCookie(base, "leder@imdi.example");
  const bare = await timePage(base, cookie, "/n/stor/finnes-ikke", 404, 20);
  const full = await timePage(base, cookie, "/n/stor/figures", 200, 20);
  console.log(
    JSON.stringify({
      name: "figures.page.median_ms",
      value: full.median,
      baseline: bare.median,
      unit: "ms",
      note: "the whole dashboard page over HTTP (12 metric charts, flow of 30, comparison); baseline: bare page",
    }),
  );
  console.log(JSON.stringify({ name: "figures.page.p95_ms", value: full.p95, baseline: bare.p95, unit: "ms", note: "" }));
} finally {
  stop();
}
