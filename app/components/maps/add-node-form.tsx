import { Button, Heading, Textfield } from "@digdir/designsystemet-react";
import { useState } from "react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { NODE_KINDS, oneOf, type NewNode, type NodeKind, type Stage } from "~/utils/map-model";
import { readNewNode } from "./panel-forms";

/** Add a box with the keyboard: its kind, label, stage and (for a service) agency. */
export function AddNodeForm({ stages, agencies, onAdd }: { stages: Stage[]; agencies: string[]; onAdd: (node: NewNode) => void }) {
  const { t } = useI18n();
  // The chosen kind, so the agency field shows for services only.
  const [kind, setKind] = useState<NodeKind>("service");
  return (
    <form
      className="stack-sm"
      onChange={(e) => {
        const field = e.target;
        if (field instanceof HTMLSelectElement && field.name === "kind") setKind(oneOf(NODE_KINDS, field.value, kind));
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const node = readNewNode(new FormData(e.currentTarget));
        if (!node) return;
        onAdd({ kind, ...node });
        const form = e.currentTarget;
        form.reset();
        // The kind stays as chosen (reset would show the first one while the next box took this one).
        const kindField = form.elements.namedItem("kind");
        if (kindField instanceof HTMLSelectElement) kindField.value = kind;
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
        options={NODE_KINDS.map((k) => ({ value: k, label: t(`maps.kind.${k}`) }))}
      />
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
