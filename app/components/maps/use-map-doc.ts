import { useCallback, useEffect, useMemo, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { mapDocName } from "~/utils/map-doc-name";
import { fillFromJson, parts, readContent, type MapContent, type MapJson } from "~/utils/map-model";
import { SILENT_AFTER_MS } from "~/utils/realtime-heartbeat";
import { mapEdits } from "./map-edits";
import { colorOf, peersOf, type AwarenessState, type Peer } from "./presence";

export type ConnectionStatus = "connecting" | "connected" | "disconnected";

/** What the editor says about its link: in step, loading the map, connecting, or offline (edits kept). */
export type Connection = "connected" | "loading" | "connecting" | "offline";

export function connectionOf({ status, synced, inSync }: { status: ConnectionStatus; synced: boolean; inSync: boolean }): Connection {
  if (status === "connected" && inSync) return "connected";
  if (status === "connected" && !synced) return "loading";
  if (status === "connecting" && !synced) return "connecting";
  return "offline";
}

/** Explain that edits are kept while offline: once the map was loaded, or when the link is down. */
export function offlineHelpShown({ status, synced, inSync }: { status: ConnectionStatus; synced: boolean; inSync: boolean }) {
  return !(status === "connected" && inSync) && (status === "disconnected" || synced);
}

interface Options {
  mapId: number;
  me: { name: string; agency: string | null };
  /** A saved version to show instead of the live document: filled in once, never connected. */
  snapshot?: MapJson;
}

/**
 * A map's shared Yjs document and its connection: the y-websocket provider with a heartbeat
 * watchdog, presence (who is here, their cursors and selections), the document's content as the
 * editor draws it, its edits, and an undo manager that takes back only this browser's own changes.
 * Edits made while offline stay and merge on reconnecting.
 */
export function useMapDoc({ mapId, me, snapshot }: Options) {
  const [doc] = useState(() => new Y.Doc());
  // Marks this browser's transactions, so undo touches only them.
  const [origin] = useState(() => ({ local: true }));
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  // The document has been loaded once (stays true through later disconnects).
  const [synced, setSynced] = useState(false);
  // In step with the server now.
  const [inSync, setInSync] = useState(false);
  const [content, setContent] = useState<MapContent>(() => readContent(doc));
  const [peers, setPeers] = useState<Peer[]>([]);
  const undoManager = useMemo(() => {
    const p = parts(doc);
    return new Y.UndoManager([p.nodes, p.edges, p.stages], { trackedOrigins: new Set([origin]), captureTimeout: 400 });
  }, [doc, origin]);

  useEffect(() => {
    const read = () => setContent(readContent(doc));
    doc.on("update", read);
    read();
    return () => doc.off("update", read);
  }, [doc]);

  useEffect(() => {
    if (!snapshot) return;
    fillFromJson(doc, snapshot);
    setStatus("connected");
    setSynced(true);
  }, [doc, snapshot]);

  useEffect(() => {
    if (snapshot) return;
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/realtime`;
    const p = new WebsocketProvider(url, mapDocName(mapId), doc, { maxBackoffTime: 2500 });
    p.awareness.setLocalStateField("user", { name: me.name, agency: me.agency, color: colorOf(doc.clientID) });
    let openedAt = 0;
    p.on("status", ({ status }: { status: ConnectionStatus }) => {
      setStatus(status);
      if (status === "connected") openedAt = Date.now();
    });
    p.on("sync", (s: boolean) => {
      setInSync(s);
      if (s) setSynced(true);
    });
    // A dead link sends no close: when the server's heartbeat has not been heard for a few seconds,
    // the link is given up, which shows "offline" and starts reconnecting (edits stay and merge).
    const watchdog = window.setInterval(() => {
      if (!p.wsconnected) return;
      const silent = Date.now() - p.wsLastMessageReceived > SILENT_AFTER_MS;
      const neverSynced = !p.synced && Date.now() - openedAt > SILENT_AFTER_MS;
      if (!silent && !neverSynced) return;
      // disconnect() gives the socket up at once (a close on a dead link could wait for minutes).
      p.disconnect();
      p.connect();
    }, 1_000);
    const onAwareness = () => setPeers(peersOf(p.awareness.getStates(), doc.clientID));
    p.awareness.on("change", onAwareness);
    setProvider(p);
    return () => {
      p.awareness.off("change", onAwareness);
      window.clearInterval(watchdog);
      p.destroy();
    };
  }, [doc, mapId, me.name, me.agency, snapshot]);

  // Each edit is one transaction of this browser's: undoable here, seen by everyone.
  const edits = useMemo(() => mapEdits(doc, (fn) => doc.transact(fn, origin)), [doc, origin]);

  /** Tell the others where this browser's cursor is and what it has selected. */
  const setPresence = useCallback(
    <K extends "cursor" | "selected">(field: K, value: AwarenessState[K]) => provider?.awareness.setLocalStateField(field, value),
    [provider],
  );

  const link = { status, synced, inSync };
  return {
    content,
    edits,
    undoManager,
    synced,
    peers,
    setPresence,
    /** How the link is, for the toolbar; null when showing a saved version (never connected). */
    connection: snapshot ? null : connectionOf(link),
    offline: !snapshot && offlineHelpShown(link),
  };
}
