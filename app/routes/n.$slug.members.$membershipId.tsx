import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Details, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { FormErrors } from "~/components/ui/form-errors";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { getMemberPage, removeMember, updateMember, updateOwnResponsibility } from "~/models/members.server";
import { resetSecondStep, secondStepOf } from "~/models/passkey-reset.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { idParam, runModel, orHttpError } from "~/web/http.server";
import { ROLES } from "~/utils/roles";
import { optionalText, roleField } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.editMember");

// Who may open the page is the model's rule: a manager whose scope reaches the member, or the member.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "members.view");
  const membershipId = idParam(params.membershipId);
  return orHttpError(() => {
    const page = getMemberPage({ actor, membershipId });
    const secondStep = page.mode !== "own" && can(actor.role, "members.resetSecondStep") ? secondStepOf({ actor, membershipId }) : null;
    return { slug: actor.networkSlug, ...page, secondStep };
  });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), role: roleField(), responsibility: optionalText(300) }),
  z.object({ intent: z.literal("remove") }),
  z.object({ intent: z.literal("responsibility"), responsibility: optionalText(300) }),
  z.object({ intent: z.literal("reset-second-step") }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "members.view");
  const membershipId = idParam(params.membershipId);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "responsibility") {
    const { responsibility } = input;
    return answer(t, () => updateOwnResponsibility({ actor, membershipId, responsibility }), {
      intent,
      message: t("ownResponsibility.saved"),
    });
  }
  if (input.intent === "update") {
    const { role, responsibility } = input;
    return answer(t, () => updateMember({ actor, membershipId, role, responsibility }), { intent, message: t("members.saved") });
  }
  if (input.intent === "reset-second-step") {
    return answer(t, () => resetSecondStep({ actor, membershipId }), {
      intent,
      message: (reset) => t("passkeys.resetDone", { name: reset.name, count: reset.removed }),
    });
  }
  // The member is gone, so the directory is where this ends.
  const removed = await runModel(t, () => removeMember({ actor, membershipId }));
  if (!removed.ok) return refused(removed.errors, { intent, status: removed.status });
  return redirect(`/n/${actor.networkSlug}/members?removed=${encodeURIComponent(removed.value.name)}`);
}

export default function EditMember() {
  const { t } = useI18n();
  const { slug, member, mode, roles, agencyAdmins, secondStep } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = errorsOf(actionData);
  const own = mode === "own";
  return (
    <Page
      title={own ? t("ownResponsibility.title") : t("members.editTitle", { name: member.name })}
      lead={`${member.email} · ${member.agencyName ?? t("members.noAgency")}`}
    >
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/members`}>{t("members.back")}</RemixLink>
        </Link>
      </Paragraph>
      {member.agencyShortName ? (
        <Paragraph data-testid="agency-admins">
          {agencyAdmins.length > 0
            ? t("agencyAdmin.adminsOf", { agency: member.agencyShortName, names: agencyAdmins.map((a) => a.name).join(", ") })
            : t("agencyAdmin.noneOf", { agency: member.agencyShortName })}
        </Paragraph>
      ) : null}
      <SuccessMessage message={messageOf(actionData)} />
      {/* A member writes their own responsibility; a manager also changes the role. */}
      <Form method="post" className="form" noValidate>
        <FormErrors
          errors={errors}
          fieldIds={own ? { responsibility: "responsibility" } : { role: "role", responsibility: "responsibility" }}
        />
        <input type="hidden" name="intent" value={own ? "responsibility" : "update"} />
        {own ? null : (
          <SelectField
            id="role"
            name="role"
            label={t("members.role")}
            defaultValue={member.role}
            options={(roles ?? ROLES).map((role) => ({ value: role, label: t(`role.${role}`) }))}
            error={errors.role}
          />
        )}
        <Textfield
          id="responsibility"
          name="responsibility"
          label={t("members.responsibility")}
          description={own ? t("ownResponsibility.intro") : undefined}
          defaultValue={member.responsibility}
          error={errors.responsibility}
          multiline
          rows={3}
        />
        <div>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("members.save")}
          </Button>
        </div>
      </Form>
      {own ? null : (
        <>
          {secondStep ? <SecondStep name={member.name} passkeys={secondStep.passkeys} required={secondStep.required} /> : null}
          <Details>
            <Details.Summary>{t("members.remove")}</Details.Summary>
            <Details.Content>
              <Form method="post" className="stack-sm">
                <input type="hidden" name="intent" value="remove" />
                <Paragraph>{t("members.removeWarning", { name: member.name })}</Paragraph>
                <div>
                  <Button type="submit" data-color="danger">
                    {t("members.removeConfirm", { name: member.name })}
                  </Button>
                </div>
              </Form>
            </Details.Content>
          </Details>
        </>
      )}
    </Page>
  );
}

/** The member's passkeys and requirement, and the facilitator's reset when a device is lost. */
function SecondStep({ name, passkeys, required }: { name: string; passkeys: number; required: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="second-step-heading" className="stack-sm">
      <Heading level={2} data-size="xs" id="second-step-heading">
        {t("passkeys.memberTitle")}
      </Heading>
      <Paragraph>
        {t("passkeys.memberCount", { count: passkeys })}. {t(required ? "passkeys.memberRequired" : "passkeys.memberNotRequired")}
      </Paragraph>
      {passkeys > 0 || required ? (
        <Details>
          <Details.Summary>{t("passkeys.reset")}</Details.Summary>
          <Details.Content>
            <Form method="post" className="stack-sm">
              <input type="hidden" name="intent" value="reset-second-step" />
              <Paragraph>{t("passkeys.resetWarning", { name })}</Paragraph>
              <div>
                <Button type="submit" data-color="danger">
                  {t("passkeys.resetConfirm", { name })}
                </Button>
              </div>
            </Form>
          </Details.Content>
        </Details>
      ) : null}
    </section>
  );
}
