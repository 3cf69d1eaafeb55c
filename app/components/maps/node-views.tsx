import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { agencyColor, LAYOUT } from "~/utils/map-model";
import type { LaneNodeData, MapNodeData, StageNodeData } from "./flow-model";

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

function LaneView({ data }: NodeProps<Node<LaneNodeData>>) {
  return (
    <div className="map-lane" style={{ width: data.width, height: LAYOUT.laneHeight - 6 }}>
      <span className="map-lane__label">{data.label}</span>
    </div>
  );
}

function StageView({ data }: NodeProps<Node<StageNodeData>>) {
  return <div className="map-stage">{data.label}</div>;
}

/** The node types toFlowNodes makes: boxes, the lanes behind them and the stages' headers. */
export const nodeTypes = { map: MapNodeView, lane: LaneView, stage: StageView };
