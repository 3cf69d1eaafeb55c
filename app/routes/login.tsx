import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert, Button, Heading, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { useI18n } from "~/i18n/use-t";
import { listDemoAccounts } from "~/models/demo.server";
import { throttledMessage, verifyLogin } from "~/models/users.server";
import { clientIp } from "~/web/access.server";
import { readDevice } from "~/utils/known-device.server";
import { retryAfterHeaders } from "~/utils/rate-limit.server";
import { refused } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { translatorFor } from "~/web/locale.server";
import { safeRedirect } from "~/web/safe-redirect";
import { getSessionUser } from "~/web/session.server";
import { passwordSignedIn } from "~/web/passkey-ceremony.server";
import { PasskeySignIn } from "~/components/account/passkey-sign-in";
import { ProviderButtons, RefusedSignIn } from "~/components/ui/provider-sign-in";
import { signInChoices } from "~/web/sign-in-choices.server";
import { emailField, msg } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

const LoginSchema = z.object({
  email: z
    .string({ error: msg("login.emailMissing") })
    .trim()
    .min(1, msg("login.emailMissing"))
    .pipe(emailField()),
  password: z
    .string({ error: msg("login.passwordMissing") })
    .min(1, msg("login.passwordMissing"))
    .max(200, msg("validation.tooLong", { max: 200 })),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessionUser(request);
  if (session) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return { demo: listDemoAccounts(), ...signInChoices(new URL(request.url)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await translatorFor(request);
  if (!signInChoices(new URL(request.url)).passwordSignIn) return refused({ form: t("signIn.passwordDisabled") }, { status: 403 });
  const form = await request.formData();
  const values = { email: String(form.get("email") ?? "").slice(0, 254) };
  const parsed = parseForm(LoginSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { values });
  const { email, password, redirectTo } = parsed.data;
  const ip = clientIp(context);
  const result = await verifyLogin({ email, password, ip, device: await readDevice(request) });
  if (result.ok) return passwordSignedIn(request, result.userId, ip, safeRedirect(redirectTo));
  if (result.reason === "invalid") return refused({ form: t("login.failed") }, { values, status: 401 });
  const { key, params } = throttledMessage(result.verdict);
  const retryAfter = String(Math.ceil(result.verdict.retryAfterMs / 1000));
  return refused({ form: t(key, params) }, { values, status: 429, headers: { "Retry-After": retryAfter } });
}

export default function Login() {
  const { t } = useI18n();
  const actionData = useActionData<typeof action>();
  const { demo, providers, passwordSignIn, refusal } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { form: formError, ...fieldErrors } = errorsOf(actionData);
  return (
    <Page title={t("login.title")} lead={providers.length > 0 ? t("signIn.introProviders") : t("login.intro")}>
      {params.get("signedOut") ? (
        <Alert data-color="success" role="status">
          {t("logout.done")}
        </Alert>
      ) : null}
      <RefusedSignIn reason={refusal} />
      <ProviderButtons providers={providers} redirectTo={params.get("redirectTo") ?? "/"} />
      {passwordSignIn ? null : <Paragraph>{t("signIn.passwordOff")}</Paragraph>}
      {passwordSignIn ? (
        <Form method="post" className="form" noValidate>
          {providers.length > 0 ? (
            <Heading level={2} data-size="xs">
              {t("signIn.orPassword")}
            </Heading>
          ) : null}
          {formError ? (
            <Alert data-color="danger" role="alert">
              {formError}
            </Alert>
          ) : null}
          <FormErrors errors={fieldErrors} />
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Textfield
            id="email"
            name="email"
            type="email"
            label={t("login.email")}
            autoComplete="username"
            defaultValue={actionData?.values?.email ?? ""}
            error={fieldErrors.email}
            required
          />
          <Textfield
            id="password"
            name="password"
            type="password"
            label={t("login.password")}
            autoComplete="current-password"
            error={fieldErrors.password}
            required
          />
          <div>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("login.submit")}
            </Button>
          </div>
        </Form>
      ) : null}
      {passwordSignIn ? <PasskeySignIn redirectTo={params.get("redirectTo") ?? "/"} /> : null}
      {demo ? (
        <section aria-labelledby="demo-heading" className="stack-sm">
          <Heading level={2} data-size="xs" id="demo-heading">
            {t("login.demoTitle")}
          </Heading>
          <Paragraph data-size="sm">{t("login.demoHint", { password: demo.password })}</Paragraph>
          <div className="table-wrap">
            <Table data-size="sm">
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("login.email")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("login.demoRole")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {demo.accounts.map((a) => (
                  <Table.Row key={a.email}>
                    <Table.Cell>
                      <code>{a.email}</code>
                    </Table.Cell>
                    <Table.Cell>{a.isAdmin ? t("login.demoAdmin") : a.role ? `${t(`role.${a.role}`)} (${a.agency})` : a.agency}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
