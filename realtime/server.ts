import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket, WebSocketServer } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { DamagedMapError } from "../app/models/errors.server";
import { openMapDoc, touchMap, type MapAccess } from "../app/models/maps.server";
import { GuardedDoc, type GuardResult } from "../app/utils/map-update-guard";
import { logger } from "../app/utils/logger.server";
import { takeRateLimit } from "../app/utils/rate-limit.server";
import { loadConfig, type Config } from "../app/utils/config.server";
import { accessToMap, originAllowed, parseDocName, upgradeRateKey, upgradeUser } from "./access";
import { appendUpdate, compact, pendingUpdateCount } from "./persistence";
import { filterPresence } from "./presence";
import { HEARTBEAT_MS } from "../app/utils/realtime-heartbeat";

/**
 * The realtime endpoint: the y-websocket protocol (y-protocols sync + awareness) on
 * /realtime/map:<id>, so the stock y-websocket client works. Access is checked before the socket
 * opens; a read-only member's document updates are dropped (their presence still flows). Every
 * update passes the gate (app/utils/map-update-guard.ts) whole or not at all, and is written to
 * SQLite before it is sent to anyone. Presence is checked too (presence.ts).
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** Largest message accepted; a bigger frame closes that connection only, with 1009 (ws does this). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A read-only member whose client keeps sending document changes is disconnected after this many. */
const MAX_DROPPED_UPDATES = 20;
/** Updates that depend on what the server lacks, per connection, before it is closed. */
const MAX_INCOMPLETE_UPDATES = 20;
/** The update log is folded into a snapshot after this many updates (and when the last client leaves). */
const COMPACT_AFTER = 500;
/** Close codes: a message that is not the protocol; an update the gate refused (whole). */
export const CLOSE_MALFORMED = 1003;
export const CLOSE_REFUSED = 1007;

interface Connection {
  access: MapAccess;
  user: { name: string; agency: string | null };
  awarenessIds: Set<number>;
  dropped: number;
  incomplete: number;
}

class Room {
  /** The accepted document behind its gate: what is stored, served to newcomers and compacted. */
  private guarded: GuardedDoc;
  /** Presence is not part of the document: it has a document of its own for its client id. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly connections = new Map<WebSocket, Connection>();
  private sinceCompaction: number;
  private touchedAt = 0;
  private compactionQueued = false;

  constructor(
    readonly docName: string,
    readonly mapId: number,
  ) {
    // Throws DamagedMapError for a map whose stored state cannot be loaded: no room is made.
    // A refused update makes the gate load the document again from storage, which holds exactly
    // what was accepted.
    this.guarded = new GuardedDoc(openMapDoc(mapId), () => openMapDoc(mapId));
    this.sinceCompaction = pendingUpdateCount(docName);
    this.awareness.setLocalState(null);
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed];
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(message, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.broadcast(encoding.toUint8Array(message));
    });
  }

  get doc() {
    return this.guarded.doc;
  }

  /** An update from a member who may write: through the gate, then stored, then sent to everyone. */
  receive(socket: WebSocket, connection: Connection, update: Uint8Array) {
    let result: GuardResult;
    try {
      result = this.guarded.apply(update);
    } catch (error) {
      // Loading the document again failed: its stored state is unreadable. Nobody may go on
      // editing a copy that cannot be stored.
      logger.error({ err: error, doc: this.docName }, "realtime: document could not be loaded again; closing its connections");
      for (const other of this.connections.keys()) other.close(1011, "document unavailable");
      return;
    }
    switch (result.kind) {
      case "accepted":
        this.commit(result.update);
        return;
      case "unchanged":
        return;
      case "incomplete":
        // Ask the sender for what we lack (a sync step 1 makes it send the rest); a client that
        // keeps sending what cannot be placed is closed.
        if (++connection.incomplete > MAX_INCOMPLETE_UPDATES) {
          logger.warn(
            { doc: this.docName, userId: connection.access.user.id },
            "realtime: updates kept depending on what does not exist; closed",
          );
          socket.close(1008, "incomplete updates");
          return;
        }
        send(socket, syncStep1(this.doc));
        return;
      case "refused":
        logger.warn({ doc: this.docName, userId: connection.access.user.id, reason: result.reason }, "realtime: update refused; closed");
        socket.close(CLOSE_REFUSED, "update refused");
    }
  }

