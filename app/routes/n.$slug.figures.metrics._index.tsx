import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { MetricFields } from "~/components/figures/metric-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { z } from "zod";
import { createMetric, getLock, listMetrics, lockPeriods } from "~/models/figures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { LockSchema, MetricSchema } from "~/web/figure-forms";
import { intentOf, refused } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { formToObject, parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "figures.metrics");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "figures.view");
  const canManage = can(actor.role, "figures.manageMetrics");
  return {
    slug: actor.networkSlug,
    metrics: listMetrics({ actor }),
    canManage,
    agencies: canManage ? listNetworkAgencies({ actor }) : [],
    lock: getLock({ actor }),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  MetricSchema.extend({ intent: z.literal("create") }),
  LockSchema.extend({ intent: z.literal("lock") }),
]);

/** A new metric, or the periods locked through a date (or unlocked). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "figures.manageMetrics");
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent, values: formToObject(form) });
  const input = parsed.data;
  if (input.intent === "lock") {
    const locked = await runModel(t, () => lockPeriods({ actor, through: input.through }));
    if (!locked.ok) return refused(locked.errors, { intent, status: locked.status });
    return redirect(`/n/${actor.networkSlug}/figures/metrics?locked=1`);
  }
  const { intent: _, ...metric } = input;
  const created = await runModel(t, () => createMetric({ actor, input: metric }));
  if (!created.ok) return refused(created.errors, { intent, status: created.status, values: formToObject(form) });
  return redirect(`/n/${actor.networkSlug}/figures/metrics/${created.value.id}?created=1`);
}

export default function Metrics() {
  const { t } = useI18n();
  const { slug, metrics, canManage, agencies, lock } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const created = actionData?.intent === "create" ? actionData : undefined;
  const lockErrors = errorsOf(actionData, "lock");
  return (
    <Page title={t("figures.metrics")} lead={t("figures.metricsIntro")}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/figures`}>{t("figures.back")}</RemixLink>
        </Link>
      </Paragraph>
      <SuccessMessage message={params.get("locked") ? (lock ? t("figures.lockedThrough", { date: lock }) : t("figures.unlocked")) : null} />
      {metrics.length === 0 ? (
        <Paragraph>{t("figures.noMetrics")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table data-size="sm">
            <caption className="visually-hidden">{t("figures.metrics")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("figures.metricName")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.stage")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.reportingAgency")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.unit")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.cadence")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.threshold")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {metrics.map((m) => (
                <Table.Row key={m.id}>
                  <Table.Cell>
                    <RemixLink className="ds-link" to={`/n/${slug}/figures/metrics/${m.id}`}>
                      {m.name}
                    </RemixLink>
                  </Table.Cell>
                  <Table.Cell>{t(`figures.stage.${m.stage}`)}</Table.Cell>
                  <Table.Cell>{m.agency}</Table.Cell>
                  <Table.Cell>{m.unit}</Table.Cell>
                  <Table.Cell>{t(`figures.cadence.${m.cadence}`)}</Table.Cell>
                  <Table.Cell>
                    {m.threshold > 0 ? t("figures.thresholdShort", { threshold: m.threshold }) : t("figures.thresholdNone")}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}

      {canManage ? (
        <>
          <section aria-labelledby="new-metric" className="stack-sm">
            <Heading level={2} data-size="sm" id="new-metric">
              {t("figures.newMetric")}
            </Heading>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="create" />
              <FormErrors errors={errorsOf(created)} />
              <MetricFields agencies={agencies} values={created?.values} errors={errorsOf(created)} />
              <div>
                <Button type="submit" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"}>
                  {t("figures.createMetric")}
                </Button>
              </div>
            </Form>
          </section>
          <section aria-labelledby="lock" className="stack-sm">
            <Heading level={2} data-size="sm" id="lock">
              {t("figures.lockTitle")}
            </Heading>
            <Paragraph data-size="sm">{lock ? t("figures.lockedThrough", { date: lock }) : t("figures.lockNone")}</Paragraph>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="lock" />
              <FormErrors errors={lockErrors} />
              <Textfield
                id="through"
                name="through"
                type="date"
                label={t("figures.lockThrough")}
                description={t("figures.lockHelp")}
                defaultValue={lock ?? ""}
                error={lockErrors.through}
              />
              <div>
                <Button type="submit" variant="secondary">
                  {t("figures.lockSave")}
                </Button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
    </Page>
  );
}
