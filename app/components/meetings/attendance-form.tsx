import { Form } from "@remix-run/react";
import { Button, Checkbox, Fieldset, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { RowAction } from "~/components/ui/row-action";
import { useI18n } from "~/i18n/use-t";

interface Props {
  agencies: Array<{ id: number; name: string; shortName: string }>;
  members: Array<{ userId: number; name: string; agencyShortName: string | null }>;
  attendance: { agencyIds: number[]; userIds: number[]; guests: Array<{ id: number; name: string; agencyName: string }> };
  canManage: boolean;
}

/** The attendance checklist (facilitators tick it during the meeting) or, for others, who was there. */
export function AttendanceSection({ agencies, members, attendance, canManage }: Props) {
  const { t } = useI18n();
  const present = agencies.filter((a) => attendance.agencyIds.includes(a.id));
  return (
    <section aria-labelledby="attendance-heading" className="stack-sm">
      <Heading level={2} data-size="sm" id="attendance-heading">
        {t("meetings.attendance")}
      </Heading>
      {canManage ? (
        <>
          <Form method="post" className="stack-sm">
            <input type="hidden" name="intent" value="attendance" />
            <Fieldset>
              <Fieldset.Legend>{t("meetings.attendanceAgencies")}</Fieldset.Legend>
              <div className="checklist">
                {agencies.map((a) => (
                  <Checkbox
                    key={a.id}
                    name="agencyIds"
                    value={String(a.id)}
                    label={a.shortName}
                    defaultChecked={attendance.agencyIds.includes(a.id)}
                  />
                ))}
              </div>
            </Fieldset>
            <Fieldset>
              <Fieldset.Legend>{t("meetings.attendancePeople")}</Fieldset.Legend>
              <div className="checklist">
                {members.map((m) => (
                  <Checkbox
                    key={m.userId}
                    name="userIds"
                    value={String(m.userId)}
                    label={`${m.name}${m.agencyShortName ? ` (${m.agencyShortName})` : ""}`}
                    defaultChecked={attendance.userIds.includes(m.userId)}
                  />
                ))}
              </div>
            </Fieldset>
            <div>
              <Button type="submit">{t("meetings.attendanceSave")}</Button>
            </div>
          </Form>
          <Heading level={3} data-size="xs">
            {t("meetings.guests")}
          </Heading>
          <ul>
            {attendance.guests.map((g) => (
              <li key={g.id}>
                {g.name}
                {g.agencyName ? ` (${g.agencyName})` : ""}{" "}
                <RowAction intent="remove-guest" fields={{ guestId: g.id }} label={t("meetings.guestRemove")} name={g.name} />
              </li>
            ))}
          </ul>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="add-guest" />
            <Textfield id="guest-name" name="name" label={t("meetings.guestName")} required />
            <Textfield id="guest-agency" name="agencyName" label={t("meetings.guestAgency")} />
            <div>
              <Button type="submit" variant="secondary">
                {t("meetings.guestAdd")}
              </Button>
            </div>
          </Form>
        </>
      ) : present.length === 0 && attendance.guests.length === 0 ? (
        <Paragraph>{t("meetings.attendanceNone")}</Paragraph>
      ) : (
        <Paragraph>
          {[
            ...present.map((a) => a.shortName),
            ...attendance.guests.map((g) => `${g.name}${g.agencyName ? ` (${g.agencyName})` : ""}`),
          ].join(", ")}
        </Paragraph>
      )}
    </section>
  );
}
