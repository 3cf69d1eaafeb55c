/**
 * An editor attacks a map over the realtime socket, through raw sockets and through the stock
 * y-websocket client: updates that parse and then break, references to what never existed, deletes
 * of unknown ranges, updates Yjs takes but cannot encode back, values no map holds, and presence
 * that claims to be someone else. Afterwards everyone else equals a fresh sync, and the map still
 * loads once every client has left, after a restart, in its JSON export and in the obstacle list.
 * Then a map whose stored state is damaged (as the old server could leave it) is isolated and
 * restored by a facilitator.
 */
import "../helpers/test-db";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, gt, like, sql } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { db } from "../../db/client";
import { appendUpdate } from "../../db/doc-store";
import { docSnapshots, docUpdates, maps, networks } from "../../db/schema";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { danglingUpdates, encodeUpdate, hostileUpdates } from "../helpers/hostile-updates";
import { startPortal, type Portal } from "../helpers/portal-process";
import { connect, eventually, signInCookie } from "../helpers/yjs-client";

const port = 3500 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let portal: Portal;
let mapId: number;
let otherMapId: number;

const start = async () => {
  portal = await startPortal(port, { LOG_LEVEL: "error", RATE_LIMIT_REALTIME_PER_MINUTE: "1000" });
};
const stop = () => portal.stop();

const box = (label: string) => ({ kind: "service", label, x: 180, y: 420, obstacle: null });

/** The content and state vector of a client's copy, keys sorted: equal iff two copies agree. */
function fingerprint(doc: Y.Doc) {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(
    sorted({
      nodes: doc.getMap("nodes").toJSON(),
      edges: doc.getMap("edges").toJSON(),
      stages: doc.getArray("stages").toJSON(),
      sv: [...Y.encodeStateVector(doc)],
    }),
  );
}

async function freshSync(cookie: string, id = mapId) {
  const client = connect(base, `map:${id}`, cookie);
  await client.synced;
  const print = fingerprint(client.doc);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.close();
  return { print, doc };
}

