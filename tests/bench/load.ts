/**
 * `npm run load`: the portal under load, with a crash in the middle (issue 8, hardening).
 *
 *   npm run load                               60 s, 50 users, 200 clients, 10 maps
 *   npm run load -- --seconds 15 --clients 40  shorter, while developing
 *
 * Starts server.ts on loopback (127.0.0.1, a port in 4200–4289) against a fresh database in a temp
 * folder, seeded with the demo network, under the server's own defaults (rate limits included). Then,
 * for `--seconds` of load:
 * - `--users` members (every demo role) browse the network: a section page, often one of the items
 *   it links to, a pause of `--think-ms` ±50 % between pages. 50 users at 1 s ask for about as many
 *   pages as 500 people reading for 10 s each: this stresses the page side rather than modelling 50
 *   people. HTML documents only (a browser has the fingerprinted assets cached). Any answer but 2xx
 *   is an error.
 * - `--clients` y-websocket clients, ten to a signed-in facilitator's or representative's session
 *   (the realtime upgrade limit is per session, about 60 a minute), spread over `--maps` maps created
 *   through the maps page, edit every 1–2 s as the editor does: move and rename their own box in the
 *   Y.Map "nodes", every fifth edit add a box, and move their cursor (presence).
 *
 * Acknowledged: an edit is acknowledged once another client on the same map has seen it. The server
 * forwards an update only after appending it to the database, and Yjs applies a client's edits in
 * order, so seeing edit s of a client acknowledges its edits 1…s.
 *
 * Halfway the server is killed with SIGKILL. The database files are copied as the crash left them,
 * and the server is started again on the same database and port. Until it has been warmed up (every
 * page and map once) and its memory measured, the clients are held back: their connection attempts
 * go to a closed port, failing just as they did against the dead server, and y-websocket's own
 * backoff keeps trying. Then they are let back and reconnect by themselves; HTTP users resume. The
 * load runs another half. The clients go on editing while disconnected, as someone in the editor would.
 *
 * Afterwards, with the load stopped and every change acknowledged (or 30 s passed): each acknowledged
 * edit is looked for in the crash copy (those acknowledged before the kill), through the restarted
 * server with fresh clients, and in the file after a clean shutdown, read with realtime/persistence
 * (tests/bench/load-read-docs.ts); both files get `PRAGMA integrity_check`.
 *
 * Memory is the restarted server's, the same process before and after its load: VmRSS after forced
 * garbage collection, once it has settled (see measureMemory and settledMemory), with V8's heap in use
 * beside it. The server runs with --inspect on loopback (the port + 10) for that, and for its
 * event-loop delay under load; CPU time and how long its main thread waited for a CPU come from /proc.
 * On a shared machine those tell a busy server from a starved one.
 *
 * Settings, as a flag or an environment variable: --seconds LOAD_SECONDS (60), --users LOAD_USERS
 * (50), --clients LOAD_CLIENTS (200), --maps LOAD_MAPS (10), --think-ms LOAD_THINK_MS (1000),
 * --settle-seconds LOAD_SETTLE_SECONDS (the longest idle wait for memory after the load, 60),
 * --port LOAD_PORT, --strict-memory.
 *
 * Exit code 0 when no acknowledged change is lost, both integrity checks say "ok", the server never
 * exits by itself, every client is back in sync after the restart, every edit is acknowledged by the
 * end, HTTP errors are at most 0.5 % of the requests and realtime errors (refused upgrades, dropped
 * connections outside the outage) at most 1 % of the clients (ERROR_BOUNDS). What the kill itself
 * cuts off is reported but is not an error. Memory gets PASS/FAIL (within 10 %) in the output and
 * counts for the exit code only with --strict-memory: RSS depends on when V8 and the allocator give
 * pages back as much as on the server. 1: a check failed; 2: the run broke or hit its hard time limit.
 * Child processes are killed on every way out.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { NODE_KINDS, slotFor, type MapNode } from "../../app/utils/map-model";
import { inspectorSession } from "./inspector";
import { DEMO_NETWORK, DEMO_PASSWORD, DEMO_PEOPLE } from "../../db/seed/demo-data";

// ---------------------------------------------------------------------------------------------
// Settings

const KNOWN_FLAGS = ["seconds", "users", "clients", "maps", "think-ms", "settle-seconds", "port", "strict-memory"];
const argv = process.argv.slice(2);
for (const arg of argv) {
  if (arg.startsWith("--") && !KNOWN_FLAGS.includes(arg.slice(2).split("=")[0])) {
    console.error(`Unknown option ${arg}. Known: ${KNOWN_FLAGS.map((f) => `--${f}`).join(", ")}`);
    process.exit(2);
  }
}
function setting(name: string, envName: string, fallback: number, min: number, max: number): number {
  let raw = process.env[envName];
  argv.forEach((arg, i) => {
    if (arg === `--${name}`) raw = argv[i + 1];
    else if (arg.startsWith(`--${name}=`)) raw = arg.slice(name.length + 3);
  });
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`--${name} (${envName}) must be a number from ${min} to ${max}, not "${raw}".`);
    process.exit(2);
  }
  return value;
}

const SECONDS = setting("seconds", "LOAD_SECONDS", 60, 4, 600);
const USERS = Math.floor(setting("users", "LOAD_USERS", 50, 0, 500));
const CLIENTS = Math.floor(setting("clients", "LOAD_CLIENTS", 200, 2, 2000));
// An acknowledgement needs a second client on the map.
const MAPS = Math.max(1, Math.min(Math.floor(setting("maps", "LOAD_MAPS", 10, 1, 100)), Math.floor(CLIENTS / 2)));
const THINK_MS = setting("think-ms", "LOAD_THINK_MS", 1000, 0, 60_000);
const SETTLE_SECONDS = setting("settle-seconds", "LOAD_SETTLE_SECONDS", 60, 20, 300);
const PORT = Math.floor(setting("port", "LOAD_PORT", 4200 + Math.floor(Math.random() * 90), 4200, 4289));
const INSPECT_PORT = PORT + 10;
const STRICT_MEMORY = argv.includes("--strict-memory");
/** The per-session limit on realtime upgrades is about 60 a minute; ten clients use ten of them per (re)connect. */
const CLIENTS_PER_SESSION = 10;
/** Clients edit every 1–2 s, like someone arranging boxes; every fifth edit adds a box. */
const EDIT_EVERY_MS = [1000, 2000] as const;
const ADD_EVERY = 5;
/** The whole run, whatever happens: setup, load, outage, drain, checks. */
const HARD_TIMEOUT_MS = (SECONDS + SETTLE_SECONDS + 360) * 1000;
const ERROR_BOUNDS = { httpErrorRatio: 0.005, realtimeErrorsPerClient: 0.01 };
const MEMORY_TOLERANCE = 0.1;

