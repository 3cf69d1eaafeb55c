/**
 * Realtime figures, in one run against server.ts as operators run it (persisting every update):
 * edit propagation from one client to the others with 2, 20 and 100 clients on one map (median,
 * p95, p99), the server's memory per open map, and the time until a 500-node map is interactive
 * in Chromium. The reference is @y/websocket-server@0.1.1 in a process of its own (no auth, no
 * persistence; tests/bench/reference-server.ts), measured the same way in the same run.
 */
import "../helpers/test-db";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { db } from "../../db/client";
import { initDoc } from "../../db/doc-store";
import { maps, networks } from "../../db/schema";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { guardedInMemory } from "../../app/utils/map-update-guard";
import { connect, signInCookie } from "../helpers/yjs-client";
import { memoryAfterGc } from "./inspector";

// Every y-websocket provider adds an exit listener; 200 of them are expected here.
process.setMaxListeners(500);

const PORT = 3980 + Math.floor(Math.random() * 9);
const base = `http://127.0.0.1:${PORT}`;
const EDITS = 1000;
const WARMUP_EDITS = 30;

await seedDemoIfEmpty();
const network = db.select().from(networks).where(eq(networks.slug, "ukraina")).get()!;
const newMap = (title: string) => db.insert(maps).values({ networkId: network.id, title, updatedAt: new Date() }).returning().get().id;

/** A map with `count` nodes laid out in the editor's lanes, stored as its first state. */
function bigMap(count: number) {
  const id = newMap(`Stort kart ${count}`);
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getArray("stages").push([
      { id: "a", name: "Ankomst" },
      { id: "b", name: "Bosetting" },
      { id: "c", name: "Hverdag" },
    ]);
    const nodes = doc.getMap("nodes");
    const kinds = ["step", "event", "service", "data"];
    for (let i = 0; i < count; i++) {
      nodes.set(`n${i}`, {
        kind: kinds[i % 4],
        label: `Node ${i}`,
        x: 170 + (i % 25) * 160,
        y: 76 + Math.floor(i / 25) * 70,
        obstacle: null,
      });
    }
    const edges = doc.getMap("edges");
    for (let i = 1; i < count; i += 2) edges.set(`e${i}`, { source: `n${i - 1}`, target: `n${i}`, kind: "triggers", label: "" });
  });
  initDoc(`map:${id}`, Y.encodeStateAsUpdate(doc));
  return id;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

