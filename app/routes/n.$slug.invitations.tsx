import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { RowAction } from "~/components/ui/row-action";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { FormErrors } from "~/components/ui/form-errors";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { agencyLabel } from "~/utils/agency-label";
import { createInvitation, invitationChoices, listPendingInvitations, revokeInvitation } from "~/models/invitations.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf, type Answer } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { baseUrl, orHttpError } from "~/web/http.server";
import { loadConfig } from "~/utils/config.server";
import { emailField, idField, optionalText, roleField } from "~/web/validation";
import { rateLimitAnswer, retryAfterHeaders } from "~/utils/rate-limit.server";
import { pageTitle } from "~/web/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

/** A facilitator invites to any agency; an agency administrator to their own (the model holds the rule). */
const MANAGE = ["invitations.manage", "invitations.manageOwnAgency"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, MANAGE);
  return orHttpError(() => ({
    pending: listPendingInvitations({ actor }),
    ...invitationChoices({ actor }),
  }));
}

const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField(),
  role: roleField(),
  agencyId: idField("validation.agency"),
  responsibility: optionalText(300),
});
const RevokeSchema = z.object({ intent: z.literal("revoke"), invitationId: idField() });
const ActionSchema = z.discriminatedUnion("intent", [InviteSchema, RevokeSchema]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t, locale } = await requireMember(request, context, params.slug, MANAGE);
  const form = await request.formData();
  const intent = intentOf(form);
  const values = { email: String(form.get("email") ?? "").slice(0, 300) };
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent, values });
  const input = parsed.data;
  if (input.intent === "revoke") {
    const revoke = () => revokeInvitation({ actor, invitationId: input.invitationId });
    return answer(t, revoke, { intent, values, message: ({ email }) => t("invite.revoked", { email }) });
  }
  const limited = rateLimitAnswer("invitations", actor.userId, t, (message): Answer => ({
    ok: false,
    intent,
    message: null,
    errors: { email: message },
    values,
  }));
  if (limited) return limited;
  const message = t(loadConfig().smtpUrl ? "invite.sent" : "invite.created", { email: input.email });
  return answer(t, () => createInvitation({ actor, ...input, baseUrl: baseUrl(request), locale }), { intent, values, message });
}

export default function Invitations() {
  const { t, dateTime } = useI18n();
  const { pending, agencies, roles, ownAgency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = errorsOf(actionData);
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "invite";
  useEffect(() => {
    if (actionData?.ok) formRef.current?.reset();
  }, [actionData]);
  return (
    <Page title={t("invite.title")} lead={ownAgency ? t("agencyAdmin.inviteIntro", { agency: ownAgency.name }) : t("invite.intro")}>
      <SuccessMessage message={messageOf(actionData)} />
      <Form method="post" className="form" noValidate ref={formRef}>
        <FormErrors errors={errors} />
        <input type="hidden" name="intent" value="invite" />
        <Textfield
          id="email"
          name="email"
          type="email"
          label={t("invite.email")}
          autoComplete="off"
          defaultValue={actionData?.ok ? "" : (actionData?.values?.email ?? "")}
          error={errors.email}
          required
        />
        <SelectField
          id="role"
          name="role"
          label={t("invite.role")}
          description={
            <ul className="role-help">
              {roles.map((role) => (
                <li key={role}>
                  <strong>{t(`role.${role}`)}</strong> {t(`role.help.${role}`)}
                </li>
              ))}
            </ul>
          }
          defaultValue="participant"
          options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          error={errors.role}
        />
        {ownAgency ? (
          // An agency administrator invites to their own agency only: named, not chosen.
          <>
            <input type="hidden" name="agencyId" value={ownAgency.id} />
            <Paragraph id="agencyId">
              {t("agencyAdmin.inviteAgency", { agency: agencyLabel(ownAgency.name, ownAgency.shortName) })}
            </Paragraph>
          </>
        ) : (
          <SelectField
            id="agencyId"
            name="agencyId"
            label={t("invite.agency")}
            placeholder={t("invite.chooseAgency")}
            options={agencies.map((a) => ({ value: a.id, label: agencyLabel(a.name, a.shortName) }))}
            error={errors.agencyId}
            required
          />
        )}
        <Textfield
          id="responsibility"
          name="responsibility"
          label={t("invite.responsibility")}
          description={t("invite.responsibilityHelp")}
          error={errors.responsibility}
        />
        <div>
          <Button type="submit" loading={submitting}>
            {t("invite.submit")}
          </Button>
        </div>
      </Form>
      <section aria-labelledby="pending-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="pending-heading">
          {ownAgency ? t("agencyAdmin.pendingOf", { agency: ownAgency.shortName }) : t("invite.pending")}
        </Heading>
        {pending.length === 0 ? (
          <Paragraph>{t("invite.noPending")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("invite.email")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("invite.role")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("invite.agency")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("invite.sentBy")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("invite.expires")}</Table.HeaderCell>
                  <Table.HeaderCell>
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {pending.map((invitation) => (
                  <Table.Row key={invitation.id}>
                    <Table.Cell>{invitation.email}</Table.Cell>
                    <Table.Cell>{t(`role.${invitation.role}`)}</Table.Cell>
                    <Table.Cell>{invitation.agencyName}</Table.Cell>
                    <Table.Cell>{invitation.invitedBy ?? "–"}</Table.Cell>
                    <Table.Cell>{dateTime(invitation.expiresAt)}</Table.Cell>
                    <Table.Cell>
                      <RowAction
                        intent="revoke"
                        fields={{ invitationId: invitation.id }}
                        label={t("invite.revoke")}
                        name={invitation.email}
                      />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </Page>
  );
}
