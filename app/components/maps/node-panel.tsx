import { Button, Heading, Textfield } from "@digdir/designsystemet-react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { EDGE_KINDS, type EdgeKind, type MapNode } from "~/utils/map-model";
import { ObstacleFields, SaveDeleteButtons } from "./obstacle-fields";
import { ObstacleNotice, type MeasureOfObstacle } from "./obstacle-notice";
import { readConnection, readNodeEdit } from "./panel-forms";

interface Props {
  id: string;
  node: MapNode;
  measure: MeasureOfObstacle | null;
  canEdit: boolean;
  agencies: string[];
  /** The other boxes, to connect this one to. */
  others: Array<{ id: string; label: string }>;
  onSave: (node: MapNode) => void;
  onDelete: () => void;
  onConnect: (target: string, kind: EdgeKind, label: string) => void;
}

/** The selected box: its obstacle, and for an editor its label, agency and obstacle, and a form to connect it. */
export function NodePanel({ id, node, canEdit, agencies, others, onSave, onDelete, onConnect, measure }: Props) {
  const { t } = useI18n();
  return (
    <div className="stack-sm" data-testid="node-panel">
      <Heading level={2} data-size="2xs">
        {t(`maps.kind.${node.kind}`)}: {node.label}
      </Heading>
      {node.obstacle ? <ObstacleNotice obstacle={node.obstacle} measure={measure} /> : null}
      {canEdit ? (
        <>
          <form
            className="stack-sm"
            onSubmit={(e) => {
              e.preventDefault();
              onSave(readNodeEdit(new FormData(e.currentTarget), node));
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
                const connection = readConnection(new FormData(e.currentTarget));
                if (connection) onConnect(connection.target, connection.kind, connection.label);
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
                options={EDGE_KINDS.map((k) => ({ value: k, label: t(`maps.edge.${k}`) }))}
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