const BASE = `http://127.0.0.1:${PORT}`;
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SLUG = DEMO_NETWORK.slug;

// ---------------------------------------------------------------------------------------------
// Small tools

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
const describeCounts = (counts: Map<string, number>) =>
  counts.size === 0
    ? "–"
    : [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ");
const vmRssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
const ms = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(1) : n.toFixed(0));
const secs = (n: number | null) => (n === null || Number.isNaN(n) ? "–" : `${(n / 1000).toFixed(2)} s`);

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = now() + timeoutMs;
  while (!check()) {
    if (now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(25);
  }
}

function portFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A loopback port with nothing listening: see LoadSocket. */
function closedPort() {
  return new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server process

interface ServerProcess {
  child: ChildProcess;
  exit: Promise<void>;
  expectExit: boolean;
  exited: boolean;
}

const children = new Set<ChildProcess>();
const serverOutput: string[] = [];
const unexpectedExits: string[] = [];
let workDir = "";
let dbFile = "";

// Node's own messages about the inspector (used by measureMemory), not the server's.
const INSPECTOR_NOISE = /^(Debugger listening on|For help, see|Debugger attached|Debugger ending|Waiting for the debugger)/;

function startServer(): ServerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    DATABASE_PATH: dbFile,
    SEED_DEMO: "true",
    SMTP_URL: "",
  };
  // The load runs under the server's defaults (rate limits included) and in development mode (no
  // Secure cookie over plain HTTP), whatever the caller's shell has set.
  for (const name of ["NODE_ENV", "RATE_LIMIT_REALTIME_PER_MINUTE", "PUBLIC_URL", "TRUST_PROXY", "SESSION_SECRET", "UPLOADS_PATH"])
    delete env[name];
  // --inspect only so measureMemory can force a garbage collection from outside; loopback only.
  const child = spawn(process.execPath, [`--inspect=127.0.0.1:${INSPECT_PORT}`, "--import", "tsx", "server.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.add(child);
  const server: ServerProcess = { child, expectExit: false, exited: false, exit: Promise.resolve() };
  let pending = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim() || INSPECTOR_NOISE.test(line)) continue;
      serverOutput.push(line);
      process.stderr.write(`[server] ${line}\n`);
    }
  });
  server.exit = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      server.exited = true;
      children.delete(child);
      if (!server.expectExit) unexpectedExits.push(`pid ${child.pid} exited by itself (code ${code}, signal ${signal}) at ${clock()}`);
      resolve();
    }),
  );
  return server;
}

async function waitHealthy(server: ServerProcess) {
  const deadline = now() + 90_000;
  while (now() < deadline) {
    if (server.exited) throw new Error("the server exited while starting");
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error("the server did not answer /healthz within 90 s");
}

/** Event-loop delay histograms sample every 10 ms and record the whole interval: the delay is the excess, in ms. */
const DELAY_RESOLUTION_MS = 10;
const delayFigures = (h: { p50: number; p99: number; max: number }) => {
  const excess = (ns: number) => Math.max(0, ns / 1e6 - DELAY_RESOLUTION_MS);
  return { p50: excess(h.p50), p99: excess(h.p99), max: excess(h.max) };
};

/**
 * The server's memory: VmRSS from /proc (what the machine gives the process) and V8's heap, both
 * right after two full garbage collections forced through the inspector (HeapProfiler.collectGarbage).
 * Without the forced collection the figures mostly say when V8 last felt like collecting; with it,
 * heap used is what the server still holds on to. RSS can stay above that because V8 and the C
 * allocator keep freed pages for reuse: both are reported.
 */
async function measureMemory(server: ServerProcess) {
  const session = await inspectorSession(INSPECT_PORT);
  try {
    await session.call("HeapProfiler.collectGarbage");
    await session.call("HeapProfiler.collectGarbage");
    const usage = await session.evaluate<{ heapUsed: number; heapTotal: number; external: number }>(
      "JSON.stringify(process.memoryUsage())",
    );
    return {
      rssKiB: vmRssKiB(server.child.pid!),
      heapUsedKiB: usage.heapUsed / 1024,
      heapTotalKiB: usage.heapTotal / 1024,
      externalKiB: usage.external / 1024,
    };
  } finally {
    session.close();
  }
}

/**
 * Memory once it has stopped falling: read every 5 s from `minSeconds` on, until two readings of RSS
 * are within 2 % of each other or `maxSeconds` have passed. After heavy load RSS stays up for about
 * 10–15 s of idle even after forced collections and then drops in one step (V8's memory reducer
 * handing back pooled pages; a full trail on this machine: 309, 309, 226, 226 … MiB at 5, 11, 16,
 * 21 … s), so after the load the first reading is taken at 20 s. Before the load (a warmed-up server
 * after light work) the trail is flat from the first seconds. Both trails are printed.
 */
async function settledMemory(server: ServerProcess, minSeconds: number, maxSeconds: number, trail: string[]) {
  const from = now();
  const note = (m: { rssKiB: number }) => trail.push(`${((now() - from) / 1000).toFixed(0)} s: ${(m.rssKiB / 1024).toFixed(0)}`);
  await sleep(minSeconds * 1000);
  let last = await measureMemory(server);
  note(last);
  while ((now() - from) / 1000 + 5 <= maxSeconds) {
    await sleep(5000);
    const next = await measureMemory(server);
    note(next);
    const stable = Math.abs(next.rssKiB - last.rssKiB) <= 0.02 * last.rssKiB;
    last = next;
    if (stable) break;
  }
  return last;
}

/**
 * The server's event-loop delay while loaded: a perf_hooks histogram started inside the server
 * through the inspector (it only observes), read back and stopped at the end of the stretch.
 * This is what tells a saturated server from a saturated load generator.
 */
async function startLoopMonitor() {
  const session = await inspectorSession(INSPECT_PORT);
  try {
    await session.evaluate(
      `globalThis.__loadRunDelay = process.getBuiltinModule("node:perf_hooks").monitorEventLoopDelay({ resolution: ${DELAY_RESOLUTION_MS} }); __loadRunDelay.enable(); "1"`,
    );
  } finally {
    session.close();
  }
}
async function readLoopMonitor() {
  const session = await inspectorSession(INSPECT_PORT);
  try {
    return await session.evaluate<{ p50: number; p99: number; max: number }>(
      `(() => { const h = globalThis.__loadRunDelay; h.disable(); delete globalThis.__loadRunDelay; return JSON.stringify({ p50: h.percentile(50), p99: h.percentile(99), max: h.max }); })()`,
    );
  } finally {
    session.close();
  }
}

/**
 * Where the server's time went, from /proc: CPU seconds of the whole process (all threads; utime +
 * stime at 100 ticks a second), and for its main thread, the event loop, the seconds on a CPU and
 * the seconds it was ready to run but waiting for a CPU (schedstat). A high event-loop delay with
 * much waiting means the machine was short of CPU, not that the server was busy.
 */
function serverTimes(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop()!.trim().split(/\s+/);
  const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").trim().split(/\s+/).map(Number);
  return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, mainOnCpu: onCpu / 1e9, mainWaiting: waiting / 1e9 };
}

