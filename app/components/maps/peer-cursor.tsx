import type { ReactFlowInstance } from "@xyflow/react";
import type { Peer } from "./presence";

/** Another person's cursor on the canvas, with their name, in their colour. */
export function PeerCursor({ peer, flow }: { peer: Peer; flow: ReactFlowInstance | null }) {
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
