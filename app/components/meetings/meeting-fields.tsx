import { Textfield } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";

export interface MeetingFieldValues {
  title?: string;
  date?: string;
  time?: string;
  durationMinutes?: string | number;
  location?: string;
  onlineUrl?: string;
}

/**
 * A meeting's title, time and place: the same fields, limits and words when a meeting is planned
 * and when it is changed. `idPrefix` keeps the ids apart from other forms on the page.
 */
export function MeetingFields({
  values,
  errors,
  idPrefix = "",
}: {
  values: MeetingFieldValues;
  errors: Record<string, string>;
  idPrefix?: string;
}) {
  const { t } = useI18n();
  const id = (name: keyof MeetingFieldValues) => `${idPrefix}${name}`;
  return (
    <>
      <Textfield id={id("title")} name="title" label={t("meetings.form.title")} defaultValue={values.title} error={errors.title} required />
      <div className="row">
        <Textfield
          id={id("date")}
          name="date"
          type="date"
          label={t("meetings.form.date")}
          defaultValue={values.date}
          error={errors.date}
          required
        />
        <Textfield
          id={id("time")}
          name="time"
          type="time"
          label={t("meetings.form.time")}
          defaultValue={values.time}
          error={errors.time}
          required
        />
        <Textfield
          id={id("durationMinutes")}
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={15}
          max={480}
          step={5}
          label={t("meetings.form.duration")}
          defaultValue={values.durationMinutes}
          error={errors.durationMinutes}
          required
        />
      </div>
      <Textfield
        id={id("location")}
        name="location"
        label={t("meetings.form.location")}
        defaultValue={values.location}
        error={errors.location}
      />
      <Textfield
        id={id("onlineUrl")}
        name="onlineUrl"
        type="url"
        label={t("meetings.form.onlineUrl")}
        defaultValue={values.onlineUrl}
        error={errors.onlineUrl}
      />
    </>
  );
}
