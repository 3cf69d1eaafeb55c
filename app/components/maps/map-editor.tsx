import { Alert } from "@digdir/designsystemet-react";
import { Background, Controls, ReactFlow, type Connection, type NodeChange, type ReactFlowInstance } from "@xyflow/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-t";
import type { MapJson, NewNode } from "~/utils/map-model";
import { exportImage } from "./export-image";
import { useReadableFirstView } from "./first-view";
import { toFlowEdges, toFlowNodes } from "./flow-model";
import { MapLegend } from "./map-legend";
import { MapPanel } from "./map-panel";
import { MapToolbar } from "./map-toolbar";
import { nodeTypes } from "./node-views";
import type { ObstacleMeasures } from "./obstacle-notice";
import { PeerCursor } from "./peer-cursor";
import { useMapDoc } from "./use-map-doc";
import { useVersionRestore, type RestoreRequest } from "./use-version-restore";

interface Props {
  mapId: number;
  title: string;
  canEdit: boolean;
  me: { name: string; agency: string | null };
  agencies: string[];
  /** Show a saved version instead of the live document: read-only, not connected. */
  snapshot?: MapJson;
  /** A saved version to restore into the live document once it has arrived, as one undoable change. */
  restore?: RestoreRequest;
  /** Measures made of this map's obstacles, by element id, with the network's address for links. */
  obstacleMeasures?: ObstacleMeasures;
}

/**
 * The service-chain map editor: React Flow on a Yjs document shared over the y-websocket protocol.
 * Everyone sees edits at once, who is here, their cursors and selections; undo and redo touch only
 * one's own changes; edits made while offline merge when the connection returns.
 */
export function MapEditor({ mapId, title, canEdit: mayEdit, me, agencies, snapshot, restore, obstacleMeasures }: Props) {
  const canEdit = mayEdit && !snapshot;
  const { t } = useI18n();
  const { content, edits, undoManager, synced, peers, setPresence, connection, offline } = useMapDoc({ mapId, me, snapshot });
  const [selection, setSelection] = useState<string | null>(null);
  const [flow, setFlow] = useState<ReactFlowInstance | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const panelRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  // Sizes React Flow measured (handed back with every node, see toFlowNodes), and when a drag last went out.
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const lastDragSend = useRef(0);
  useVersionRestore(restore, synced && canEdit, edits.replaceContent);
  useReadableFirstView(flow, synced, canvasRef);

  const nodes = useMemo(
    () => toFlowNodes(content, { t, selection, canEdit, peers, measured: measured.current }),
    [content, t, selection, canEdit, peers],
  );
  const edges = useMemo(() => toFlowEdges(content, { t, selection }), [content, t, selection]);

  const select = useCallback(
    (id: string | null) => {
      setSelection(id);
      setPresence("selected", id ? [id] : []);
    },
    [setPresence],
  );

  const removeNode = useCallback(
    (id: string) => {
      const removed = edits.removeNode(id);
      if (!removed) return;
      if (selection === id) select(null);
      // The deleted box (or its panel) had the focus: keep the keyboard user in the map's panel.
      setAnnouncement(t("maps.removed", { label: removed.label }));
      panelRef.current?.focus();
    },
    [edits, selection, select, t],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      for (const c of changes) {
        if (c.type === "dimensions" && c.dimensions) measured.current.set(c.id, c.dimensions);
        if (c.type === "select" && c.selected) select(c.id);
        if (!canEdit) continue;
        if (c.type === "position" && c.position && edits.hasNode(c.id)) {
          // While dragging, at most ~10 updates a second; the last position always goes out.
          const now = Date.now();
          if (c.dragging && now - lastDragSend.current < 100) continue;
          lastDragSend.current = now;
          edits.moveNode(c.id, c.position.x, c.position.y);
        }
        if (c.type === "remove") removeNode(c.id);
      }
    },
    [edits, canEdit, select, removeNode],
  );

  const onConnect = useCallback(
    ({ source, target }: Connection) => {
      if (canEdit && source && target) edits.connect(source, target);
    },
    [edits, canEdit],
  );

  function addNode(node: NewNode) {
    const id = edits.addNode(node, measured.current);
    select(id);
    const stage = content.stages[node.stageIndex]?.name ?? "";
    setAnnouncement(t("maps.added", { label: node.label, kind: t(`maps.kind.${node.kind}`), stage }));
  }

  return (
    <div className="map-editor">
      <MapToolbar
        connection={connection}
        canEdit={canEdit}
        onUndo={() => undoManager.undo()}
        onRedo={() => undoManager.redo()}
        onExportImage={(kind) => void exportImage(flow, mapId, kind)}
        me={me.name}
        peers={peers}
      />
      {offline ? (
        <Alert data-color="warning" role="alert">
          {t("maps.offlineHelp")}
        </Alert>
      ) : null}
      <MapLegend />
      <div className="map-layout">
        <div
          ref={canvasRef}
          className="map-canvas"
          onMouseMove={(e) => {
            if (!flow) return;
            const point = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
            setPresence("cursor", { x: Math.round(point.x), y: Math.round(point.y) });
          }}
          onMouseLeave={() => setPresence("cursor", null)}
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
            onEdgesDelete={(list) => canEdit && edits.removeEdges(list.map((e) => e.id))}
            // The first view is placed by useReadableFirstView once the map is in, not fitted to whatever is drawn first.
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
        <MapPanel
          panelRef={panelRef}
          announcement={announcement}
          canEdit={canEdit}
          content={content}
          agencies={agencies}
          selection={selection}
          obstacleMeasures={obstacleMeasures}
          edits={edits}
          onAdd={addNode}
          onRemoveNode={removeNode}
          onDeselect={() => select(null)}
        />
      </div>
    </div>
  );
}
