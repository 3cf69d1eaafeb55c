import { Checkbox, Fieldset, Textfield } from "@digdir/designsystemet-react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { agencyLabel } from "~/utils/agency-label";
import { MEASURE_STATUSES, PRIORITIES } from "~/utils/measures";

interface Props {
  values?: {
    title?: string;
    description?: string;
    needId?: number | null;
    responsibleAgencyId?: number | null;
    agencyIds?: number[];
    nextStep?: string;
    status?: string;
    priority?: string;
    startDate?: string | null;
    endDate?: string | null;
  };
  agencies: Array<{ id: number; shortName: string; name: string }>;
  needs: Array<{ id: number; number: number; title: string }>;
  errors: Record<string, string>;
}

/** The fields of a measure, for creating and for editing. */
export function MeasureFieldset({ values = {}, agencies, needs, errors }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Textfield id="title" name="title" label={t("measures.title")} defaultValue={values.title} error={errors.title} required />
      <Textfield
        id="description"
        name="description"
        label={t("measures.description")}
        multiline
        rows={3}
        defaultValue={values.description}
        error={errors.description}
      />
      <SelectField
        id="needId"
        name="needId"
        label={t("measures.need")}
        placeholder={t("measures.chooseNeed")}
        defaultValue={values.needId ?? ""}
        options={needs.map((n) => ({ value: n.id, label: `${n.number}. ${n.title}` }))}
        error={errors.needId}
      />
      <SelectField
        id="responsibleAgencyId"
        name="responsibleAgencyId"
        label={t("measures.responsible")}
        placeholder={t("measures.noResponsible")}
        defaultValue={values.responsibleAgencyId ?? ""}
        options={agencies.map((a) => ({ value: a.id, label: agencyLabel(a.name, a.shortName) }))}
        error={errors.responsibleAgencyId}
      />
      <Fieldset>
        <Fieldset.Legend>{t("measures.agencies")}</Fieldset.Legend>
        <div className="checklist">
          {agencies.map((a) => (
            <Checkbox
              key={a.id}
              name="agencyIds"
              value={String(a.id)}
              label={a.shortName}
              defaultChecked={values.agencyIds?.includes(a.id)}
            />
          ))}
        </div>
      </Fieldset>
      <Textfield id="nextStep" name="nextStep" label={t("measures.nextStep")} defaultValue={values.nextStep} error={errors.nextStep} />
      <div className="row">
        <SelectField
          id="status"
          name="status"
          label={t("measures.status")}
          defaultValue={values.status ?? "on_track"}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
          error={errors.status}
        />
        <SelectField
          id="priority"
          name="priority"
          label={t("measures.priority")}
          defaultValue={values.priority ?? "necessary"}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          error={errors.priority}
        />
        <Textfield
          id="startDate"
          name="startDate"
          type="date"
          label={t("measures.startDate")}
          defaultValue={values.startDate ?? ""}
          error={errors.startDate}
        />
        <Textfield
          id="endDate"
          name="endDate"
          type="date"
          label={t("measures.endDate")}
          defaultValue={values.endDate ?? ""}
          error={errors.endDate}
        />
      </div>
    </>
  );
}
