import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { useI18n } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n";
import { DomainValidationError } from "~/models/errors.server";
import { acceptInvitation, InvitationUnusableError, lookupInvitation, type InvitationState } from "~/models/invitations.server";
import { clientIp } from "~/web/access.server";
import { parseForm } from "~/web/forms.server";
import { translatorFor } from "~/web/locale.server";
import { signIn } from "~/web/session.server";
import { msg, newPasswordField, PASSWORD_MIN, requiredText } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.invitation");

const STATE_STATUS: Record<InvitationState, number> = { valid: 200, unknown: 404, expired: 410, used: 410, revoked: 410 };
const STATE_MESSAGE: Record<Exclude<InvitationState, "valid">, MessageKey> = {
  unknown: "accept.unknown",
  expired: "accept.expired",
  used: "accept.used",
  revoked: "accept.revoked",
};

function publicView(token: string) {
  const found = lookupInvitation(token);
  if (found.state !== "valid" || !found.invitation) return { state: found.state, invitation: null, existingUser: false };
  const { email, role, networkName, agencyName } = found.invitation;
  return { state: found.state, invitation: { email, role, networkName, agencyName }, existingUser: found.existingUser };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const view = publicView(params.token ?? "");
  return data(view, { status: STATE_STATUS[view.state] });
}

const NewUserSchema = z
  .object({
    name: requiredText(120),
    password: newPasswordField(),
    passwordConfirm: z.string({ error: msg("validation.required") }),
  })
  .refine((v) => v.password === v.passwordConfirm, { message: msg("validation.passwordMismatch"), path: ["passwordConfirm"] });
const ExistingUserSchema = z.object({
  password: z
    .string({ error: msg("validation.required") })
    .min(1, msg("validation.required"))
    .max(200),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { t } = await translatorFor(request);
  const token = params.token ?? "";
  const view = publicView(token);
  const form = await request.formData();
  const name = String(form.get("name") ?? "").slice(0, 200);
  if (view.state !== "valid") {
    return data({ errors: { form: t(STATE_MESSAGE[view.state]) }, name }, { status: view.state === "unknown" ? 404 : 400 });
  }
  const ip = clientIp(context);
  const parsed = view.existingUser ? parseForm(ExistingUserSchema, form, t) : parseForm(NewUserSchema, form, t);
  if (!parsed.ok) return data({ errors: parsed.errors, name }, { status: 400 });
  try {
    const input = parsed.data as { name?: string; password: string };
    const result = view.existingUser
      ? await acceptInvitation({ token, kind: "existing", password: input.password, ip })
      : await acceptInvitation({ token, kind: "new", name: input.name!, password: input.password, ip });
    return signIn(request, result.userId, ip, `/n/${result.networkSlug}?welcome=1`);
  } catch (error) {
    if (error instanceof InvitationUnusableError) {
      return data({ errors: { form: t(STATE_MESSAGE[error.state]) }, name }, { status: 400 });
    }
    if (error instanceof DomainValidationError) {
      return data({ errors: { [error.field]: t(error.messageKey as MessageKey) }, name }, { status: 400 });
    }
    throw error;
  }
}

export default function AcceptInvitation() {
  const { t } = useI18n();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const { form: formError, ...fieldErrors } = errors;

  if (view.state !== "valid" || !view.invitation) {
    return (
      <Page title={t("accept.invalidTitle")}>
        <Alert data-color="warning">{t(STATE_MESSAGE[view.state as Exclude<InvitationState, "valid">])}</Alert>
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
        role: t(`role.${invitation.role}` as MessageKey).toLowerCase(),
        agency: invitation.agencyName,
      })}
    >
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
              defaultValue={actionData?.name ?? ""}
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
    </Page>
  );
}
