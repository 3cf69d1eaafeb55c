import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
  type ReactFlowInstance,
  Handle,
  Position,
  getNodesBounds,
  getViewportForBounds,
} from "@xyflow/react";
import { Alert, Button, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { Link as RemixLink } from "@remix-run/react";
import { SILENT_AFTER_MS } from "~/utils/realtime-heartbeat";
import { SelectField } from "~/components/ui/select-field";
import { StagesPanel } from "~/components/maps/stages-panel";
import { useI18n } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n";
import {
  agencyColor,
  EDGE_KINDS,
  fillFromJson,
  LANES,
  LAYOUT,
  addStage,
  moveStage,
  NODE_KINDS,
  OBSTACLE_LEVELS,
  OBSTACLE_STATUSES,
  obstacleStatus,
  parts,
  removeStage,
  renameStage,
  freeSlotFor,
  stageIndexOf,
  stageList,
  type EdgeKind,
  type MapEdge,
  type MapJson,
  type MapNode,
  type NodeKind,
  type Obstacle,
  type ObstacleLevel,
  type Stage,
} from "~/utils/map-model";

interface Props {
  mapId: number;
  title: string;
  canEdit: boolean;
  me: { name: string; agency: string | null };
  agencies: string[];
  /** Show a saved version instead of the live document: read-only, not connected. */
  snapshot?: MapJson;
  /** A saved version to restore into the live document once it has arrived, as one undoable change. */
  restore?: { url: string; onDone: (name: string) => void };
  /** Measures made of this map's obstacles, by element id, with the network's address for links. */
  obstacleMeasures?: { slug: string; byElement: Record<string, ObstacleMeasureLink> };
}

interface ObstacleMeasureLink {
  id: number;
  title: string;
  phase: string;
}

interface Peer {
  clientId: number;
  name: string;
  agency: string | null;
  color: string;
  cursor?: { x: number; y: number } | null;
  selected?: string[];
}

// Dark enough for white text (WCAG AA) on the cursor labels.
const PEER_COLORS = ["#b3400b", "#2b6d33", "#5f3dc4", "#a61e4d", "#1864ab", "#8a5a00"];
const newId = () => Math.random().toString(36).slice(2, 10);

type MapNodeData = MapNode & { peers: Peer[]; kindLabel: string; obstacleLabel: string | null } & Record<string, unknown>;

/** A node on the map: its kind and agency in words (not colour alone), and an obstacle marker. */
function MapNodeView({ data, selected }: NodeProps<Node<MapNodeData>>) {
  const border = data.kind === "service" ? agencyColor(data.agency) : "#4b5563";
  return (
    <div
      className={`map-node map-node--${data.kind}${selected ? " map-node--selected" : ""}`}
      style={{ borderColor: border, boxShadow: data.peers.length ? `0 0 0 3px ${data.peers[0].color}` : undefined }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="map-node__kind" style={{ color: border }}>
        {data.kindLabel}
        {data.kind === "service" && data.agency ? ` · ${data.agency}` : ""}
      </div>
      <div className="map-node__label">{data.label}</div>
      {data.obstacleLabel ? (
        <div className="map-node__obstacle">
          <span aria-hidden="true">⚠</span> {data.obstacleLabel}
        </div>
      ) : null}
      {data.peers.length ? <div className="map-node__peers">{data.peers.map((p) => p.name).join(", ")}</div> : null}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function LaneView({ data }: NodeProps<Node<{ label: string; width: number }>>) {
  return (
    <div className="map-lane" style={{ width: data.width, height: LAYOUT.laneHeight - 6 }}>
      <span className="map-lane__label">{data.label}</span>
    </div>
  );
}

function StageView({ data }: NodeProps<Node<{ label: string }>>) {
  return <div className="map-stage">{data.label}</div>;
}

const nodeTypes = { map: MapNodeView, lane: LaneView, stage: StageView };

/**
 * The service-chain map editor: React Flow on a Yjs document shared over the y-websocket protocol.
 * Everyone sees edits at once, who is here, their cursors and selections; undo and redo touch only
 * one's own changes; edits made while offline merge when the connection returns.
 */
/** The smallest zoom the first view opens at: below it the boxes' type labels are too small to read. */
const READABLE_ZOOM = 0.85;

/**
 * The first view of a map: the whole map when it fits at a readable size, otherwise its start (the
 * journey's first stages, top left) at READABLE_ZOOM; the buttons and a pinch zoom out from there.
 */
function readableView(flow: ReactFlowInstance, canvas: HTMLElement | null) {
  const nodes = flow.getNodes();
  if (!canvas || nodes.length === 0) return;
  const bounds = getNodesBounds(nodes);
  const fitted = getViewportForBounds(bounds, canvas.clientWidth, canvas.clientHeight, 0.2, 1.5, 0.05);
  if (fitted.zoom >= READABLE_ZOOM) flow.setViewport(fitted);
  else flow.setViewport({ x: 16 - bounds.x * READABLE_ZOOM, y: 16 - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM });
}

export function MapEditor({ mapId, title, canEdit: mayEdit, me, agencies, snapshot, restore, obstacleMeasures }: Props) {
  const canEdit = mayEdit && !snapshot;
  const { t } = useI18n();
  const [doc] = useState(() => new Y.Doc());
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [status, setStatus] = useState<"connecting" | "connected" | "disconnected">("connecting");
  const [synced, setSynced] = useState(false);
  // In step with the server now (synced above stays true once the document has been loaded).
  const [inSync, setInSync] = useState(false);
  const [version, setVersion] = useState(0);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [selection, setSelection] = useState<string | null>(null);
  const [flow, setFlow] = useState<ReactFlowInstance | null>(null);
  const origin = useRef({ local: true }).current;
  const undoManager = useMemo(() => {
    const p = parts(doc);
    return new Y.UndoManager([p.nodes, p.edges, p.stages], { trackedOrigins: new Set([origin]), captureTimeout: 400 });
  }, [doc, origin]);
  const lastDragSend = useRef(0);
  const [announcement, setAnnouncement] = useState("");
  const panelRef = useRef<HTMLElement>(null);
  // Sizes React Flow measured, handed back with every node we derive from the document. Without them
  // each remote edit would reset every node to "unmeasured" (hidden until re-measured, handles lost).
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const canvasRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!snapshot) return;
    fillFromJson(doc, snapshot);
    setStatus("connected");
    setSynced(true);
    setVersion((v) => v + 1);
  }, [doc, snapshot]);

  useEffect(() => {
    if (snapshot) return;
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/realtime`;
    const p = new WebsocketProvider(url, `map:${mapId}`, doc, { maxBackoffTime: 2500 });
    const color = PEER_COLORS[doc.clientID % PEER_COLORS.length];
    p.awareness.setLocalStateField("user", { name: me.name, agency: me.agency, color });
    p.on("status", ({ status }: { status: "connected" | "disconnected" | "connecting" }) => setStatus(status));
    let openedAt = 0;
    p.on("status", ({ status }: { status: string }) => status === "connected" && (openedAt = Date.now()));
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
    const onAwareness = () => {
      const list: Peer[] = [];
      p.awareness.getStates().forEach((state, clientId) => {
        if (clientId === doc.clientID || !state.user) return;
        list.push({ clientId, ...state.user, cursor: state.cursor ?? null, selected: state.selected ?? [] });
      });
      setPeers(list);
    };
    p.awareness.on("change", onAwareness);
    const bump = () => setVersion((v) => v + 1);
    doc.on("update", bump);
    setProvider(p);
    return () => {
      doc.off("update", bump);
      p.awareness.off("change", onAwareness);
      window.clearInterval(watchdog);
      p.destroy();
    };
  }, [doc, mapId, me.name, me.agency, snapshot]);

  // Restoring a version: replace the content in one transaction of ours, so it is a new change that
  // everyone sees (and that can be undone), not a rewrite of history.
  const restored = useRef(false);
  useEffect(() => {
    if (!restore || !synced || !canEdit || restored.current) return;
    restored.current = true;
    fetch(restore.url)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((version: { name: string; json: MapJson }) => {
        const p = parts(doc);
        doc.transact(() => {
          p.stages.delete(0, p.stages.length);
          p.stages.push(version.json.stages);
          for (const id of [...p.nodes.keys()]) if (!(id in version.json.nodes)) p.nodes.delete(id);
          for (const [id, node] of Object.entries(version.json.nodes)) p.nodes.set(id, node);
          for (const id of [...p.edges.keys()]) if (!(id in version.json.edges)) p.edges.delete(id);
          for (const [id, edge] of Object.entries(version.json.edges)) p.edges.set(id, edge);
        }, origin);
        restore.onDone(version.name);
      })
      .catch(() => {
        restored.current = false;
      });
  }, [restore, synced, canEdit, doc, origin]);

  async function exportImage(kind: "png" | "svg") {
    const viewport = document.querySelector<HTMLElement>(".map-canvas .react-flow__viewport");
    if (!viewport || !flow) return;
    const { toPng, toSvg } = await import("html-to-image");
    const bounds = getNodesBounds(flow.getNodes());
    const width = Math.ceil(bounds.width + 80);
    const height = Math.ceil(bounds.height + 80);
    const view = getViewportForBounds(bounds, width, height, 0.1, 2, 0.05);
    const options = {
      backgroundColor: "#ffffff",
      width,
      height,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` },
    };
    const dataUrl = kind === "png" ? await toPng(viewport, options) : await toSvg(viewport, options);
    const a = document.createElement("a");
    a.href = dataUrl;
    a.download = `kart-${mapId}.${kind}`;
    a.click();
  }

  // Once the document has arrived, show all of it.
  useEffect(() => {
    if (!synced || !flow) return;
    // Once React Flow has measured the boxes (a few frames), so the view fits what is drawn.
    let frames = 0;
    let frame = 0;
    const place = () => {
      const drawn = flow.getNodes();
      if (drawn.some((n) => !n.measured?.width) && frames++ < 60) frame = requestAnimationFrame(place);
      else readableView(flow, canvasRef.current);
    };
    frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [synced, flow]);

  const p = parts(doc);
  const stages: Stage[] = stageList(doc);
  const width = LAYOUT.laneLabelWidth + Math.max(stages.length, 1) * LAYOUT.stageWidth;

  const nodes: Node[] = useMemo(() => {
    const list: Node[] = [];
    LANES.forEach((lane, i) =>
      list.push({
        id: `lane-${lane}`,
        type: "lane",
        position: { x: 0, y: LAYOUT.headerHeight + i * LAYOUT.laneHeight },
        data: { label: t(`maps.lane.${lane}` as MessageKey), width },
        measured: measured.current.get(`lane-${lane}`),
        draggable: false,
        selectable: false,
        focusable: false,
        zIndex: -1,
      }),
    );
    stages.forEach((stage, i) =>
      list.push({
        id: `stage-${stage.id}`,
        type: "stage",
        position: { x: LAYOUT.laneLabelWidth + i * LAYOUT.stageWidth, y: 0 },
        data: { label: stage.name },
        measured: measured.current.get(`stage-${stage.id}`),
        draggable: false,
        selectable: false,
        focusable: false,
      }),
    );
    p.nodes.forEach((node, id) => {
      const obstacle = node.obstacle ? `${t(`maps.level.${node.obstacle.level}` as MessageKey)}: ${node.obstacle.description}` : null;
      list.push({
        id,
        type: "map",
        position: { x: node.x, y: node.y },
        data: {
          ...node,
          kindLabel: t(`maps.kind.${node.kind}` as MessageKey),
          obstacleLabel: obstacle,
          peers: peers.filter((peer) => peer.selected?.includes(id)),
        },
        measured: measured.current.get(id),
        selected: selection === id,
        draggable: canEdit,
        ariaLabel: `${t(`maps.kind.${node.kind}` as MessageKey)}: ${node.label}${node.agency ? ` (${node.agency})` : ""}${obstacle ? `. ${t("maps.obstacle")}: ${obstacle}` : ""}`,
      });
    });
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, peers, selection, canEdit, width, t]);

  const edges: Edge[] = useMemo(() => {
    const list: Edge[] = [];
    p.edges.forEach((edge, id) => {
      const obstacle = edge.obstacle ? ` ⚠ ${t(`maps.level.${edge.obstacle.level}` as MessageKey)}` : "";
      list.push({
        id,
        source: edge.source,
        target: edge.target,
        // Only what the arrow says: its kind is in its line (solid or dashed, see the legend).
        label: `${edge.label}${obstacle}`.trim() || undefined,
        animated: edge.kind === "dataflow",
        style: edge.kind === "dataflow" ? { strokeDasharray: "6 4" } : undefined,
        markerEnd: { type: MarkerType.ArrowClosed },
        selected: selection === id,
        ariaLabel: `${t(`maps.edge.${edge.kind}` as MessageKey)}: ${p.nodes.get(edge.source)?.label ?? ""} → ${p.nodes.get(edge.target)?.label ?? ""}${obstacle}`,
      });
    });
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, selection, t]);

  const change = useCallback((fn: () => void) => doc.transact(fn, origin), [doc, origin]);

  const select = useCallback(
    (id: string | null) => {
      setSelection(id);
      provider?.awareness.setLocalStateField("selected", id ? [id] : []);
    },
    [provider],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      for (const c of changes) {
        if (c.type === "dimensions" && c.dimensions) measured.current.set(c.id, c.dimensions);
        if (c.type === "select" && c.selected) select(c.id);
        if (!canEdit) continue;
        if (c.type === "position" && c.position && p.nodes.has(c.id)) {
          // While dragging, at most ~10 updates a second; the last position always goes out.
          const now = Date.now();
          if (c.dragging && now - lastDragSend.current < 100) continue;
          lastDragSend.current = now;
          const node = p.nodes.get(c.id)!;
          change(() => p.nodes.set(c.id, { ...node, x: Math.round(c.position!.x), y: Math.round(c.position!.y) }));
        }
        if (c.type === "remove" && p.nodes.has(c.id)) removeNode(c.id);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canEdit, change, select],
  );

  function removeNode(id: string) {
    const label = p.nodes.get(id)?.label ?? "";
    change(() => {
      p.nodes.delete(id);
      p.edges.forEach((edge, edgeId) => {
        if (edge.source === id || edge.target === id) p.edges.delete(edgeId);
      });
    });
    if (selection === id) select(null);
    // The deleted box (or its panel) had the focus: keep the keyboard user in the map's panel.
    setAnnouncement(t("maps.removed", { label }));
    panelRef.current?.focus();
  }

  const onConnect = useCallback(
    (c: Connection) => {
      if (!canEdit || !c.source || !c.target) return;
      const kind: EdgeKind = p.nodes.get(c.source)?.kind === "data" || p.nodes.get(c.target)?.kind === "data" ? "dataflow" : "triggers";
      change(() => p.edges.set(newId(), { source: c.source!, target: c.target!, kind, label: "" }));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canEdit, change],
  );

  function addNode(kind: NodeKind, label: string, stageIndex: number, agency?: string) {
    const id = newId();
    change(() =>
      p.nodes.set(id, {
        kind,
        label,
        ...freeSlotFor(
          kind,
          stageIndex,
          [...p.nodes.entries()].map(([nodeId, n]) => ({ x: n.x, y: n.y, ...measured.current.get(nodeId) })),
        ),
        ...(kind === "service" && agency ? { agency } : {}),
        obstacle: null,
      }),
    );
    select(id);
    setAnnouncement(t("maps.added", { label, kind: t(`maps.kind.${kind}` as MessageKey), stage: stages[stageIndex]?.name ?? "" }));
    return id;
  }

  const measureOf = (elementId: string): MeasureOfObstacle | null => {
    const found = obstacleMeasures?.byElement[elementId];
    return found && obstacleMeasures ? { ...found, href: `/n/${obstacleMeasures.slug}/measures/${found.id}` } : null;
  };
  const selectedNode = selection ? p.nodes.get(selection) : undefined;
  const selectedEdge = selection ? p.edges.get(selection) : undefined;

  return (
    <div className="map-editor">
      <div className="map-toolbar" role="toolbar" aria-label={t("maps.toolbar")}>
        {snapshot ? null : (
          <span role="status" className="map-status" data-testid="connection-status">
            {status === "connected" && inSync ? (
              <Tag data-color="success">{t("maps.connected")}</Tag>
            ) : status === "connected" && !synced ? (
              <Tag data-color="info">{t("common.loading")}</Tag>
            ) : status === "connecting" && !synced ? (
              <Tag data-color="info">{t("maps.connecting")}</Tag>
            ) : (
              <Tag data-color="danger">{t("maps.offline")}</Tag>
            )}
          </span>
        )}
        {canEdit ? (
          <>
            <Button type="button" variant="secondary" data-size="sm" onClick={() => undoManager.undo()}>
              {t("maps.undo")}
            </Button>
            <Button type="button" variant="secondary" data-size="sm" onClick={() => undoManager.redo()}>
              {t("maps.redo")}
            </Button>
          </>
        ) : (
          <Tag data-color="neutral">{t("maps.readOnly")}</Tag>
        )}
        <span className="row" style={{ alignItems: "center", gap: "0.5rem" }}>
          {t("maps.export")}:
          {snapshot ? null : (
            <Button asChild variant="tertiary" data-size="sm">
              <a href={`${typeof window === "undefined" ? "" : window.location.pathname}/export.json`} download>
                {t("maps.exportJson")}
              </a>
            </Button>
          )}
          <Button type="button" variant="tertiary" data-size="sm" onClick={() => void exportImage("png")}>
            {t("maps.exportPng")}
          </Button>
          <Button type="button" variant="tertiary" data-size="sm" onClick={() => void exportImage("svg")}>
            {t("maps.exportSvg")}
          </Button>
        </span>
        {snapshot ? null : (
          <span className="map-peers" aria-label={t("maps.here")} data-testid="peers">
            {t("maps.here")}: <strong>{me.name}</strong>
            {peers.map((peer) => (
              <span key={peer.clientId} className="map-peer" style={{ borderColor: peer.color }}>
                {peer.name}
                {peer.agency ? ` (${peer.agency})` : ""}
              </span>
            ))}
          </span>
        )}
      </div>
      {!(status === "connected" && inSync) && !snapshot && (status === "disconnected" || synced) ? (
        <Alert data-color="warning" role="alert">
          {t("maps.offlineHelp")}
        </Alert>
      ) : null}
      <p className="map-legend" data-testid="map-legend">
        <span>
          <svg width="36" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="36" y2="4" stroke="#4b5563" strokeWidth="2" />
          </svg>{" "}
          {t("maps.edge.triggers")}
        </span>
        <span>
          <svg width="36" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="36" y2="4" stroke="#4b5563" strokeWidth="2" strokeDasharray="6 4" />
          </svg>{" "}
          {t("maps.edge.dataflow")}
        </span>
      </p>
      <div className="map-layout">
        <div
          ref={canvasRef}
          className="map-canvas"
          onMouseMove={(e) => {
            if (!flow || !provider) return;
            const point = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
            provider.awareness.setLocalStateField("cursor", { x: Math.round(point.x), y: Math.round(point.y) });
          }}
          onMouseLeave={() => provider?.awareness.setLocalStateField("cursor", null)}
        >
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onInit={setFlow}
            onNodesChange={onNodesChange}
            onConnect={onConnect}
            onEdgeClick={(_, edge) => select(edge.id)}
            onPaneClick={() => select(null)}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            elementsSelectable
            deleteKeyCode={canEdit ? ["Delete", "Backspace"] : null}
            onEdgesDelete={(list) => canEdit && change(() => list.forEach((e) => p.edges.delete(e.id)))}
            // The first view is placed by readableView once the map is in, not fitted to whatever is drawn first.
            // The mouse wheel scrolls the page, as everywhere else; zoom with the buttons or a pinch.
            zoomOnScroll={false}
            preventScrolling={false}
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
            aria-label={t("maps.canvas", { title })}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            {peers
              .filter((peer) => peer.cursor)
              .map((peer) => (
                <PeerCursor key={peer.clientId} peer={peer} flow={flow} />
              ))}
          </ReactFlow>
        </div>
        <aside className="map-panel" aria-label={t("maps.panel")} ref={panelRef} tabIndex={-1}>
          <p role="status" className="visually-hidden">
            {announcement}
          </p>
          {canEdit ? <AddNodeForm stages={stages} agencies={agencies} onAdd={addNode} /> : null}
          {canEdit ? (
            <StagesPanel
              stages={stages}
              occupied={new Set([...p.nodes.values()].map((n) => stages[stageIndexOf(n)]?.id).filter((id): id is string => Boolean(id)))}
              onRename={(id, name) => change(() => renameStage(doc, id, name))}
              onMove={(id, to) => change(() => moveStage(doc, id, to))}
              onAdd={(name) => change(() => addStage(doc, newId(), name))}
              onRemove={(id) => change(() => removeStage(doc, id))}
            />
          ) : null}
          {selectedNode && selection ? (
            <NodePanel
              key={selection}
              id={selection}
              node={selectedNode}
              canEdit={canEdit}
              measure={measureOf(selection)}
              agencies={agencies}
              others={[...p.nodes.entries()].filter(([id]) => id !== selection).map(([id, n]) => ({ id, label: n.label }))}
              onSave={(next) => change(() => p.nodes.set(selection, next))}
              onDelete={() => removeNode(selection)}
              onConnect={(target, kind, label) => change(() => p.edges.set(newId(), { source: selection, target, kind, label }))}
            />
          ) : null}
          {selectedEdge && selection ? (
            <EdgePanel
              key={selection}
              edge={selectedEdge}
              canEdit={canEdit}
              nodes={p.nodes}
              measure={measureOf(selection)}
              onSave={(next) => change(() => p.edges.set(selection, next))}
              onDelete={() => {
                change(() => p.edges.delete(selection));
                select(null);
              }}
            />
          ) : null}
          {!selection ? (
            <Paragraph data-size="sm" className="muted">
              {t(canEdit ? "maps.selectHelp" : "maps.selectHelpReadOnly")}
            </Paragraph>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

function PeerCursor({ peer, flow }: { peer: Peer; flow: ReactFlowInstance | null }) {
  if (!flow || !peer.cursor) return null;
  const { x, y, zoom } = flow.getViewport();
  return (
    <div
      className="map-cursor"
      style={{ transform: `translate(${peer.cursor.x * zoom + x}px, ${peer.cursor.y * zoom + y}px)`, color: peer.color }}
      aria-hidden="true"
    >
      ▲ <span style={{ background: peer.color }}>{peer.name}</span>
    </div>
  );
}

function AddNodeForm({
  stages,
  agencies,
  onAdd,
}: {
  stages: Stage[];
  agencies: string[];
  onAdd: (kind: NodeKind, label: string, stage: number, agency?: string) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<NodeKind>("service");
  return (
    <form
      className="stack-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const label = String(form.get("label") ?? "")
          .trim()
          .slice(0, 120);
        if (!label) return;
        onAdd(kind, label, Number(form.get("stage") ?? 0), String(form.get("agency") ?? "") || undefined);
        e.currentTarget.reset();
      }}
    >
      <Heading level={2} data-size="2xs">
        {t("maps.addNode")}
      </Heading>
      <SelectField
        id="add-kind"
        name="kind"
        label={t("maps.nodeKind")}
        defaultValue={kind}
        options={NODE_KINDS.map((k) => ({ value: k, label: t(`maps.kind.${k}` as MessageKey) }))}
      />
      <KindWatcher onChange={setKind} />
      <Textfield id="add-label" name="label" label={t("maps.nodeLabel")} maxLength={120} />
      <SelectField id="add-stage" name="stage" label={t("maps.stage")} options={stages.map((s, i) => ({ value: i, label: s.name }))} />
      {kind === "service" ? (
        <SelectField
          id="add-agency"
          name="agency"
          label={t("maps.agency")}
          placeholder={t("maps.noAgency")}
          options={agencies.map((a) => ({ value: a, label: a }))}
        />
      ) : null}
      <div>
        <Button type="submit" data-size="sm">
          {t("maps.add")}
        </Button>
      </div>
    </form>
  );
}

/** Keeps the add form's kind in React state so the agency field shows for services only. */
function KindWatcher({ onChange }: { onChange: (kind: NodeKind) => void }) {
  useEffect(() => {
    const select = document.getElementById("add-kind") as HTMLSelectElement | null;
    if (!select) return;
    const handler = () => onChange(select.value as NodeKind);
    select.addEventListener("change", handler);
    return () => select.removeEventListener("change", handler);
  }, [onChange]);
  return null;
}

function NodePanel({
  id,
  node,
  canEdit,
  agencies,
  others,
  onSave,
  onDelete,
  onConnect,
  measure,
}: {
  id: string;
  node: MapNode;
  measure: MeasureOfObstacle | null;
  canEdit: boolean;
  agencies: string[];
  others: Array<{ id: string; label: string }>;
  onSave: (node: MapNode) => void;
  onDelete: () => void;
  onConnect: (target: string, kind: EdgeKind, label: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="stack-sm" data-testid="node-panel">
      <Heading level={2} data-size="2xs">
        {t(`maps.kind.${node.kind}` as MessageKey)}: {node.label}
      </Heading>
      {node.obstacle ? <ObstacleNotice obstacle={node.obstacle} measure={measure} /> : null}
      {canEdit ? (
        <>
          <form
            className="stack-sm"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const level = String(f.get("obstacleLevel") ?? "");
              onSave({
                ...node,
                label:
                  String(f.get("label") ?? node.label)
                    .trim()
                    .slice(0, 120) || node.label,
                agency: node.kind === "service" ? String(f.get("agency") ?? "") || undefined : undefined,
                obstacle: level
                  ? {
                      level: level as ObstacleLevel,
                      description: String(f.get("obstacleDescription") ?? "").slice(0, 500),
                      status: String(f.get("obstacleStatus") ?? "open") as Obstacle["status"],
                    }
                  : null,
              });
            }}
          >
            <Textfield id={`label-${id}`} name="label" label={t("maps.nodeLabel")} defaultValue={node.label} maxLength={120} />
            {node.kind === "service" ? (
              <SelectField
                id={`agency-${id}`}
                name="agency"
                label={t("maps.agency")}
                placeholder={t("maps.noAgency")}
                defaultValue={node.agency ?? ""}
                options={agencies.map((a) => ({ value: a, label: a }))}
              />
            ) : null}
            <ObstacleFields idPrefix={id} obstacle={node.obstacle} />
            <SaveDeleteButtons onDelete={onDelete} />
          </form>
          {others.length ? (
            <form
              className="stack-sm"
              onSubmit={(e) => {
                e.preventDefault();
                const f = new FormData(e.currentTarget);
                const target = String(f.get("target") ?? "");
                if (target) onConnect(target, String(f.get("kind") ?? "triggers") as EdgeKind, String(f.get("label") ?? "").slice(0, 80));
              }}
            >
              <Heading level={3} data-size="2xs">
                {t("maps.connect")}
              </Heading>
              <SelectField
                id={`target-${id}`}
                name="target"
                label={t("maps.connectTo")}
                placeholder={t("maps.chooseNode")}
                options={others.map((o) => ({ value: o.id, label: o.label }))}
              />
              <SelectField
                id={`ekind-${id}`}
                name="kind"
                label={t("maps.edgeKind")}
                options={EDGE_KINDS.map((k) => ({ value: k, label: t(`maps.edge.${k}` as MessageKey) }))}
              />
              <Textfield id={`elabel-${id}`} name="label" label={t("maps.edgeLabel")} maxLength={80} />
              <div>
                <Button type="submit" variant="secondary" data-size="sm">
                  {t("maps.connectButton")}
                </Button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function EdgePanel({
  edge,
  canEdit,
  nodes,
  onSave,
  onDelete,
  measure,
}: {
  edge: MapEdge;
  canEdit: boolean;
  nodes: Y.Map<MapNode>;
  onSave: (edge: MapEdge) => void;
  onDelete: () => void;
  measure: MeasureOfObstacle | null;
}) {
  const { t } = useI18n();
  return (
    <div className="stack-sm">
      <Heading level={2} data-size="2xs">
        {t(`maps.edge.${edge.kind}` as MessageKey)}: {nodes.get(edge.source)?.label} → {nodes.get(edge.target)?.label}
      </Heading>
      {edge.obstacle ? <ObstacleNotice obstacle={edge.obstacle} measure={measure} /> : null}
      {canEdit ? (
        <form
          className="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const level = String(f.get("obstacleLevel") ?? "");
            onSave({
              ...edge,
              kind: String(f.get("kind")) as EdgeKind,
              label: String(f.get("label") ?? "").slice(0, 80),
              obstacle: level
                ? {
                    level: level as ObstacleLevel,
                    description: String(f.get("obstacleDescription") ?? "").slice(0, 500),
                    status: String(f.get("obstacleStatus") ?? "open") as Obstacle["status"],
                  }
                : null,
            });
          }}
        >
          <SelectField
            id="edge-kind"
            name="kind"
            label={t("maps.edgeKind")}
            defaultValue={edge.kind}
            options={EDGE_KINDS.map((k) => ({ value: k, label: t(`maps.edge.${k}` as MessageKey) }))}
          />
          <Textfield id="edge-label" name="label" label={t("maps.edgeLabel")} defaultValue={edge.label} maxLength={80} />
          <ObstacleFields idPrefix="edge" obstacle={edge.obstacle} />
          <SaveDeleteButtons onDelete={onDelete} />
        </form>
      ) : null}
    </div>
  );
}

type MeasureOfObstacle = ObstacleMeasureLink & { href: string };

/** An obstacle as the side panel shows it: its level, its status (worked on once it has a measure) and the measure. */
function ObstacleNotice({ obstacle, measure }: { obstacle: Obstacle; measure: MeasureOfObstacle | null }) {
  const { t } = useI18n();
  return (
    <Alert data-color="warning" data-testid="obstacle-notice">
      {t("maps.obstacle")} ({t(`maps.level.${obstacle.level}` as MessageKey)},{" "}
      {t(`maps.obstacleStatus.${obstacleStatus(obstacle, measure)}` as MessageKey)}): {obstacle.description}
      {measure ? (
        <>
          <br />
          {t("maps.hasMeasure")}:{" "}
          <RemixLink to={measure.href} className="ds-link">
            {measure.title}
          </RemixLink>{" "}
          ({t(`phase.${measure.phase}` as MessageKey)})
        </>
      ) : null}
    </Alert>
  );
}

/** The obstacle of a box or an arrow: level (none = no obstacle), description and status. */
function ObstacleFields({ idPrefix, obstacle }: { idPrefix: string; obstacle: Obstacle | null | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        id={`level-${idPrefix}`}
        name="obstacleLevel"
        label={t("maps.obstacleLevel")}
        placeholder={t("maps.noObstacle")}
        defaultValue={obstacle?.level ?? ""}
        options={OBSTACLE_LEVELS.map((l) => ({ value: l, label: t(`maps.level.${l}` as MessageKey) }))}
      />
      <Textfield
        id={`desc-${idPrefix}`}
        name="obstacleDescription"
        label={t("maps.obstacleDescription")}
        defaultValue={obstacle?.description ?? ""}
        maxLength={500}
      />
      <SelectField
        id={`ostatus-${idPrefix}`}
        name="obstacleStatus"
        label={t("maps.obstacleStatusLabel")}
        defaultValue={obstacle?.status ?? "open"}
        options={OBSTACLE_STATUSES.map((s) => ({ value: s, label: t(`maps.obstacleStatus.${s}` as MessageKey) }))}
      />
    </>
  );
}

function SaveDeleteButtons({ onDelete }: { onDelete: () => void }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <Button type="submit" data-size="sm">
        {t("maps.save")}
      </Button>
      <Button type="button" variant="tertiary" data-color="danger" data-size="sm" onClick={onDelete}>
        {t("maps.delete")}
      </Button>
    </div>
  );
}
