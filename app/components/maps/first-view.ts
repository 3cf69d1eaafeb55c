import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from "@xyflow/react";
import { useEffect, type RefObject } from "react";

/** The smallest zoom the first view opens at: below it the boxes' type labels are too small to read. */
export const READABLE_ZOOM = 0.85;

/**
 * The first view of a map: the whole map when it fits at a readable size, otherwise its start (the
 * journey's first stages, top left) at READABLE_ZOOM; the buttons and a pinch zoom out from there.
 */
export function readableView(flow: ReactFlowInstance, canvas: HTMLElement | null) {
  const nodes = flow.getNodes();
  if (!canvas || nodes.length === 0) return;
  const bounds = getNodesBounds(nodes);
  const fitted = getViewportForBounds(bounds, canvas.clientWidth, canvas.clientHeight, 0.2, 1.5, 0.05);
  if (fitted.zoom >= READABLE_ZOOM) flow.setViewport(fitted);
  else flow.setViewport({ x: 16 - bounds.x * READABLE_ZOOM, y: 16 - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM });
}

/** Once the document has arrived, place the first view (not fitted to whatever happened to be drawn first). */
export function useReadableFirstView(flow: ReactFlowInstance | null, ready: boolean, canvasRef: RefObject<HTMLElement>) {
  useEffect(() => {
    if (!ready || !flow) return;
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
  }, [ready, flow, canvasRef]);
}