/** A raw socket speaking the protocol by hand: what it receives, and how it was closed. */
async function rawSocket(cookie: string, id = mapId) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/realtime/map:${id}`, { headers: { cookie } });
  const received: Array<{ kind: number; type: number | null }> = [];
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const kind = decoding.readVarUint(decoder);
    received.push({ kind, type: kind === 0 ? decoding.readVarUint(decoder) : null });
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("error", () => {});
  await new Promise((r) => ws.on("open", r));
  const sendUpdate = (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    ws.send(encoding.toUint8Array(e));
  };
  const sendPresence = (entries: Array<{ clientId: number; clock: number; state: unknown }>) => {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify(state));
    }
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    ws.send(encoding.toUint8Array(e));
  };
  return { ws, received, closed, sendUpdate, sendPresence };
}

const logRows = (id = mapId) =>
  db
    .select({ id: docUpdates.id })
    .from(docUpdates)
    .where(eq(docUpdates.docName, `map:${id}`))
    .all().length;
/** The newest row of the whole update log (compaction removes rows, never lowers this). */
const lastLogId = () =>
  db
    .select({ id: sql<number>`coalesce(max(${docUpdates.id}), 0)` })
    .from(docUpdates)
    .get()!.id;
/** Rows stored for the map after `id`: what an attack would have left. */
const storedSince = (id: number) =>
  db
    .select({ id: docUpdates.id })
    .from(docUpdates)
    .where(and(eq(docUpdates.docName, `map:${mapId}`), gt(docUpdates.id, id)))
    .all().length;

describe("realtime under attack", () => {
  let editor: string;
  let facilitator: string;
  let reader: string;
  const caught: string[] = [];
  const originalError = console.error;

  before(async () => {
    await seedDemoIfEmpty();
    const ukraina = db.select().from(networks).where(eq(networks.slug, "ukraina")).get()!;
    // The demo's map, with its boxes, stages and obstacles, is the target.
    mapId = db.select().from(maps).where(eq(maps.networkId, ukraina.id)).get()!.id;
    otherMapId = db.insert(maps).values({ networkId: ukraina.id, title: "Et annet kart", updatedAt: new Date() }).returning().get().id;
    await start();
    [editor, facilitator, reader] = await Promise.all([
      signInCookie(base, "representant@nav.example"),
      signInCookie(base, "fasilitator@digdir.example"),
      signInCookie(base, "leder@imdi.example"),
    ]);
    // Yjs clients report an update they could not apply on console.error: none may appear.
    console.error = (...args: unknown[]) => {
      caught.push(args.map(String).join(" "));
      originalError(...args);
    };
  });
  after(() => {
    console.error = originalError;
    void portal.stop("SIGKILL");
  });

  it("refuses each hostile update whole over a raw socket: closed with 1007, nothing stored or sent, everyone equal to a fresh sync", async () => {
    const watcher = connect(base, `map:${mapId}`, facilitator);
    await watcher.synced;
    const { doc: target } = await freshSync(editor);
    for (const { name, update } of hostileUpdates(target)) {
      const before = lastLogId();
      const attacker = await rawSocket(editor);
      attacker.sendUpdate(update);
      assert.equal(await attacker.closed, 1007, `${name}: the sender is closed with 1007`);
      assert.equal(storedSince(before), 0, `${name}: nothing was stored`);
    }
    // A real edit still goes through, to everyone.
    watcher.doc.getMap("nodes").set("etter-angrep", box("Etter angrepet"));
    const fresh = await freshSync(reader);
    assert.ok(fresh.doc.getMap("nodes").has("etter-angrep"), "a real edit after the attack reached the server");
    await eventually(() => fingerprint(watcher.doc) === fresh.print, 5000, "the watcher equals a fresh sync");
    assert.deepEqual(
      caught.filter((line) => line.includes("Yjs update")),
      [],
      "no client failed to apply an update",
    );
    watcher.close();
  });

  it("holds back updates that refer to what never existed, asks for what is missing, and closes a sender that keeps on", async () => {
    const { doc: target } = await freshSync(editor);
    const before = lastLogId();
    const attacker = await rawSocket(editor);
    const asked = () => attacker.received.filter((m) => m.kind === 0 && m.type === syncProtocol.messageYjsSyncStep1).length;
    const askedAtOpen = asked();
    for (const { update } of danglingUpdates(target)) attacker.sendUpdate(update);
    await eventually(() => asked() >= askedAtOpen + 3, 5000, "a sync step 1 for each update that cannot be placed");
    assert.equal(storedSince(before), 0, "nothing was stored");
    for (let i = 0; i < 25; i++) attacker.sendUpdate(danglingUpdates(target)[i % 3].update);
    assert.equal(await attacker.closed, 1008);
    const fresh = await freshSync(reader);
    assert.equal(fresh.doc.store.pendingStructs, null, "nothing half-placed reached anyone");
  });

  it("refuses a hostile update the stock client sends, and the others never see it", async () => {
    const watcher = connect(base, `map:${mapId}`, facilitator);
    await watcher.synced;
    const attacker = connect(base, `map:${mapId}`, editor);
    await attacker.synced;
    const codes: number[] = [];
    attacker.provider.on("connection-close", (event: { code: number } | null) => event && codes.push(event.code));
    // Applied to the client's own copy, the zero-length range goes out as the client's change.
    Y.applyUpdate(attacker.doc, encodeUpdate(990_100, 0, [{ content: { gc: 0 } }]));
    await eventually(() => codes.includes(1007), 5000, "the stock client's socket closed with 1007");
    attacker.close();
    const fresh = await freshSync(reader);
    assert.equal(Y.getState(fresh.doc.store, 990_100), 0, "none of it is in the server's document");
    await eventually(() => fingerprint(watcher.doc) === fresh.print, 5000, "the watcher equals a fresh sync");
    watcher.close();
  });

  it("shows presence under the member's real name, and no one can take over another's presence", async () => {
    const watcher = connect(base, `map:${mapId}`, facilitator);
    await watcher.synced;
    const victim = connect(base, `map:${mapId}`, await signInCookie(base, "representant@udi.example"));
    await victim.synced;
    victim.provider.awareness.setLocalStateField("user", { name: "Ulla Representant", agency: "UDI", color: "#2b6d33" });
    const stateOf = (clientId: number) => watcher.provider.awareness.getStates().get(clientId) as { user?: { name: string } } | undefined;
    await eventually(() => stateOf(victim.doc.clientID)?.user?.name === "Ulla Representant", 5000, "the victim's presence");
    const attacker = await rawSocket(editor);
    attacker.sendPresence([
      {
        clientId: 990_200,
        clock: 1,
        state: { user: { name: "Ingrid Fasilitator", agency: "Digdir", color: "#b3400b" }, cursor: { x: 1, y: 2 } },
      },
      { clientId: victim.doc.clientID, clock: 999, state: { user: { name: "Kapret", agency: "?", color: "#000000" } } },
      { clientId: 990_201, clock: 1, state: { user: { name: { toString: "x" } }, cursor: "overalt" } },
    ]);
    await eventually(() => stateOf(990_200) !== undefined, 5000, "the attacker's own presence arrives");
    assert.equal(stateOf(990_200)?.user?.name, "Nils Representant", "shown under the name the portal knows");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(stateOf(victim.doc.clientID)?.user?.name, "Ulla Representant", "another's presence is not taken over");
    assert.equal(stateOf(990_201), undefined, "a presence of the wrong shape is dropped");
    attacker.ws.close();
    watcher.close();
    victim.close();
  });

  it("still loads after everyone has left, in the export and the obstacle list, and after a restart", async () => {
    const expected = (await freshSync(reader)).print;
    await new Promise((r) => setTimeout(r, 300));
    const exported = await fetch(`${base}/n/ukraina/maps/${mapId}/export.json`, { headers: { cookie: reader } });
    assert.equal(exported.status, 200);
    assert.ok(Object.keys(((await exported.json()) as { nodes: object }).nodes).length > 5);
    assert.equal((await fetch(`${base}/n/ukraina/maps/obstacles`, { headers: { cookie: reader } })).status, 200);
    await stop();
    await start();
    assert.equal((await freshSync(reader)).print, expected, "the same document after a restart");
  });

  it("isolates a map whose stored state is damaged, and a facilitator restores it with nothing deleted", async () => {
    // What the old server could store: a change Yjs takes, but that cannot be loaded again.
    const client = connect(base, `map:${otherMapId}`, editor);
    await client.synced;
    client.doc.getMap("nodes").set("foer-skaden", box("Før skaden"));
    await eventually(() => logRows(otherMapId) > 0, 5000, "the edit is stored");
    client.close();
    await stop();
    appendUpdate(`map:${otherMapId}`, encodeUpdate(990_300, 0, [{ content: { gc: 0 } }]));
    await start();
    const [editorNow, facilitatorNow, readerNow] = await Promise.all([
      signInCookie(base, "representant@nav.example"),
      signInCookie(base, "fasilitator@digdir.example"),
      signInCookie(base, "leder@imdi.example"),
    ]);

    const upgrade = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/realtime/map:${otherMapId}`, { headers: { cookie: editorNow } });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
      ws.on("error", () => {});
    });
    assert.equal(upgrade, 409, "the damaged map's socket is refused");
    const page = await (await fetch(`${base}/n/ukraina/maps/${otherMapId}`, { headers: { cookie: readerNow } })).text();
    assert.match(page, /Kartet kan ikke åpnes/);
    assert.match(page, /En fasilitator i nettverket kan gjenopprette kartet/);
    const obstacles = await fetch(`${base}/n/ukraina/maps/obstacles`, { headers: { cookie: readerNow } });
    assert.equal(obstacles.status, 200, "the obstacle list still answers");
    assert.match(await obstacles.text(), /Et annet kart/, "and names the map it could not read");
    const broken = await fetch(`${base}/n/ukraina/maps/${otherMapId}/export.json`, { headers: { cookie: readerNow } });
    assert.equal(broken.status, 409);
    assert.match(await broken.text(), /Kartet er skadet/);
    assert.equal(
      (await fetch(`${base}/n/ukraina/maps/${mapId}/export.json`, { headers: { cookie: readerNow } })).status,
      200,
      "the other maps export as before",
    );
    assert.equal((await fetch(`${base}/n/ukraina/maps`, { headers: { cookie: readerNow } })).status, 200);

    const refused = await fetch(`${base}/n/ukraina/maps/${otherMapId}`, {
      method: "POST",
      headers: { cookie: editorNow, Origin: base },
      body: new URLSearchParams({ intent: "restore", versionId: "latest" }),
    });
    assert.equal(refused.status, 403, "a representative may not restore");
    const facilitatorPage = await (await fetch(`${base}/n/ukraina/maps/${otherMapId}`, { headers: { cookie: facilitatorNow } })).text();
    assert.match(facilitatorPage, /Gjenopprett det som lar seg åpne/);
    const restored = await fetch(`${base}/n/ukraina/maps/${otherMapId}`, {
      method: "POST",
      headers: { cookie: facilitatorNow, Origin: base },
      body: new URLSearchParams({ intent: "restore", versionId: "latest" }),
    });
    assert.equal(restored.status, 200);
    assert.match(await restored.text(), /Kartet er gjenopprettet/);

    const back = await freshSync(readerNow, otherMapId);
    assert.ok(back.doc.getMap("nodes").has("foer-skaden"), "what was there before the damage is back");
    const asideLog = db
      .select({ id: docUpdates.id })
      .from(docUpdates)
      .where(like(docUpdates.docName, `map:${otherMapId}:damaged:%`))
      .all();
    const asideSnapshots = db
      .select({ id: docSnapshots.id })
      .from(docSnapshots)
      .where(like(docSnapshots.docName, `map:${otherMapId}:damaged:%`))
      .all();
    assert.ok(asideLog.length >= 1 && asideSnapshots.length >= 1, "the damaged log and snapshot are kept aside, not deleted");
    assert.ok(
      db
        .select()
        .from(docSnapshots)
        .where(and(eq(docSnapshots.docName, `map:${otherMapId}`), eq(docSnapshots.kind, "compaction")))
        .get(),
      "the restored state is stored",
    );
  });
});
