import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Button, Textfield } from "@digdir/designsystemet-react";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { SelectField } from "~/components/ui/select-field";
import { MeetingFields } from "~/components/meetings/meeting-fields";
import { useI18n } from "~/i18n/use-t";
import { createMeetings } from "~/models/meetings.server";
import { requireMember } from "~/web/access.server";
import { formToObject, parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { NewMeetingSchema } from "~/web/meeting-forms";
import { refused } from "~/web/actions.server";
import { errorsOf, type Answer } from "~/web/answer";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings.new");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMember(request, context, params.slug, "meetings.manage");
  return null;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "meetings.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const parsed = parseForm(NewMeetingSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { values });
  const created = await runModel(t, () => createMeetings({ actor, input: parsed.data }));
  if (!created.ok) return refused(created.errors, { values, status: created.status });
  return redirect(`/n/${actor.networkSlug}/meetings/${created.value[0].id}?created=${created.value.length}`);
}

/** What the person typed, to fill the form again: one value per field. */
function valuesOf(answer: Pick<Answer, "values"> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(answer?.values ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

export default function NewMeeting() {
  const { t } = useI18n();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = errorsOf(actionData);
  const v = valuesOf(actionData);
  return (
    <Page title={t("meetings.new")}>
      <Form method="post" className="form" noValidate>
        <FormErrors errors={errors} />
        <MeetingFields
          values={{
            title: v.title ?? t("meetings.form.defaultTitle"),
            date: v.date,
            time: v.time ?? "13:00",
            durationMinutes: v.durationMinutes ?? "60",
            location: v.location ?? "Teams",
            onlineUrl: v.onlineUrl,
          }}
          errors={errors}
        />
        <SelectField
          id="intervalWeeks"
          name="intervalWeeks"
          label={t("meetings.form.repeat")}
          defaultValue={v.intervalWeeks ?? "0"}
          options={[
            { value: "0", label: t("meetings.form.repeatNone") },
            { value: "1", label: t("meetings.form.repeat1") },
            { value: "2", label: t("meetings.form.repeat2") },
            { value: "3", label: t("meetings.form.repeat3") },
          ]}
          error={errors.intervalWeeks}
        />
        <Textfield
          id="untilDate"
          name="untilDate"
          type="date"
          label={t("meetings.form.until")}
          defaultValue={v.untilDate}
          error={errors.untilDate}
        />
        <div>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("meetings.form.create")}
          </Button>
        </div>
      </Form>
    </Page>
  );
}
