import { Form } from "@remix-run/react";
import { Button, Details, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useI18n } from "~/i18n/use-t";
import { MeetingFields } from "./meeting-fields";

interface Props {
  meeting: { title: string; status: string; durationMinutes: number; location: string; onlineUrl: string };
  /** The meeting's local date and time, as the date and time fields take them. */
  local: { date: string; time: string };
  published: boolean;
  errors: Record<string, string>;
}

/**
 * The meeting's time and place, changed in one form, and cancelling, restoring or deleting it,
 * each its own form (one intent each), until the minutes are published.
 */
export function MeetingDetails({ meeting, local, published, errors }: Props) {
  const { t } = useI18n();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <section aria-labelledby="details-heading" className="stack-sm" id="meeting-details">
      <Heading level={2} data-size="sm" id="details-heading">
        {t("meetings.section.details")}
      </Heading>
      <Details>
        <Details.Summary>{t("meetings.edit")}</Details.Summary>
        <Details.Content>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="update-meeting" />
            <Paragraph data-size="sm">{t("meetings.editHelp")}</Paragraph>
            <MeetingFields
              idPrefix="m-"
              values={{
                ...local,
                title: meeting.title,
                durationMinutes: meeting.durationMinutes,
                location: meeting.location,
                onlineUrl: meeting.onlineUrl,
              }}
              errors={errors}
            />
            <div>
              <Button type="submit">{t("meetings.form.save")}</Button>
            </div>
          </Form>
          {!published ? (
            <div className="row">
              {/* One form per intent: inside the edit form these buttons sent a second `intent`. */}
              <Form method="post">
                <input type="hidden" name="intent" value={meeting.status === "cancelled" ? "restore" : "cancel"} />
                <Button type="submit" variant="secondary">
                  {meeting.status === "cancelled" ? t("meetings.restore") : t("meetings.cancel")}
                </Button>
              </Form>
              {confirmDelete ? (
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="delete" />
                  <Button type="submit" data-color="danger">
                    {t("meetings.deleteConfirm")}
                  </Button>
                  <Button type="button" variant="tertiary" onClick={() => setConfirmDelete(false)}>
                    {t("common.cancel")}
                  </Button>
                </Form>
              ) : (
                <Button type="button" variant="tertiary" data-color="danger" onClick={() => setConfirmDelete(true)}>
                  {t("meetings.delete")}
                </Button>
              )}
            </div>
          ) : null}
        </Details.Content>
      </Details>
    </section>
  );
}
