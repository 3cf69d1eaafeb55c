import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from "@xyflow/react";

/** Download the whole map (not just what is in view) as a PNG or an SVG, on a white ground. */
export async function exportImage(flow: ReactFlowInstance | null, mapId: number, kind: "png" | "svg") {
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
