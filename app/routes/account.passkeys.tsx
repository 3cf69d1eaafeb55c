import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useState } from "react";
import { Button, Checkbox, Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { z } from "zod";
import { AddPasskey } from "~/components/account/add-passkey";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { listPasskeys, removePasskey, setPasskeyRequired } from "~/models/passkeys.server";
import { requireUser } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "passkeys.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, context);
  return listPasskeys({ actor });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remove"), passkeyId: z.string().min(1).max(1400) }),
  z.object({ intent: z.literal("require"), required: z.literal("on").optional() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, t } = await requireUser(request, context);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "remove") {
    return answer(t, () => removePasskey({ actor, passkeyId: input.passkeyId }), {
      intent,
      message: (removed) => t("passkeys.removed", { name: removed.name }),
    });
  }
  return answer(t, () => setPasskeyRequired({ actor, required: input.required === "on" }), {
    intent,
    message: (required) => t(required ? "passkeys.requireOn" : "passkeys.requireOff"),
  });
}

export default function Passkeys() {
  const { t, dateTime } = useI18n();
  const { passkeys, required, hasPassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [added, setAdded] = useState<string | null>(null);
  const busy = navigation.state === "submitting";
  return (
    <Page title={t("passkeys.title")} lead={t("passkeys.intro")}>
      <SuccessMessage message={added ?? messageOf(actionData)} />
      <FormErrors errors={errorsOf(actionData)} />
      {!hasPassword ? <Paragraph>{t("passkeys.needsPassword")}</Paragraph> : null}
      <section aria-labelledby="passkey-list-heading" className="stack-sm">
        <Heading level={2} data-size="xs" id="passkey-list-heading">
          {t("passkeys.listTitle")}
        </Heading>
        {passkeys.length === 0 ? (
          <Paragraph>{t("passkeys.none")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table zebra>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("passkeys.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("passkeys.created")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("passkeys.lastUsed")}</Table.HeaderCell>
                  <Table.HeaderCell>
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {passkeys.map((passkey) => (
                  <Table.Row key={passkey.id}>
                    <Table.Cell>
                      {passkey.name} {passkey.backedUp ? <Tag data-color="info">{t("passkeys.synced")}</Tag> : null}
                    </Table.Cell>
                    <Table.Cell>{dateTime(passkey.createdAt)}</Table.Cell>
                    <Table.Cell>{passkey.lastUsedAt ? dateTime(passkey.lastUsedAt) : t("passkeys.never")}</Table.Cell>
                    <Table.Cell>
                      <Form method="post" onSubmit={() => setAdded(null)}>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="passkeyId" value={passkey.id} />
                        <Button type="submit" variant="secondary" data-size="sm">
                          {t("passkeys.remove")}
                          <span className="visually-hidden"> {passkey.name}</span>
                        </Button>
                      </Form>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
      {hasPassword ? (
        <>
          <AddPasskey
            onAdded={(message) => {
              setAdded(message);
              revalidator.revalidate();
            }}
          />
          <section aria-labelledby="require-heading" className="stack-sm">
            <Heading level={2} data-size="xs" id="require-heading">
              {t("passkeys.requireTitle")}
            </Heading>
            <Form method="post" className="form" onSubmit={() => setAdded(null)}>
              <input type="hidden" name="intent" value="require" />
              <Checkbox
                key={String(required)}
                name="required"
                value="on"
                label={t("passkeys.requireLabel")}
                description={t("passkeys.requireHint")}
                defaultChecked={required}
                disabled={passkeys.length === 0 && !required}
              />
              <div>
                <Button type="submit" variant="secondary" loading={busy && navigation.formData?.get("intent") === "require"}>
                  {t("passkeys.requireSave")}
                </Button>
              </div>
            </Form>
            {passkeys.length === 0 ? <Paragraph data-size="sm">{t("passkeys.requireNeedsOne")}</Paragraph> : null}
          </section>
        </>
      ) : null}
    </Page>
  );
}
