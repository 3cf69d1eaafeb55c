import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Button, Details, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { SeriesChart } from "~/components/figures/figure-charts";
import { MetricFields } from "~/components/figures/metric-fields";
import { CsvLink } from "~/components/figures/numbers-table";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { LANGUAGE_TAGS } from "~/i18n";
import { useI18n } from "~/i18n/use-t";
import { listFigures, updateMetric } from "~/models/figures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { MetricSchema } from "~/web/figure-forms";
import { formatPeriod, formatShown } from "~/utils/figures";
import { refused } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { formToObject, parseForm } from "~/web/forms.server";
import { idParam, runModel, orHttpError } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "figures.metric", data?.metric.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "figures.view");
  const metricId = idParam(params.metricId);
  return orHttpError(() => {
    const { metric, rows } = listFigures({ actor, metricId });
    const canManage = can(actor.role, "figures.manageMetrics");
    return { slug: actor.networkSlug, metric, rows, canManage, agencies: canManage ? listNetworkAgencies({ actor }) : [] };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "figures.manageMetrics");
  const metricId = idParam(params.metricId);
  const form = await request.formData();
  const parsed = parseForm(MetricSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { values: formToObject(form) });
  const saved = await runModel(t, () => updateMetric({ actor, metricId, input: parsed.data }));
  if (!saved.ok) return refused(saved.errors, { status: saved.status, values: formToObject(form) });
  return redirect(`/n/${actor.networkSlug}/figures/metrics/${metricId}?saved=1`);
}

export default function MetricPage() {
  const { t, locale, dateTime } = useI18n();
  const { slug, metric, rows, canManage, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const published = rows.filter((r) => r.status === "published").reverse();
  const show = (shown: { value: number | null; suppressed: boolean }) => formatShown(shown, metric.threshold, locale);
  const period = (p: string) => formatPeriod(p, metric.cadence, locale);
  const seesDrafts = rows.some((r) => r.status === "draft" || r.history.length > 0);
  return (
    <Page title={metric.name} lead={metric.description || undefined}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/figures`}>{t("figures.back")}</RemixLink>
        </Link>
      </Paragraph>
      <SuccessMessage
        message={params.get("created") ? t("figures.metricCreated") : params.get("saved") ? t("figures.metricSaved") : null}
      />
      <dl className="stat-list">
        <div>
          <dt>{t("figures.reportingAgency")}</dt>
          <dd>{metric.agency}</dd>
        </div>
        <div>
          <dt>{t("figures.stage")}</dt>
          <dd>{t(`figures.stage.${metric.stage}`)}</dd>
        </div>
        <div>
          <dt>{t("figures.unit")}</dt>
          <dd>{metric.unit}</dd>
        </div>
        <div>
          <dt>{t("figures.cadence")}</dt>
          <dd>{t(`figures.cadence.${metric.cadence}`)}</dd>
        </div>
        <div>
          <dt>{t("figures.threshold")}</dt>
          <dd>{metric.threshold > 0 ? t("figures.thresholdShort", { threshold: metric.threshold }) : t("figures.thresholdNone")}</dd>
        </div>
      </dl>
      {metric.canReport ? (
        <Paragraph>
          <Button asChild variant="secondary">
            <RemixLink to={`/n/${slug}/figures/report`}>{t("figures.report")}</RemixLink>
          </Button>
        </Paragraph>
      ) : null}

      <section aria-labelledby="values" className="stack-sm">
        <Heading level={2} data-size="sm" id="values">
          {t("figures.values")}
        </Heading>
        {published.length ? (
          <SeriesChart
            label={t("figures.seriesChart", { name: metric.name })}
            locale={LANGUAGE_TAGS[locale]}
            height={240}
            data={published.map((r) => ({ name: r.period.slice(5), value: r.shown.value, shown: show(r.shown) }))}
          />
        ) : null}
        {rows.length === 0 ? (
          <Paragraph>{t("figures.noneYet")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table data-size="sm" className="numbers-table">
              <caption className="visually-hidden">{t("figures.values")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("figures.period")}</Table.HeaderCell>
                  <Table.HeaderCell className="num">{t("figures.value")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("figures.comment")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("figures.statusLabel")}</Table.HeaderCell>
                  {seesDrafts ? <Table.HeaderCell>{t("figures.history")}</Table.HeaderCell> : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((r) => (
                  <Table.Row key={r.id}>
                    <Table.Cell>{period(r.period)}</Table.Cell>
                    <Table.Cell className="num">{show(r.shown)}</Table.Cell>
                    <Table.Cell>{r.comment}</Table.Cell>
                    <Table.Cell>
                      <Tag data-color={r.status === "published" ? "success" : "warning"}>{t(`figures.status.${r.status}`)}</Tag>
                      {r.correctedAt ? ` ${t("figures.correctedAt", { at: dateTime(r.correctedAt) })}` : ""}
                    </Table.Cell>
                    {seesDrafts ? (
                      <Table.Cell>
                        {r.history.length > 1 ? (
                          <Details>
                            <Details.Summary>{t("figures.historyCount", { count: r.history.length })}</Details.Summary>
                            <Details.Content>
                              <ul className="plain-list">
                                {r.history.map((h, i) => (
                                  <li key={i}>
                                    {dateTime(h.at)}: {t(`figures.change.${h.change}`)} {show(h.shown)}
                                    {h.by ? ` (${h.by})` : ""}
                                    {h.comment ? ` – ${h.comment}` : ""}
                                  </li>
                                ))}
                              </ul>
                            </Details.Content>
                          </Details>
                        ) : (
                          "–"
                        )}
                      </Table.Cell>
                    ) : null}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        <CsvLink
          href={`/n/${slug}/figures.csv?chart=metric&metric=${metric.id}&from=2000-01-01`}
          label={t("figures.csvOf", { chart: metric.name })}
        />
      </section>

      {canManage ? (
        <section aria-labelledby="edit" className="stack-sm">
          <Heading level={2} data-size="sm" id="edit">
            {t("figures.editMetric")}
          </Heading>
          <Form method="post" className="form" noValidate>
            <FormErrors errors={errorsOf(actionData)} />
            <MetricFields
              agencies={agencies}
              values={actionData?.values ?? metric}
              errors={errorsOf(actionData)}
              cadenceLocked={rows.length > 0}
            />
            <div>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("figures.saveMetric")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  );
}