  /** Durable first, then fan out: what anyone has seen survives a crash. */
  private commit(update: Uint8Array) {
    appendUpdate(this.docName, update);
    // "Last changed" on the map list needs minutes, not milliseconds: one write per 10 s at most.
    if (Date.now() - this.touchedAt > 10_000) {
      this.touchedAt = Date.now();
      touchMap(this.mapId);
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE_SYNC);
    syncProtocol.writeUpdate(message, update);
    this.broadcast(encoding.toUint8Array(message));
    // Folding the log is housekeeping, not durability (the update is already logged): after the
    // broadcast, so the edit that crosses the line does not wait for it.
    if (++this.sinceCompaction >= COMPACT_AFTER && !this.compactionQueued) {
      this.compactionQueued = true;
      setImmediate(() => {
        this.compactionQueued = false;
        if (!this.doc.isDestroyed && this.sinceCompaction >= COMPACT_AFTER) this.compact();
      });
    }
  }

  compact() {
    if (!compact(this.docName, this.doc))
      logger.error({ doc: this.docName }, "realtime: snapshot did not load back equal; the log is kept as it is");
    this.sinceCompaction = 0;
  }

  broadcast(message: Uint8Array) {
    for (const socket of this.connections.keys()) send(socket, message);
  }

  ownerOf(clientId: number) {
    for (const connection of this.connections.values()) if (connection.awarenessIds.has(clientId)) return connection;
    return undefined;
  }

  destroy() {
    this.awareness.destroy();
    this.guarded.destroy();
  }
}

function syncStep1(doc: Y.Doc) {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(message, doc);
  return encoding.toUint8Array(message);
}

/** When each socket was last sent something, so the heartbeat only fills silences. */
const lastSent = new WeakMap<WebSocket, number>();

function send(socket: WebSocket, message: Uint8Array) {
  if (socket.readyState !== WebSocket.OPEN) return;
  lastSent.set(socket, Date.now());
  socket.send(message, (error) => error && socket.terminate());
}

/** A presence message naming no one: every client takes it and changes nothing. */
const HEARTBEAT = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  // An awareness update is a count of entries followed by the entries: here a count of zero.
  encoding.writeVarUint8Array(encoder, Uint8Array.of(0));
  return encoding.toUint8Array(encoder);
})();

export interface Realtime {
  close(): Promise<void>;
  rooms(): number;
}

