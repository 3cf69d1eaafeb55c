import { Heading, Textfield } from "@digdir/designsystemet-react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { EDGE_KINDS, type MapEdge, type MapNode } from "~/utils/map-model";
import { ObstacleFields, SaveDeleteButtons } from "./obstacle-fields";
import { ObstacleNotice, type MeasureOfObstacle } from "./obstacle-notice";
import { readEdgeEdit } from "./panel-forms";

interface Props {
  edge: MapEdge;
  canEdit: boolean;
  /** The map's boxes, to name the arrow's ends. */
  nodes: ReadonlyMap<string, MapNode>;
  onSave: (edge: MapEdge) => void;
  onDelete: () => void;
  measure: MeasureOfObstacle | null;
}

/** The selected arrow: its obstacle, and for an editor its kind, words and obstacle. */
export function EdgePanel({ edge, canEdit, nodes, onSave, onDelete, measure }: Props) {
  const { t } = useI18n();
  return (
    <div className="stack-sm">
      <Heading level={2} data-size="2xs">
        {t(`maps.edge.${edge.kind}`)}: {nodes.get(edge.source)?.label} → {nodes.get(edge.target)?.label}
      </Heading>
      {edge.obstacle ? <ObstacleNotice obstacle={edge.obstacle} measure={measure} /> : null}
      {canEdit ? (
        <form
          className="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            onSave(readEdgeEdit(new FormData(e.currentTarget), edge));
          }}
        >
          <SelectField
            id="edge-kind"
            name="kind"
            label={t("maps.edgeKind")}
            defaultValue={edge.kind}
            options={EDGE_KINDS.map((k) => ({ value: k, label: t(`maps.edge.${k}`) }))}
          />
          <Textfield id="edge-label" name="label" label={t("maps.edgeLabel")} defaultValue={edge.label} maxLength={80} />
          <ObstacleFields idPrefix="edge" obstacle={edge.obstacle} />
          <SaveDeleteButtons onDelete={onDelete} />
        </form>
      ) : null}
    </div>
  );
}
