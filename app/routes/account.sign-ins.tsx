import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Paragraph, Table } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { ProviderButtons } from "~/components/ui/provider-sign-in";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { listIdentities, unlinkIdentity } from "~/models/identities.server";
import { signInConfig } from "~/utils/sign-in-config.server";
import { requireUser } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { pageTitle } from "~/web/page-title";
import { idField } from "~/web/validation";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signIns.title");

const labelOf = (providerId: string) => signInConfig().providers.find((p) => p.id === providerId)?.label ?? providerId;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, context);
  const identities = listIdentities({ actor }).map((identity) => ({ ...identity, label: labelOf(identity.provider) }));
  const linked = new Set(identities.map((i) => i.provider));
  const linkable = signInConfig()
    .providers.filter((p) => !linked.has(p.id))
    .map(({ id, label }) => ({ id, label }));
  return { identities, linkable };
}

const ActionSchema = z.object({ intent: z.literal("remove"), identityId: idField() });

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, t } = await requireUser(request, context);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const identity = listIdentities({ actor }).find((i) => i.id === parsed.data.identityId);
  const providerLabel = identity ? labelOf(identity.provider) : "";
  return answer(t, () => unlinkIdentity({ actor, identityId: parsed.data.identityId, providerLabel }), {
    intent,
    message: t("signIns.removed"),
  });
}

export default function SignIns() {
  const { t, dateTime } = useI18n();
  const { identities, linkable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Page title={t("signIns.title")} lead={t("signIns.intro")}>
      <SuccessMessage message={messageOf(actionData) ?? (params.get("linked") ? t("signIns.linked") : null)} />
      <FormErrors errors={errorsOf(actionData)} />
      {identities.length === 0 ? (
        <Paragraph>{t("signIns.none")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("signIns.provider")}</Table.HeaderCell>
                <Table.HeaderCell>{t("signIns.linkedAt")}</Table.HeaderCell>
                <Table.HeaderCell>{t("signIns.lastUsed")}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="visually-hidden">{t("members.actions")}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {identities.map((identity) => (
                <Table.Row key={identity.id}>
                  <Table.Cell>{identity.label}</Table.Cell>
                  <Table.Cell>{dateTime(identity.createdAt)}</Table.Cell>
                  <Table.Cell>{identity.lastUsedAt ? dateTime(identity.lastUsedAt) : t("signIns.never")}</Table.Cell>
                  <Table.Cell>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="identityId" value={identity.id} />
                      <Button type="submit" variant="secondary" data-size="sm">
                        {t("signIns.remove", { provider: identity.label })}
                      </Button>
                    </Form>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <ProviderButtons providers={linkable} link headingKey="signIns.linkHeading" />
    </Page>
  );
}
