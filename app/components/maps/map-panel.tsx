import { Paragraph } from "@digdir/designsystemet-react";
import type { RefObject } from "react";
import { useI18n } from "~/i18n/use-t";
import { stageIndexOf, type MapContent, type NewNode } from "~/utils/map-model";
import { AddNodeForm } from "./add-node-form";
import { EdgePanel } from "./edge-panel";
import type { MapEdits } from "./map-edits";
import { NodePanel } from "./node-panel";
import { measureOf, type ObstacleMeasures } from "./obstacle-notice";
import { StagesPanel } from "./stages-panel";

interface Props {
  /** Takes the focus when the focused box goes, so a keyboard user stays in the panel. */
  panelRef: RefObject<HTMLElement>;
  /** Read out to screen readers: what was just added or removed. */
  announcement: string;
  canEdit: boolean;
  content: MapContent;
  agencies: string[];
  selection: string | null;
  obstacleMeasures?: ObstacleMeasures;
  edits: MapEdits;
  onAdd: (node: NewNode) => void;
  onRemoveNode: (id: string) => void;
  onDeselect: () => void;
}

/** The map's side panel: add a box, the journey's stages, and the selected box or arrow. */
export function MapPanel({
  panelRef,
  announcement,
  canEdit,
  content,
  agencies,
  selection,
  obstacleMeasures,
  edits,
  onAdd,
  onRemoveNode,
  onDeselect,
}: Props) {
  const { t } = useI18n();
  const { stages, nodes, edges } = content;
  const selectedNode = selection ? nodes.get(selection) : undefined;
  const selectedEdge = selection ? edges.get(selection) : undefined;
  return (
    <aside className="map-panel" aria-label={t("maps.panel")} ref={panelRef} tabIndex={-1}>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {canEdit ? <AddNodeForm stages={stages} agencies={agencies} onAdd={onAdd} /> : null}
      {canEdit ? (
        <StagesPanel
          stages={stages}
          occupied={new Set([...nodes.values()].map((n) => stages[stageIndexOf(n)]?.id).filter((id): id is string => Boolean(id)))}
          onRename={edits.renameStage}
          onMove={edits.moveStage}
          onAdd={edits.addStage}
          onRemove={edits.removeStage}
        />
      ) : null}
      {selectedNode && selection ? (
        <NodePanel
          key={selection}
          id={selection}
          node={selectedNode}
          canEdit={canEdit}
          measure={measureOf(obstacleMeasures, selection)}
          agencies={agencies}
          others={[...nodes].filter(([id]) => id !== selection).map(([id, n]) => ({ id, label: n.label }))}
          onSave={(next) => edits.saveNode(selection, next)}
          onDelete={() => onRemoveNode(selection)}
          onConnect={(target, kind, label) => edits.connect(selection, target, kind, label)}
        />
      ) : null}
      {selectedEdge && selection ? (
        <EdgePanel
          key={selection}
          edge={selectedEdge}
          canEdit={canEdit}
          nodes={nodes}
          measure={measureOf(obstacleMeasures, selection)}
          onSave={(next) => edits.saveEdge(selection, next)}
          onDelete={() => {
            edits.removeEdges([selection]);
            onDeselect();
          }}
        />
      ) : null}
      {!selection ? (
        <Paragraph data-size="sm" className="muted">
          {t(canEdit ? "maps.selectHelp" : "maps.selectHelpReadOnly")}
        </Paragraph>
      ) : null}
    </aside>
  );
}
