import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { Alert, Button, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { useI18n } from "~/i18n/use-t";
import { acceptInvitation, invitationForInvitee, type InvitationState } from "~/models/invitations.server";
import { clientIp } from "~/web/access.server";
import { refused } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { runModel } from "~/web/http.server";
import { parseForm } from "~/web/forms.server";
import { translatorFor } from "~/web/locale.server";
import { passwordSignedIn } from "~/web/passkey-ceremony.server";
import { msg, newPasswordField, PASSWORD_MIN, requiredText } from "~/web/validation";
import { pageTitle } from "~/web/page-title";
import { ProviderButtons } from "~/components/ui/provider-sign-in";
import { signInChoices } from "~/web/sign-in-choices.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.invitation");

const STATE_STATUS: Record<InvitationState, number> = { valid: 200, unknown: 404, expired: 410, used: 410, revoked: 410 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = invitationForInvitee(params.token ?? "");
  const { providers, passwordSignIn } = signInChoices(new URL(request.url));
  return data({ ...view, providers, passwordSignIn }, { status: STATE_STATUS[view.state] });
}

const NewUserSchema = z
  .object({
    name: requiredText(120),
    password: newPasswordField(),
    passwordConfirm: z.string({ error: msg("validation.required") }),
  })
  .refine((v) => v.password === v.passwordConfirm, { message: msg("validation.passwordMismatch"), path: ["passwordConfirm"] })
  .transform(({ name, password }) => ({ kind: "new" as const, name, password }));
const ExistingUserSchema = z
  .object({
    password: z
      .string({ error: msg("validation.required") })
      .min(1, msg("validation.required"))
      .max(200),
  })
  .transform(({ password }) => ({ kind: "existing" as const, password }));

/** Accepting signs the person in; a link that cannot be used is refused before the form is read (404 when unknown). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { t } = await translatorFor(request);
  const token = params.token ?? "";
  const view = invitationForInvitee(token);
  const form = await request.formData();
  const values = { name: String(form.get("name") ?? "").slice(0, 200) };
  if (view.state !== "valid") return refused({ form: t(view.unusable) }, { values, status: view.state === "unknown" ? 404 : 400 });
  // Without password sign-in a new account would get a password it could never use: it joins through a provider.
  if (!view.existingUser && !signInChoices(new URL(request.url)).passwordSignIn) {
    return refused({ form: t("signIn.passwordDisabled") }, { values, status: 403 });
  }
  const parsed = view.existingUser ? parseForm(ExistingUserSchema, form, t) : parseForm(NewUserSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { values });
  const ip = clientIp(context);
  const accepted = await runModel(t, () => acceptInvitation({ token, ip, ...parsed.data }));
  if (!accepted.ok) return refused(accepted.errors, { values, status: accepted.status });
  return passwordSignedIn(request, accepted.value.userId, ip, `/n/${accepted.value.networkSlug}?welcome=1`);
}

export default function AcceptInvitation() {
  const { t } = useI18n();
  const view = useLoaderData<typeof loader>();
  const { token } = useParams();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form: formError, ...fieldErrors } = errorsOf(actionData);

  if (view.state !== "valid" || !view.invitation) {
    return (
      <Page title={t("accept.invalidTitle")}>
        <Alert data-color="warning">{t(view.unusable)}</Alert>
        <Paragraph>
          <Link asChild>
            <RemixLink to="/login">{t("nav.signIn")}</RemixLink>
          </Link>
        </Paragraph>
      </Page>
    );
  }
  const { invitation } = view;
  return (
    <Page
      title={t("accept.title", { network: invitation.networkName })}
      lead={t("accept.intro", {
        network: invitation.networkName,
        role: t(`role.${invitation.role}`).toLowerCase(),
        agency: invitation.agencyName,
      })}
    >
      {view.existingUser || view.passwordSignIn ? (
        <Form method="post" className="form" noValidate>
          {formError ? (
            <Alert data-color="danger" role="alert">
              {formError}
            </Alert>
          ) : null}
          <FormErrors errors={fieldErrors} />
          <Textfield id="email" label={t("login.email")} value={invitation.email} readOnly autoComplete="username" />
          {view.existingUser ? (
            <>
              <Paragraph>{t("accept.existingIntro", { email: invitation.email })}</Paragraph>
              <Textfield
                id="password"
                name="password"
                type="password"
                label={t("accept.existingPassword")}
                autoComplete="current-password"
                error={fieldErrors.password}
                required
              />
            </>
          ) : (
            <>
              <Textfield
                id="name"
                name="name"
                label={t("accept.name")}
                autoComplete="name"
                defaultValue={actionData?.values?.name ?? ""}
                error={fieldErrors.name}
                required
              />
              <Textfield
                id="password"
                name="password"
                type="password"
                label={t("accept.password")}
                description={t("accept.passwordHelp", { min: PASSWORD_MIN })}
                autoComplete="new-password"
                error={fieldErrors.password}
                required
              />
              <Textfield
                id="passwordConfirm"
                name="passwordConfirm"
                type="password"
                label={t("accept.passwordConfirm")}
                autoComplete="new-password"
                error={fieldErrors.passwordConfirm}
                required
              />
            </>
          )}
          <div>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("accept.submit")}
            </Button>
          </div>
        </Form>
      ) : null}
      {view.existingUser ? null : (
        <>
          <ProviderButtons providers={view.providers} invitation={token} headingKey="accept.orProvider" />
          {view.providers.length > 0 ? <Paragraph data-size="sm">{t("accept.providerHint")}</Paragraph> : null}
        </>
      )}
    </Page>
  );
}