// One signed-in session opens all 122 clients within a minute, more than a person ever would: the
// realtime rate limit is raised for this run so it measures propagation, not the limit.
// --inspect (loopback) only so the memory figure can force a garbage collection from outside.
const INSPECT_PORT = PORT + 40;
const server = spawn(process.execPath, [`--inspect=127.0.0.1:${INSPECT_PORT}`, "--import", "tsx", "server.ts"], {
  env: {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    SEED_DEMO: "false",
    SMTP_URL: "",
    RATE_LIMIT_REALTIME_PER_MINUTE: "100000",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const figures: object[] = [];
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 150) throw new Error("server did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const cookie = await signInCookie(base, "representant@nav.example");

  // The reference server: the stock y-websocket server, in memory, in its own process.
  const refPort = PORT + 20;
  const reference = spawn(process.execPath, ["--import", "tsx", "tests/bench/reference-server.ts"], {
    env: { ...process.env, REFERENCE_PORT: String(refPort) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => reference.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
  const refBase = `http://127.0.0.1:${refPort}`;

  type Peer = ReturnType<typeof connect>;
  const connectAll = async (serverBase: string, docName: string, clients: number) => {
    const peers = Array.from({ length: clients }, () => connect(serverBase, docName, cookie, serverBase === refBase ? "" : "/realtime"));
    await Promise.all(peers.map((p) => p.synced));
    return peers;
  };
  /** One edit by the first client; resolves with the time until each other client had it. */
  const oneEdit = (peers: Peer[], key: string) =>
    new Promise<number[]>((resolve, reject) => {
      const seen: number[] = [];
      const stops: Array<() => void> = [];
      const timer = setTimeout(() => reject(new Error(`${key} reached ${seen.length} of ${peers.length - 1} clients`)), 10_000);
      const start = performance.now();
      for (const peer of peers.slice(1)) {
        const nodes = peer.doc.getMap("nodes");
        let done = false;
        const handler = () => {
          if (done || !nodes.has(key)) return;
          done = true;
          seen.push(performance.now() - start);
          if (seen.length === peers.length - 1) {
            clearTimeout(timer);
            stops.forEach((stop) => stop());
            resolve(seen);
          }
        };
        nodes.observe(handler);
        stops.push(() => nodes.unobserve(handler));
      }
      peers[0].doc.getMap("nodes").set(key, { kind: "event", label: key, x: 0, y: 0 });
    });
  const summary = (samples: number[]) => {
    samples.sort((a, b) => a - b);
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), n: samples.length };
  };

  for (const clients of [2, 20, 100]) {
    const ourPeers = await connectAll(base, `map:${newMap(`Måling ${clients}`)}`, clients);
    const refPeers = await connectAll(refBase, `reference-${clients}`, clients);
    // Warm-up edits (JIT, first writes) are not counted; then the two servers take turns edit by
    // edit, so a busy moment of the shared machine falls on both alike.
    const ourSamples: number[] = [];
    const refSamples: number[] = [];
    for (let e = -WARMUP_EDITS; e < EDITS; e++) {
      const ours = await oneEdit(ourPeers, `edit${e}`);
      const ref = await oneEdit(refPeers, `edit${e}`);
      if (e >= 0) {
        ourSamples.push(...ours);
        refSamples.push(...ref);
      }
    }
    [...ourPeers, ...refPeers].forEach((p) => p.close());
    await new Promise((r) => setTimeout(r, 300));
    const ours = summary(ourSamples);
    const ref = summary(refSamples);
    const note = `${EDITS} edits, ${ours.n} deliveries, alternating with the reference (@y/websocket-server 0.1.1, which persists nothing); ours persists every update`;
    figures.push({ name: `realtime.propagation.${clients}clients.p50_ms`, value: ours.p50, baseline: ref.p50, unit: "ms", note });
    figures.push({
      name: `realtime.propagation.${clients}clients.p95_ms`,
      value: ours.p95,
      baseline: ref.p95,
      unit: "ms",
      note: "target: ratio ≤ 1.2",
    });
    figures.push({ name: `realtime.propagation.${clients}clients.p99_ms`, value: ours.p99, baseline: ref.p99, unit: "ms", note: "" });
  }
  reference.kill("SIGTERM");

  // Memory per open map: 20 maps of 200 nodes, one client each. The heap in use after forced
  // collections is what the server holds for them; RSS is reported beside it (allocator noise).
  const heapBefore = await memoryAfterGc(INSPECT_PORT);
  const before = rssKiB(server.pid!);
  const open = [];
  for (let i = 0; i < 20; i++) {
    const c = connect(base, `map:${bigMap(200)}`, cookie);
    await c.synced;
    open.push(c);
  }
  await new Promise((r) => setTimeout(r, 500));
  const heapAfter = await memoryAfterGc(INSPECT_PORT);
  const after = rssKiB(server.pid!);
  const held = (m: { heapUsed: number; external: number }) => m.heapUsed + m.external;
  figures.push({
    name: "realtime.memory_per_open_map_kib",
    value: (held(heapAfter) - held(heapBefore)) / 1024 / 20,
    baseline: null,
    unit: "KiB",
    note: `20 maps of 200 nodes, one client each: V8 heap + external after forced GC, delta / 20 (RSS delta / 20: ${((after - before) / 20).toFixed(0)} KiB)`,
  });
  open.forEach((c) => c.close());

  // Time until a 500-node map is interactive in Chromium.
  const { chromium } = await import("@playwright/test");
  const big = bigMap(500);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: "__session", value: cookie.split("=").slice(1).join("="), url: base }]);
  const page = await context.newPage();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await page.goto(`${base}/n/ukraina/maps/${big}`);
    await page.locator(".react-flow__node-map").nth(499).waitFor({ state: "attached", timeout: 30_000 });
    await page.locator("html[data-hydrated]").waitFor();
    times.push(performance.now() - start);
  }
  await browser.close();
  times.sort((a, b) => a - b);
  figures.push({
    name: "map.500_nodes.interactive_ms",
    value: times[1],
    baseline: null,
    unit: "ms",
    note: "median of 3 loads in Chromium, navigation to 500 nodes on screen",
  });
} finally {
  server.kill("SIGTERM");
}

// What the update gate costs per edit, in this process: 1,000 drags of boxes on a 200-node map,
// each taken through the gate (shape check, integration, placement check) against
// the same updates applied straight to one document.
{
  const source = new Y.Doc();
  source.transact(() => {
    for (let i = 0; i < 200; i++)
      source
        .getMap("nodes")
        .set(`n${i}`, { kind: "service", label: `Node ${i}`, x: 170 + (i % 25) * 160, y: 76 + Math.floor(i / 25) * 70, obstacle: null });
  });
  const start = Y.encodeStateAsUpdate(source);
  const editor = new Y.Doc();
  Y.applyUpdate(editor, start);
  const edits: Uint8Array[] = [];
  editor.on("update", (u: Uint8Array) => edits.push(u));
  for (let k = 0; k < 1000; k++) {
    const key = `n${k % 200}`;
    const node = editor.getMap<{ x: number }>("nodes").get(key)!;
    editor.getMap("nodes").set(key, { ...node, x: node.x + 1 });
  }
  // Five rounds over all edits, each on fresh documents, alternating; the median round counts (the
  // first rounds mostly measure the JIT warming up).
  const rounds: Array<{ bare: number; gated: number }> = [];
  for (let round = 0; round < 5; round++) {
    const plain = new Y.Doc();
    Y.applyUpdate(plain, start);
    let t0 = performance.now();
    for (const u of edits) Y.applyUpdate(plain, u);
    const bare = ((performance.now() - t0) * 1000) / edits.length;
    const gate = guardedInMemory(start);
    t0 = performance.now();
    for (const u of edits) if (gate.apply(u).kind !== "accepted") throw new Error("a real edit was refused");
    rounds.push({ bare, gated: ((performance.now() - t0) * 1000) / edits.length });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const bare = median(rounds.map((r) => r.bare));
  const gated = median(rounds.map((r) => r.gated));
  figures.push({
    name: "realtime.gate_us_per_edit",
    value: gated,
    baseline: bare,
    unit: "µs",
    note: "1,000 box drags on a 200-node map through the update gate, against Y.applyUpdate on one document; median of 5 rounds",
  });
}
for (const f of figures) console.log(JSON.stringify(f));