// ---------------------------------------------------------------------------------------------
// Timeline and phases

let phase: "setup" | "load" | "outage" | "drain" | "settle" = "setup";
const startedAt = now();
let loadStartAt = 0;
let killAt: number | null = null;
let serverUpAt: number | null = null;
let gateOpenAt: number | null = null;
let allResyncedAt: number | null = null;
/** While false, load clients' connection attempts fail as if the server were down (see LoadSocket). */
let gateOpen = true;
let outageOver: Promise<void> = Promise.resolve();
let endOutage = () => {};
const clock = () => `t+${((now() - startedAt) / 1000).toFixed(1)} s`;
/** From the kill until every client has synced again: closes and refused connections are expected then. */
const inOutage = () => killAt !== null && allResyncedAt === null;

// ---------------------------------------------------------------------------------------------
// HTTP users

const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(USERS, 1) + 8 });
const httpStats = {
  requests: 0,
  staleRetries: 0,
  firstErrors: [] as string[],
  latencies: [] as number[],
  statuses: new Map<string, number>(),
  errors: new Map<string, number>(),
  cutByKill: 0,
};

function get(path: string, cookie: string, retried = false): Promise<{ status: number; body: string }> {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path,
        method: "GET",
        agent,
        timeout: 30_000,
        headers: { cookie, accept: "text/html", "user-agent": "samhandlingsportalen-load" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout after 30 s")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just as it was reused: browsers send the request
      // again on a new connection, and so does this (once; counted).
      if (!retried && request.reusedSocket && error.code === "ECONNRESET") {
        httpStats.staleRetries++;
        get(path, cookie, true).then(resolve, reject);
      } else reject(error);
    });
    request.end();
  });
}

const SEARCH_TERMS = ["bosetting", "D-nummer", "folkeregisteret", "ankomst", "tolk", "bankID", "mottak"];
/** The network's pages a member opens from the menu; every member may see all of them. */
const SECTIONS: Array<() => string> = [
  () => `/n/${SLUG}`,
  () => `/n/${SLUG}/meetings`,
  () => `/n/${SLUG}/meetings/attendance`,
  () => `/n/${SLUG}/meetings/search?q=${encodeURIComponent(pick(SEARCH_TERMS))}`,
  () => `/n/${SLUG}/measures`,
  () => `/n/${SLUG}/measures/dashboard`,
  () => `/n/${SLUG}/maps`,
  () => `/n/${SLUG}/maps/obstacles`,
  () => `/n/${SLUG}/figures`,
  () => `/n/${SLUG}/figures/metrics`,
  () => `/n/${SLUG}/members`,
  () => `/n/${SLUG}/evaluations`,
];
/** From a section, a user follows a link to one of its items (whatever that member is shown). */
const ITEM_LINK = new RegExp(`href="(/n/${SLUG}/(?:meetings|measures|maps|members|evaluations|figures/metrics)/\\d+)"`, "g");

/** One page view, recorded; returns the page's HTML when it answered 2xx. */
async function view(cookie: string, path: string): Promise<string | null> {
  const start = now();
  httpStats.requests++;
  try {
    const { status, body } = await get(path, cookie);
    httpStats.latencies.push(now() - start);
    bump(httpStats.statuses, String(status));
    if (status >= 200 && status < 300) return body;
    bump(httpStats.errors, `HTTP ${status}`);
    noteHttpError(`HTTP ${status} ${path}`);
  } catch (error) {
    // A request in flight when the server was killed is the kill's doing, not an error.
    if (killAt !== null && start <= (serverUpAt ?? Infinity) && now() >= killAt) httpStats.cutByKill++;
    else {
      const kind = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      bump(httpStats.errors, kind);
      noteHttpError(`${kind} ${path}`);
    }
  }
  return null;
}

function noteHttpError(what: string) {
  if (httpStats.firstErrors.length < 5) httpStats.firstErrors.push(`${what} at ${clock()}`);
}