export function attachRealtime(server: Server, config: Pick<Config, "publicUrl" | "trustProxy"> = loadConfig()): Realtime {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const rooms = new Map<string, Room>();

  // Heartbeats fill each connection's silences. Every fifth beat pings too: a socket that did not
  // answer the previous ping (a dead link on the browser's side) is ended, so its presence goes.
  const pinged = new WeakSet<WebSocket>();
  const answered = new WeakSet<WebSocket>();
  let beats = 0;
  const heartbeat = setInterval(() => {
    const now = Date.now();
    const ping = ++beats % 5 === 0;
    for (const room of rooms.values()) {
      for (const socket of room.connections.keys()) {
        if (now - (lastSent.get(socket) ?? 0) >= HEARTBEAT_MS - 100) send(socket, HEARTBEAT);
        if (!ping) continue;
        if (pinged.has(socket) && !answered.has(socket)) {
          socket.terminate();
          continue;
        }
        answered.delete(socket);
        pinged.add(socket);
        socket.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function roomFor(docName: string, mapId: number) {
    let room = rooms.get(docName);
    if (!room) {
      room = new Room(docName, mapId);
      rooms.set(docName, room);
    }
    return room;
  }

  function handleMessage(room: Room, socket: WebSocket, connection: Connection, data: Uint8Array) {
    const decoder = decoding.createDecoder(data);
    const kind = decoding.readVarUint(decoder);
    if (kind === MESSAGE_SYNC) {
      const type = decoding.readVarUint(decoder);
      if (type === syncProtocol.messageYjsSyncStep1) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(reply, room.doc, decoding.readVarUint8Array(decoder));
        send(socket, encoding.toUint8Array(reply));
      } else if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
        const update = decoding.readVarUint8Array(decoder);
        // Read-only members watch; what they send to the document is dropped, and a client that
        // keeps sending is closed (1008: policy).
        if (connection.access.canWrite) room.receive(socket, connection, update);
        else if (type === syncProtocol.messageYjsUpdate && ++connection.dropped > MAX_DROPPED_UPDATES) {
          logger.warn({ doc: room.docName, userId: connection.access.user.id }, "realtime: read-only member kept sending changes; closed");
          socket.close(1008, "read-only");
        }
      } else {
        throw new Error(`unknown sync message ${type}`);
      }
    } else if (kind === MESSAGE_AWARENESS) {
      const presence = filterPresence(decoding.readVarUint8Array(decoder), connection, (clientId) => room.ownerOf(clientId));
      if (!presence) return;
      for (const id of presence.clientIds) connection.awarenessIds.add(id);
      awarenessProtocol.applyAwarenessUpdate(room.awareness, presence.update, socket);
    } else {
      throw new Error(`unknown message ${kind}`);
    }
  }

  function closeConnection(room: Room, socket: WebSocket) {
    const connection = room.connections.get(socket);
    if (!connection) return;
    room.connections.delete(socket);
    awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.awarenessIds], null);
    if (room.connections.size === 0) {
      room.compact();
      room.destroy();
      rooms.delete(room.docName);
    }
  }

  function onConnection(socket: WebSocket, room: Room, access: MapAccess) {
    const connection: Connection = {
      access,
      user: { name: access.user.name, agency: access.user.agency },
      awarenessIds: new Set(),
      dropped: 0,
      incomplete: 0,
    };
    room.connections.set(socket, connection);
    socket.binaryType = "arraybuffer";
    socket.on("message", (data: ArrayBuffer | Buffer) => {
      try {
        handleMessage(room, socket, connection, new Uint8Array(data as ArrayBuffer));
      } catch {
        // A malformed message ends this connection only.
        logger.warn({ doc: room.docName, userId: connection.access.user.id }, "realtime: malformed message; closed");
        socket.close(CLOSE_MALFORMED, "malformed message");
      }
    });
    socket.on("pong", () => answered.add(socket));
    socket.on("close", () => closeConnection(room, socket));
    socket.on("error", () => socket.terminate());
    // Start the sync and tell the newcomer who is here.
    send(socket, syncStep1(room.doc));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) {
      const presence = encoding.createEncoder();
      encoding.writeVarUint(presence, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(presence, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
      send(socket, encoding.toUint8Array(presence));
    }
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (!path.startsWith("/realtime/")) return refuse(socket, 400, "Bad Request");
    const target = parseDocName(path);
    if (!target) return refuse(socket, 404, "Not Found");
    if (!originAllowed(request, config)) return refuse(socket, 403, "Forbidden");
    upgradeUser(request)
      .then((user) => {
        // Counted per account once the session is verified (per address without one), so writing
        // the same cookie differently opens no more sockets.
        const verdict = takeRateLimit("realtime", upgradeRateKey(request, user));
        if (!verdict.allowed)
          return refuse(socket, 429, "Too Many Requests", { "Retry-After": String(Math.ceil(verdict.retryAfterMs / 1000)) });
        // Not signed in, not a member, or no such map: all the same 404 to an outsider.
        if (!user) return refuse(socket, request.headers.cookie ? 404 : 401, request.headers.cookie ? "Not Found" : "Unauthorized");
        const access = accessToMap(user.id, target.mapId);
        if (!access) return refuse(socket, 404, "Not Found");
        let room: Room;
        try {
          room = roomFor(target.docName, target.mapId);
        } catch (error) {
          // A map whose stored state cannot be loaded stays closed; its page says so.
          if (error instanceof DamagedMapError) return refuse(socket, 409, "Conflict");
          throw error;
        }
        wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, room, access));
      })
      .catch((error: unknown) => {
        logger.error({ err: error, doc: target.docName }, "realtime: upgrade failed");
        refuse(socket, 500, "Internal Server Error");
      });
  });

  return {
    rooms: () => rooms.size,
    async close() {
      clearInterval(heartbeat);
      for (const room of rooms.values()) {
        room.compact();
        for (const socket of room.connections.keys()) socket.close(1001, "server shutting down");
        room.destroy();
      }
      rooms.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}) {
  logger.info({ status }, "realtime: upgrade refused");
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${extra}Content-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}
