import { Checkbox, Fieldset, Textfield } from "@digdir/designsystemet-react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { CADENCES, JOURNEY_STAGES } from "~/utils/figures";

export interface MetricValues {
  name?: string;
  description?: string;
  unit?: string;
  stage?: string;
  agencyId?: number | string;
  cadence?: string;
  threshold?: number | string;
  inFlow?: boolean | string;
}

/** The fields of a metric's definition, for defining a new one and for changing one. */
export function MetricFields({
  agencies,
  values = {},
  errors = {},
  cadenceLocked = false,
}: {
  agencies: Array<{ id: number; shortName: string; name: string }>;
  values?: MetricValues;
  errors?: Record<string, string>;
  cadenceLocked?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Fieldset>
      <Fieldset.Legend className="visually-hidden">{t("figures.metricDefinition")}</Fieldset.Legend>
      <Textfield
        id="name"
        name="name"
        label={t("figures.metricName")}
        defaultValue={values.name ?? ""}
        error={errors.name}
        maxLength={120}
        required
      />
      <Textfield
        id="description"
        name="description"
        label={t("figures.metricDescription")}
        multiline
        rows={2}
        defaultValue={values.description ?? ""}
        error={errors.description}
        maxLength={1000}
      />
      <Textfield
        id="unit"
        name="unit"
        label={t("figures.unit")}
        description={t("figures.unitHelp")}
        defaultValue={values.unit ?? ""}
        error={errors.unit}
        maxLength={40}
        required
      />
      <SelectField
        id="stage"
        name="stage"
        label={t("figures.stage")}
        defaultValue={values.stage ?? "arrival"}
        options={JOURNEY_STAGES.map((s) => ({ value: s, label: t(`figures.stage.${s}`) }))}
        error={errors.stage}
      />
      <SelectField
        id="agencyId"
        name="agencyId"
        label={t("figures.reportingAgency")}
        placeholder={t("figures.chooseAgency")}
        defaultValue={values.agencyId ?? ""}
        options={agencies.map((a) => ({ value: a.id, label: a.shortName === a.name ? a.name : `${a.shortName} – ${a.name}` }))}
        error={errors.agencyId}
      />
      <SelectField
        id="cadence"
        name="cadence"
        label={t("figures.cadence")}
        description={cadenceLocked ? t("figures.cadenceFixedHelp") : undefined}
        defaultValue={values.cadence ?? "weekly"}
        options={CADENCES.map((c) => ({ value: c, label: t(`figures.cadence.${c}`) }))}
        error={errors.cadence}
      />
      <Textfield
        id="threshold"
        name="threshold"
        type="number"
        min={0}
        max={1000}
        label={t("figures.threshold")}
        description={t("figures.thresholdHelp")}
        defaultValue={String(values.threshold ?? 0)}
        error={errors.threshold}
      />
      <Checkbox
        id="inFlow"
        name="inFlow"
        label={t("figures.inFlow")}
        description={t("figures.inFlowHelp")}
        defaultChecked={values.inFlow === undefined ? true : values.inFlow === true || values.inFlow === "on"}
      />
    </Fieldset>
  );
}