const think = () => sleep(THINK_MS * (0.5 + Math.random()));

async function browse(cookie: string) {
  await sleep(Math.random() * Math.max(THINK_MS, 200));
  while (phase !== "drain") {
    if (phase === "outage") {
      await outageOver;
      continue;
    }
    const page = await view(cookie, pick(SECTIONS)());
    if (page && Math.random() < 0.6) {
      const links = [...page.matchAll(ITEM_LINK)].map((m) => m[1]);
      if (links.length > 0) {
        await think();
        if (phase === "load") await view(cookie, pick(links));
      }
    }
    await think();
  }
}

// ---------------------------------------------------------------------------------------------
// Realtime clients

let holdPort = 0;
const realtimeErrors = new Map<string, number>();
let refusedDuringOutage = 0;

/** A y-websocket client with the member's cookie and the portal's Origin, like the editor in a browser. */
function openDoc(docName: string, cookie: string, gated: boolean) {
  class LoadSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      // While the load is held back (restart, memory baseline), an attempt goes to a closed loopback
      // port: it fails exactly as one against a dead server does, and y-websocket's own backoff goes
      // on trying, so the reconnect that follows is still y-websocket's.
      const held = gated && !gateOpen;
      super(held ? url.replace(`:${PORT}/`, `:${holdPort}/`) : url, protocols, { headers: { cookie, origin: BASE } });
      if (!gated) return;
      this.on("error", (error: Error) => {
        const refused = /Unexpected server response: (\d+)/.exec(error.message);
        if (refused) bump(realtimeErrors, `upgrade refused ${refused[1]}`);
        else if (held || inOutage()) refusedDuringOutage++;
        else bump(realtimeErrors, (error as NodeJS.ErrnoException).code ?? error.message);
      });
    }
  }
  const doc = new Y.Doc();
  // maxBackoffTime as in the editor (app/components/maps/map-editor.tsx).
  const provider = new WebsocketProvider(`ws://127.0.0.1:${PORT}/realtime`, docName, doc, {
    WebSocketPolyfill: LoadSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 2500,
  });
  return { doc, provider };
}

interface Client {
  index: number;
  docName: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Edits made so far; edit s (1-based) was made at sentAt[s], online[s] says whether connected then. */
  seq: number;
  sentAt: number[];
  adds: boolean[];
  online: boolean[];
  /** The highest edit of this client another client has seen, overall and before the kill. */
  acked: number;
  ackedBeforeKill: number;
  syncedOnce: boolean;
  resyncedAt: number | null;
  timer: NodeJS.Timeout | null;
  x: number;
  y: number;
}

const clients: Client[] = [];
const ownKey = (c: Client) => `load-${c.index}`;
const addKey = (c: Client, s: number) => `load-${c.index}-${s}`;
// The label ends with "<client>.<edit>", so a receiver knows which edit it is looking at.
const EDIT_IN_LABEL = /(\d+)\.(\d+)$/;
const deliveries = { sentAt: [] as number[], receivedAt: [] as number[] };
let editing = false;

function edit(c: Client) {
  const s = ++c.seq;
  const nodes = c.doc.getMap<MapNode>("nodes");
  c.sentAt[s] = now();
  c.online[s] = c.provider.wsconnected && c.provider.synced;
  const add = s % ADD_EVERY === 0;
  c.adds[s] = add;
  c.doc.transact(() => {
    if (add) {
      const kind = pick(NODE_KINDS);
      nodes.set(addKey(c, s), {
        kind,
        label: `Ny boks ${c.index}.${s}`,
        ...slotFor(kind, Math.floor(Math.random() * 3), Math.floor(Math.random() * 12)),
        obstacle: null,
      });
    } else {
      // Move and rename the client's own box (the first edit creates it), as dragging and the side panel do.
      c.x = Math.max(150, Math.min(1200, c.x + Math.round(Math.random() * 60 - 30)));
      c.y = Math.max(60, Math.min(700, c.y + Math.round(Math.random() * 40 - 20)));
      const node = nodes.get(ownKey(c));
      nodes.set(ownKey(c), {
        kind: node?.kind ?? NODE_KINDS[c.index % 4],
        obstacle: null,
        ...node,
        label: `Steg ${c.index}.${s}`,
        x: c.x,
        y: c.y,
      });
    }
  });
  c.provider.awareness.setLocalStateField("cursor", { x: c.x, y: c.y });
}

function scheduleEdits(c: Client) {
  const delay = EDIT_EVERY_MS[0] + Math.random() * (EDIT_EVERY_MS[1] - EDIT_EVERY_MS[0]);
  c.timer = setTimeout(() => {
    if (!editing) return;
    edit(c);
    scheduleEdits(c);
  }, delay);
}

