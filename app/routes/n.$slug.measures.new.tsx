import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button } from "@digdir/designsystemet-react";
import { MeasureFieldset } from "~/components/measures/measure-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { createMeasure, listNeeds } from "~/models/measures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { refused } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { NewMeasureSchema } from "~/web/measure-forms";
import { PHASES } from "~/utils/measures";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "measures.new");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "measures.propose");
  return {
    agencies: listNetworkAgencies({ actor }),
    needs: listNeeds({ actor }),
    canManage: can(actor.role, "measures.manage"),
    agencyId: actor.agencyId,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.propose");
  const parsed = parseForm(NewMeasureSchema, await request.formData(), t);
  if (!parsed.ok) return refused(parsed.errors);
  const { phase, ...input } = parsed.data;
  const created = await runModel(t, () => createMeasure({ actor, input, phase }));
  if (!created.ok) return refused(created.errors, { status: created.status });
  return redirect(`/n/${actor.networkSlug}/measures/${created.value.id}?created=1`);
}

export default function NewMeasure() {
  const { t } = useI18n();
  const { agencies, needs, canManage, agencyId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = errorsOf(actionData);
  return (
    <Page title={canManage ? t("measures.new") : t("measures.propose")}>
      {!canManage ? <Alert data-color="info">{t("measures.proposeNote")}</Alert> : null}
      <Form method="post" className="form" noValidate>
        <FormErrors errors={errors} />
        <MeasureFieldset agencies={agencies} needs={needs} errors={errors} values={{ responsibleAgencyId: canManage ? null : agencyId }} />
        {canManage ? (
          <SelectField
            id="phase"
            name="phase"
            label={t("measures.phase")}
            defaultValue="identified"
            options={PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
            error={errors.phase}
          />
        ) : null}
        <div>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("measures.create")}
          </Button>
        </div>
      </Form>
    </Page>
  );
}
