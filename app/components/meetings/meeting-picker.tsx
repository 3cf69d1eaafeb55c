import { useId, useMemo, useState } from "react";
import { Field, Label, Paragraph, Select, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";
import { foldText } from "~/utils/search-text";

export interface MeetingChoice {
  id: number;
  date: string;
  title: string;
  topics: string[];
}

interface Props {
  id: string;
  name: string;
  label: string;
  meetings: MeetingChoice[];
  defaultValue?: number | null;
  error?: string;
}

const optionLabel = (m: MeetingChoice) => `${m.date} – ${m.title}${m.topics.length ? ` (${m.topics.slice(0, 2).join(", ")})` : ""}`;

/**
 * Every meeting of the network, newest first, in one native select, with a search field above it that
 * narrows the list by date, name or agenda item (typed with or without æ, ø, å). Without script the
 * whole list is there.
 */
export function MeetingPicker({ id, name, label, meetings, defaultValue, error }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(defaultValue ? String(defaultValue) : "");
  const countId = useId();
  const shown = useMemo(() => {
    const words = foldText(query).split(/\s+/).filter(Boolean);
    if (!words.length) return meetings;
    return meetings.filter((m) => {
      const text = foldText(`${m.date} ${m.title} ${m.topics.join(" ")}`);
      return String(m.id) === selected || words.every((w) => text.includes(w));
    });
  }, [meetings, query, selected]);
  return (
    <div className="stack-sm">
      <Textfield
        id={`${id}-search`}
        type="search"
        label={t("meetings.pickerSearch")}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        aria-describedby={countId}
        aria-controls={id}
        autoComplete="off"
      />
      <Field>
        <Label htmlFor={id}>{label}</Label>
        <Select
          id={id}
          name={name}
          value={selected}
          onChange={(e) => setSelected(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
        >
          <Select.Option value="">{t("measures.noMeeting")}</Select.Option>
          {shown.map((m) => (
            <Select.Option key={m.id} value={String(m.id)}>
              {optionLabel(m)}
            </Select.Option>
          ))}
        </Select>
        {error ? <ValidationMessage>{error}</ValidationMessage> : null}
      </Field>
      <Paragraph id={countId} data-size="sm" className="muted" aria-live="polite">
        {t("meetings.pickerCount", { shown: shown.length, count: meetings.length })}
      </Paragraph>
    </div>
  );
}