function addClient(index: number, docName: string, cookie: string) {
  const { doc, provider } = openDoc(docName, cookie, true);
  const start = slotFor(NODE_KINDS[index % 4], index % 3, Math.floor(index / MAPS) % 12);
  const c: Client = {
    index,
    docName,
    doc,
    provider,
    seq: 0,
    sentAt: [],
    adds: [],
    online: [],
    acked: 0,
    ackedBeforeKill: 0,
    syncedOnce: false,
    resyncedAt: null,
    timer: null,
    x: start.x,
    y: start.y,
  };
  provider.on("sync", (synced: boolean) => {
    if (!synced) return;
    if (!c.syncedOnce) c.syncedOnce = true;
    else if (killAt !== null && c.resyncedAt === null) {
      c.resyncedAt = now();
      if (clients.every((other) => other.resyncedAt !== null)) allResyncedAt = c.resyncedAt;
    }
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    // Only sockets that were open count; a failed attempt is counted by its error. A close without an
    // event is y-websocket's own: nothing heard from the server for 30 s.
    if (provider.wsconnected && phase === "load" && !inOutage()) bump(realtimeErrors, event ? `closed ${event.code}` : "silent for 30 s");
  });
  // Acknowledgement: another client on the map sees the edit. The server sends an update to anyone
  // only after appending it to the database, and a client's edits reach others in order (Yjs holds
  // back an update until the ones before it from the same client are there), so seeing edit s of a
  // client means the server has stored edits 1…s of it.
  const nodes = doc.getMap<MapNode>("nodes");
  nodes.observe((event, transaction) => {
    if (transaction.local) return;
    const at = now();
    for (const key of event.keysChanged) {
      if (!key.startsWith("load-")) continue;
      const match = EDIT_IN_LABEL.exec(nodes.get(key)?.label ?? "");
      if (!match) continue;
      const sender = clients[Number(match[1])];
      const s = Number(match[2]);
      if (!sender || sender === c) continue;
      if (s > sender.acked) sender.acked = s;
      if (killAt === null && s > sender.ackedBeforeKill) sender.ackedBeforeKill = s;
      deliveries.sentAt.push(sender.sentAt[s]);
      deliveries.receivedAt.push(at);
    }
  });
  clients.push(c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Checks

type DocLabels = Record<string, Record<string, string>>;

/**
 * Acknowledged edits missing from `docs`: an added box must be there; a move of a client's own box
 * counts as present when the stored box is at that edit or a later one of the same client.
 */
function findLost(docs: DocLabels, upTo: (c: Client) => number) {
  let lost = 0;
  let checked = 0;
  const examples: string[] = [];
  for (const c of clients) {
    const labels = docs[c.docName] ?? {};
    const own = EDIT_IN_LABEL.exec(labels[ownKey(c)] ?? "");
    const ownSeq = own ? Number(own[2]) : 0;
    for (let s = 1; s <= upTo(c); s++) {
      checked++;
      if (c.adds[s] ? addKey(c, s) in labels : ownSeq >= s) continue;
      lost++;
      if (examples.length < 5)
        examples.push(`${c.docName} client ${c.index} edit ${s} (${c.adds[s] ? "added box missing" : `box at edit ${ownSeq}`})`);
    }
  }
  return { lost, checked, examples };
}

function readDocsFromFile(file: string, docNames: string[]): { integrity: string; docs: DocLabels } {
  const output = execFileSync(process.execPath, ["--import", "tsx", join(root, "tests/bench/load-read-docs.ts"), file, ...docNames], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 120_000,
  });
  return JSON.parse(output.trim().split("\n").pop()!) as { integrity: string; docs: DocLabels };
}

async function readDocsThroughServer(cookie: string, docNames: string[]): Promise<DocLabels> {
  const docs: DocLabels = {};
  for (const name of docNames) {
    const { doc, provider } = openDoc(name, cookie, false);
    try {
      await until(() => provider.synced, 30_000, `a fresh client to sync ${name}`);
      const labels: Record<string, string> = {};
      doc.getMap<MapNode>("nodes").forEach((node, key) => {
        if (key.startsWith("load-")) labels[key] = node.label;
      });
      docs[name] = labels;
    } finally {
      provider.destroy();
      doc.destroy();
    }
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// The run

const signIn = async (email: string) => {
  const res = await fetch(`${BASE}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie.startsWith("__session=")) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return cookie;
};

async function createMap(cookie: string, title: string) {
  const res = await fetch(`${BASE}/n/${SLUG}/maps`, {
    method: "POST",
    headers: { cookie, origin: BASE },
    body: new URLSearchParams({ title }),
    redirect: "manual",
  });
  const id = /\/maps\/(\d+)$/.exec(res.headers.get("location") ?? "")?.[1];
  if (res.status !== 302 || !id) throw new Error(`creating a map answered ${res.status}`);
  return Number(id);
}

/** Once each: the pages and the maps, so the baseline is a warmed-up server rather than a cold one. */
async function warmUp(cookie: string, docNames: string[]) {
  const items = new Set<string>();
  for (const section of SECTIONS) for (const m of (await get(section(), cookie)).body.matchAll(ITEM_LINK)) items.add(m[1]);
  for (const item of items) await get(item, cookie);
  for (const name of docNames) await readDocsThroughServer(cookie, [name]);
}

// y-websocket's provider adds a process "exit" listener of its own, one per client.
process.setMaxListeners(CLIENTS + 50);
const members = DEMO_PEOPLE.filter((p) => p.role !== null);
const editors = DEMO_PEOPLE.filter((p) => p.role === "facilitator" || p.role === "agency_admin" || p.role === "representative");
const loopDelay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
const rssSamples: Array<{ at: number; kib: number; phase: string }> = [];
let server: ServerProcess;
let loadStartAvg = 0;
const report: string[] = [];
const failures: string[] = [];
const out = (label: string, value: string) => report.push(`  ${label.padEnd(46)} ${value}`);
const heading = (text: string) => report.push("", text);

async function main() {
  if (!(await portFree(PORT)) || !(await portFree(INSPECT_PORT)))
    throw new Error(`port ${PORT} or ${INSPECT_PORT} is taken; pick another with --port`);
  holdPort = await closedPort();
  // server.ts serves the Remix build.
  if (!existsSync(join(root, "build", "index.js"))) {
    execFileSync(process.execPath, [join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
  loadStartAvg = loadavg()[0];
  workDir = mkdtempSync(join(tmpdir(), "portal-load-"));
  dbFile = join(workDir, "portal.db");
  const log = (text: string) => process.stderr.write(`${clock()}  ${text}\n`);
  log(`database ${dbFile}; server on ${BASE}`);

  server = startServer();
  await waitHealthy(server);
  log("server up; signing in");
  const verifier = await signIn("fasilitator@digdir.example");
  const userCookies: string[] = [];
  for (let u = 0; u < USERS; u++) userCookies.push(await signIn(members[u % members.length].email));
  const sessionCookies: string[] = [];
  for (let s = 0; s < Math.ceil(CLIENTS / CLIENTS_PER_SESSION); s++) sessionCookies.push(await signIn(editors[s % editors.length].email));
  const mapIds: number[] = [];
  for (let m = 0; m < MAPS; m++) mapIds.push(await createMap(verifier, `Lastprøve ${m + 1}`));
  const docNames = mapIds.map((id) => `map:${id}`);

  log(`connecting ${CLIENTS} clients to ${MAPS} maps`);
  for (let i = 0; i < CLIENTS; i++) {
    addClient(i, docNames[i % MAPS], sessionCookies[Math.floor(i / CLIENTS_PER_SESSION)]);
    await sleep(5);
  }
  await until(() => clients.every((c) => c.syncedOnce), 60_000, "every client's first sync");

  const rssTimer = setInterval(() => {
    if (!server.exited) rssSamples.push({ at: now(), kib: vmRssKiB(server.child.pid!), phase });
  }, 1000);
  rssTimer.unref();

  // Load, first half.
  log(`load: ${USERS} users, ${CLIENTS} clients, ${SECONDS} s with a kill -9 halfway`);
  // Per half of the load: the server's CPU and main-thread scheduling, the generator's CPU, the
  // server's event-loop delay.
  const stretches: Array<{
    seconds: number;
    server: ReturnType<typeof serverTimes>;
    generatorCpu: number;
    delay: { p50: number; p99: number; max: number };
  }> = [];
  await startLoopMonitor();
  let serverFrom = serverTimes(server.child.pid!);
  let generatorCpuFrom = process.cpuUsage();
  let stretchFrom = now();
  phase = "load";
  loadStartAt = now();
  loopDelay.enable();
  editing = true;
  for (const c of clients) scheduleEdits(c);
  const browsing = userCookies.map((cookie) => browse(cookie));
  const half = (SECONDS * 1000) / 2;
  while (now() - loadStartAt < half && unexpectedExits.length === 0) await sleep(100);
  const firstHalfMs = now() - loadStartAt;
  const endOfStretch = async () => {
    const seconds = (now() - stretchFrom) / 1000;
    const times = serverTimes(server.child.pid!);
    const used = process.cpuUsage(generatorCpuFrom);
    const delay = delayFigures(await readLoopMonitor());
    stretches.push({
      seconds,
      server: {
        cpu: times.cpu - serverFrom.cpu,
        mainOnCpu: times.mainOnCpu - serverFrom.mainOnCpu,
        mainWaiting: times.mainWaiting - serverFrom.mainWaiting,
      },
      generatorCpu: (used.user + used.system) / 1e6,
      delay,
    });
  };
  if (unexpectedExits.length === 0) await endOfStretch();

  let memoryBefore: Awaited<ReturnType<typeof measureMemory>> | null = null;
  const beforeTrail: string[] = [];
  let secondHalfMs = 0;
  let crashCopy: string | null = null;
  if (unexpectedExits.length === 0) {
    // kill -9. From here until the memory baseline is taken, HTTP users wait and clients are held back.
    outageOver = new Promise<void>((resolve) => (endOutage = resolve));
    phase = "outage";
    gateOpen = false;
    server.expectExit = true;
    killAt = now();
    server.child.kill("SIGKILL");
    await server.exit;
    log("server killed (SIGKILL)");
    // The database exactly as the crash left it, for the check afterwards (nothing has it open now).
    crashCopy = join(workDir, "crash", "portal.db");
    mkdirSync(dirname(crashCopy));
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(dbFile + suffix)) copyFileSync(dbFile + suffix, crashCopy + suffix);

    server = startServer();
    await waitHealthy(server);
    serverUpAt = now();
    log(`server up again after ${secs(serverUpAt - killAt)}; warming up and measuring memory before letting the load back`);
    await warmUp(verifier, docNames);
    memoryBefore = await settledMemory(server, 3, 30, beforeTrail);

    await startLoopMonitor();
    serverFrom = serverTimes(server.child.pid!);
    generatorCpuFrom = process.cpuUsage();
    stretchFrom = now();
    gateOpen = true;
    gateOpenAt = now();
    phase = "load";
    endOutage();
    const secondStart = now();
    let told = false;
    while (now() - secondStart < half && unexpectedExits.length === 0) {
      if (allResyncedAt !== null && !told) {
        told = true;
        log(`all clients in sync again, ${secs(allResyncedAt - gateOpenAt)} after they were let back`);
      }
      await sleep(50);
    }
    secondHalfMs = now() - secondStart;
    if (unexpectedExits.length === 0) await endOfStretch();
  }

  // Drain: no new page views or edits; wait until every edit has been seen by another client.
  phase = "drain";
  editing = false;
  loopDelay.disable();
  for (const c of clients) if (c.timer) clearTimeout(c.timer);
  await Promise.all(browsing);
  const drainDeadline = now() + 30_000;
  while (now() < drainDeadline && unexpectedExits.length === 0 && clients.some((c) => c.acked < c.seq)) await sleep(100);
  log("load stopped; closing clients");
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
  agent.destroy();
  phase = "settle";
  const settleFromRss = server.exited ? NaN : vmRssKiB(server.child.pid!);

  let memoryAfter: Awaited<ReturnType<typeof measureMemory>> | null = null;
  const settleTrail: string[] = [];
  let throughServer: DocLabels | null = null;
  if (unexpectedExits.length === 0) {
    // Every client has left, so the server has compacted and dropped each document (realtime/server.ts
    // unloads a document when its last connection closes); then idle until memory settles.
    memoryAfter = await settledMemory(server, 20, SETTLE_SECONDS, settleTrail);
    log("checking the documents through the server with fresh clients");
    throughServer = await readDocsThroughServer(verifier, docNames);
  }
  if (!server.exited) {
    server.expectExit = true;
    server.child.kill("SIGTERM");
    const stopped = await Promise.race([server.exit.then(() => true), sleep(20_000).then(() => false)]);
    if (!stopped) {
      failures.push("the server did not stop within 20 s of SIGTERM");
      server.child.kill("SIGKILL");
      await server.exit;
    }
  }
  log("checking the database files");
  const atCrash = crashCopy ? readDocsFromFile(crashCopy, docNames) : null;
  const atEnd = readDocsFromFile(dbFile, docNames);

  // -------------------------------------------------------------------------------------------
  // Figures

  const loadMs = firstHalfMs + secondHalfMs;
  const sentTotal = clients.reduce((n, c) => n + c.seq, 0);
  const sentOffline = clients.reduce((n, c) => n + c.online.slice(1).filter((o) => !o).length, 0);
  const acked = clients.reduce((n, c) => n + c.acked, 0);
  const unacked = sentTotal - acked;
  // Steady-state propagation: deliveries entirely before the kill or entirely after everyone was
  // back in sync. Those spanning the outage are counted apart; their "latency" is the outage.
  const steady: number[] = [];
  let acrossOutage = 0;
  for (let i = 0; i < deliveries.sentAt.length; i++) {
    const sent = deliveries.sentAt[i];
    const received = deliveries.receivedAt[i];
    if (killAt === null || received < killAt || (allResyncedAt !== null && sent > allResyncedAt)) steady.push(received - sent);
    else acrossOutage++;
  }
  steady.sort((a, b) => a - b);
  const httpLatency = [...httpStats.latencies].sort((a, b) => a - b);
  const httpRequests = httpStats.requests;
  const httpErrors = total(httpStats.errors);
  const reconnects = clients
    .filter((c) => c.resyncedAt !== null && gateOpenAt !== null)
    .map((c) => c.resyncedAt! - gateOpenAt!)
    .sort((a, b) => a - b);
  const realtimeErrorCount = total(realtimeErrors);

  const lostAtCrash = atCrash ? findLost(atCrash.docs, (c) => c.ackedBeforeKill) : null;
  const lostThroughServer = throughServer ? findLost(throughServer, (c) => c.acked) : null;
  const lostAtEnd = findLost(atEnd.docs, (c) => c.acked);

  report.push(
    `Load run: ${(loadMs / 1000).toFixed(1)} s of load around a kill -9, ${USERS} HTTP users, ${CLIENTS} realtime clients on ${MAPS} maps (${Math.ceil(CLIENTS / CLIENTS_PER_SESSION)} sessions), server ${BASE}`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load generator and server share it`,
  );
  heading("HTTP (pages of the network, think time " + `${THINK_MS} ms ±50 %)`);
  out("requests", `${httpRequests} (${(httpRequests / (loadMs / 1000)).toFixed(1)}/s over the ${(loadMs / 1000).toFixed(1)} s of load)`);
  out(
    "latency p50 / p95 / p99 / max",
    `${ms(percentile(httpLatency, 50))} / ${ms(percentile(httpLatency, 95))} / ${ms(percentile(httpLatency, 99))} / ${ms(httpLatency[httpLatency.length - 1] ?? NaN)} ms`,
  );
  out("answers by status", describeCounts(httpStats.statuses));
  out("errors", `${httpErrors} (${describeCounts(httpStats.errors)})`);
  for (const first of httpStats.firstErrors) out("  first errors", first);
  out("sent again after a stale kept-alive connection", String(httpStats.staleRetries));
  out("cut off by the kill (not errors)", String(httpStats.cutByKill));
  heading("Realtime (y-websocket, map edits every 1–2 s per client)");
  out("updates sent", `${sentTotal} (${(sentTotal / (loadMs / 1000)).toFixed(1)}/s; ${sentOffline} made while disconnected)`);
  out("acknowledged (seen by another client)", `${acked}`);
  out("sent but not acknowledged by the end", `${unacked}`);
  out(
    "propagation p50 / p95 / p99 / max",
    `${ms(percentile(steady, 50))} / ${ms(percentile(steady, 95))} / ${ms(percentile(steady, 99))} / ${ms(steady[steady.length - 1] ?? NaN)} ms (${steady.length} deliveries)`,
  );
  out("deliveries spanning the outage (excluded)", String(acrossOutage));
  out("errors", `${realtimeErrorCount} (${describeCounts(realtimeErrors)})`);
  out("refused attempts during the outage (expected)", String(refusedDuringOutage));
  heading("kill -9 halfway and restart (reconnects include y-websocket's backoff, up to 2.5 s as in the editor)");
  out("server down (SIGKILL → /healthz answers)", killAt !== null && serverUpAt !== null ? secs(serverUpAt - killAt) : "–");
  out("held back for warm-up and memory baseline", serverUpAt !== null && gateOpenAt !== null ? secs(gateOpenAt - serverUpAt) : "–");
  out(
    "reconnect after let back p50 / p95 / max",
    reconnects.length
      ? `${secs(percentile(reconnects, 50))} / ${secs(percentile(reconnects, 95))} / ${secs(reconnects[reconnects.length - 1])}`
      : "–",
  );
  out("clients back in sync", `${reconnects.length} of ${CLIENTS}`);
  out("kill → every client in sync", killAt !== null && allResyncedAt !== null ? secs(allResyncedAt - killAt) : "–");
  heading("Durability");
  if (lostAtCrash) out("lost: acked before the kill, crashed file", `${lostAtCrash.lost} of ${lostAtCrash.checked}`);
  if (lostThroughServer) out("lost: acked overall, fresh clients at the end", `${lostThroughServer.lost} of ${lostThroughServer.checked}`);
  out("lost: acked overall, file after shutdown", `${lostAtEnd.lost} of ${lostAtEnd.checked}`);
  for (const example of [...(lostAtCrash?.examples ?? []), ...(lostThroughServer?.examples ?? []), ...lostAtEnd.examples].slice(0, 5))
    out("  for example", example);
  if (atCrash) out("integrity_check, file as the kill left it", atCrash.integrity);
  out("integrity_check, file after shutdown", atEnd.integrity);
  heading("Memory of the restarted server (after two forced full GCs)");
  let memoryVerdict = "–";
  if (memoryBefore && memoryAfter) {
    const ratio = memoryAfter.rssKiB / memoryBefore.rssKiB;
    memoryVerdict = ratio <= 1 + MEMORY_TOLERANCE ? "PASS" : "FAIL";
    out(
      "before the load came back (warmed up, idle)",
      `RSS ${mib(memoryBefore.rssKiB)}, V8 heap ${mib(memoryBefore.heapUsedKiB)} used of ${mib(memoryBefore.heapTotalKiB)}, external ${mib(memoryBefore.externalKiB)}`,
    );
    out(
      "after the load (every client gone, idle)",
      `RSS ${mib(memoryAfter.rssKiB)}, V8 heap ${mib(memoryAfter.heapUsedKiB)} used of ${mib(memoryAfter.heapTotalKiB)}, external ${mib(memoryAfter.externalKiB)}`,
    );
    out("RSS in MiB by seconds idle, before the load", beforeTrail.join(", "));
    out("RSS in MiB by seconds idle, after the load", `${settleTrail.join(", ")} (${mib(settleFromRss)} when the last client left)`);
    out(
      "after / before",
      `RSS ${ratio.toFixed(3)}×, heap ${(memoryAfter.heapUsedKiB / memoryBefore.heapUsedKiB).toFixed(3)}× → ${memoryVerdict} (RSS within ${MEMORY_TOLERANCE * 100} %)`,
    );
  } else out("not measured", "the server did not live through the run");
  const loaded = rssSamples.filter((s) => s.phase === "load").map((s) => s.kib);
  out("peak RSS while loaded (sampled each second)", loaded.length ? mib(Math.max(...loaded)) : "–");
  heading(
    `Where the time went (${cpus().length} CPUs shared by server, load generator and anything else; load average ${loadStartAvg.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)`,
  );
  const delayLine = (d: { p50: number; p99: number; max: number }) => `${ms(d.p50)} / ${ms(d.p99)} / ${ms(d.max)} ms`;
  stretches.forEach((stretch, i) => {
    const half = i === 0 ? "1st half" : "2nd half";
    const share = (seconds: number) => `${seconds.toFixed(1)} s (${((100 * seconds) / stretch.seconds).toFixed(0)} %)`;
    out(
      `server CPU, ${half}`,
      `${stretch.server.cpu.toFixed(1)} CPU-s over ${stretch.seconds.toFixed(1)} s = ${(stretch.server.cpu / stretch.seconds).toFixed(2)} cores`,
    );
    out(
      `server main thread, ${half}`,
      `on a CPU ${share(stretch.server.mainOnCpu)}, ready but waiting for one ${share(stretch.server.mainWaiting)}`,
    );
    out(`server event-loop delay p50/p99/max, ${half}`, delayLine(stretch.delay));
    out(
      `load generator CPU, ${half}`,
      `${stretch.generatorCpu.toFixed(1)} CPU-s = ${(stretch.generatorCpu / stretch.seconds).toFixed(2)} cores`,
    );
  });
  out(
    "generator event-loop delay p50 / p99 / max",
    delayLine(delayFigures({ p50: loopDelay.percentile(50), p99: loopDelay.percentile(99), max: loopDelay.max })),
  );
  out("server stderr lines", String(serverOutput.length));
  out("wall time", secs(now() - startedAt));

  // Verdict
  for (const exit of unexpectedExits) failures.push(`the server ${exit}`);
  if (lostAtCrash && lostAtCrash.lost > 0)
    failures.push(`${lostAtCrash.lost} acknowledged changes missing from the database after the kill`);
  if (lostThroughServer && lostThroughServer.lost > 0)
    failures.push(`${lostThroughServer.lost} acknowledged changes missing through the server at the end`);
  if (lostAtEnd.lost > 0) failures.push(`${lostAtEnd.lost} acknowledged changes missing from the database file at the end`);
  if (atCrash && atCrash.integrity !== "ok") failures.push(`integrity check after the kill: ${atCrash.integrity}`);
  if (atEnd.integrity !== "ok") failures.push(`integrity check at the end: ${atEnd.integrity}`);
  if (killAt !== null && reconnects.length < CLIENTS)
    failures.push(`${CLIENTS - reconnects.length} clients never got back in sync after the restart`);
  if (unacked > 0) failures.push(`${unacked} changes sent were never acknowledged`);
  if (httpErrors > httpRequests * ERROR_BOUNDS.httpErrorRatio)
    failures.push(`${httpErrors} HTTP errors, more than ${ERROR_BOUNDS.httpErrorRatio * 100} % of ${httpRequests}`);
  if (realtimeErrorCount > CLIENTS * ERROR_BOUNDS.realtimeErrorsPerClient)
    failures.push(`${realtimeErrorCount} realtime errors, more than ${ERROR_BOUNDS.realtimeErrorsPerClient * 100} % of ${CLIENTS} clients`);
  if (STRICT_MEMORY && memoryVerdict !== "PASS") failures.push("memory after the load is not within 10 % of before");
  heading(failures.length === 0 ? "Result: PASS" : "Result: FAIL");
  for (const failure of failures) report.push(`  - ${failure}`);
  console.log(report.join("\n"));
  return failures.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Whatever happens, no server is left behind.

function killChildren() {
  for (const child of children) child.kill("SIGKILL");
}
process.on("exit", killChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the load and the server.`);
    killChildren();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  });
}
const hardTimeout = setTimeout(() => {
  console.error(`The run took longer than its hard limit of ${HARD_TIMEOUT_MS / 1000} s; stopping.`);
  killChildren();
  process.exit(2);
}, HARD_TIMEOUT_MS);
hardTimeout.unref();

let code = 2;
try {
  code = (await main()) ? 0 : 1;
} catch (error) {
  console.error(`The load run broke off at ${clock()}: ${(error as Error).stack ?? error}`);
  for (const exit of unexpectedExits) console.error(`The server ${exit}`);
} finally {
  killChildren();
  if (code === 0 && workDir) rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.error(`Database and crash copy kept in ${workDir}`);
}
process.exit(code);
