import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Checkbox, Fieldset } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { emailLinkingOf, setEmailLinking } from "~/models/identities.server";
import { requireMember } from "~/web/access.server";
import { answer, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "network.settings");
  return { emailLinking: emailLinkingOf({ actor }) };
}

const SettingsSchema = z.object({ intent: z.literal("sign-in"), emailLinking: z.literal("on").optional() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "network.settings");
  const parsed = parseForm(SettingsSchema, await request.formData(), t);
  if (!parsed.ok) return refused(parsed.errors);
  const allow = parsed.data.emailLinking === "on";
  return answer(t, () => setEmailLinking({ actor, allow }), {
    intent: "sign-in",
    message: t(allow ? "settings.emailLinkingOn" : "settings.emailLinkingOff"),
  });
}

export default function NetworkSettings() {
  const { t } = useI18n();
  const { emailLinking } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Page title={t("settings.title")} lead={t("settings.intro")}>
      <SuccessMessage message={messageOf(actionData)} />
      <FormErrors errors={errorsOf(actionData)} />
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="sign-in" />
        <Fieldset>
          <Fieldset.Legend>{t("settings.emailLinkingHeading")}</Fieldset.Legend>
          <Checkbox name="emailLinking" value="on" defaultChecked={emailLinking} label={t("settings.emailLinking")} />
        </Fieldset>
        <div>
          <Button type="submit">{t("settings.emailLinkingSave")}</Button>
        </div>
      </Form>
    </Page>
  );
}
