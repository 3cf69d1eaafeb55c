import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Card, Checkbox, Fieldset, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { CompareChart, FlowChart, SeriesChart, STAGE_COLORS } from "~/components/figures/figure-charts";
import { CsvLink, NumbersTable } from "~/components/figures/numbers-table";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { LANGUAGE_TAGS } from "~/i18n";
import { useI18n } from "~/i18n/use-t";
import { figuresDashboard } from "~/models/figure-dashboard.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { parseFigureFilter } from "~/web/figure-filter.server";
import { formatPeriod, formatShown, JOURNEY_STAGES, type Cadence, type ShownValue } from "~/utils/figures";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "figures.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "figures.view");
  const filters = parseFigureFilter(new URL(request.url));
  const d = figuresDashboard({ actor, filters });
  const agencies = [...new Map(d.metrics.map((m) => [m.agencyId, m.agency])).entries()].sort((a, b) => a[1].localeCompare(b[1], "nb"));
  return {
    slug: actor.networkSlug,
    filters,
    range: d.range,
    page: d.page,
    flow: d.flow,
    compare: d.compare,
    // The filter and comparison choices need names only.
    choices: d.metrics.map((m) => ({ id: m.id, name: m.name, agency: m.agency })),
    agencies: agencies.map(([id, name]) => ({ id, name })),
    canReport: d.metrics.some((m) => m.canReport),
    canManage: can(actor.role, "figures.manageMetrics"),
  };
}

export default function FiguresDashboard() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const tag = LANGUAGE_TAGS[locale];
  const base = `/n/${d.slug}/figures`;
  const shown = (s: ShownValue | null | undefined, threshold: number) => (s ? formatShown(s, threshold, locale) : "–");
  const period = (p: string, cadence: Cadence) => formatPeriod(p, cadence, locale);
  const csv = (chart: string, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(params);
    q.set("chart", chart);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${base}.csv?${q.toString()}`;
  };
  const pageLink = (n: number) => {
    const q = new URLSearchParams(params);
    q.set("page", String(n));
    return `?${q.toString()}`;
  };
  const compareIds = new Set(d.compare.metrics.map((m) => m.id));

  return (
    <Page
      title={t("figures.title")}
      lead={t("figures.intro")}
      actions={
        <>
          {d.canReport ? (
            <Button asChild variant="primary">
              <RemixLink to={`${base}/report`}>{t("figures.report")}</RemixLink>
            </Button>
          ) : null}
          <Button asChild variant="secondary">
            <RemixLink to={`${base}/metrics`}>{d.canManage ? t("figures.manageMetrics") : t("figures.metrics")}</RemixLink>
          </Button>
        </>
      }
    >
      <Form method="get" className="filters" role="search" aria-label={t("figures.filter")}>
        <SelectField
          id="stage"
          name="stage"
          label={t("figures.stage")}
          placeholder={t("figures.allStages")}
          defaultValue={d.filters.stage ?? ""}
          options={JOURNEY_STAGES.map((s) => ({ value: s, label: t(`figures.stage.${s}`) }))}
        />
        <SelectField
          id="agency"
          name="agency"
          label={t("figures.agency")}
          placeholder={t("figures.allAgencies")}
          defaultValue={d.filters.agencyId ?? ""}
          options={d.agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Textfield id="from" name="from" type="date" label={t("figures.from")} defaultValue={d.range.from} />
        <Textfield id="to" name="to" type="date" label={t("figures.to")} defaultValue={d.range.to} />
        {d.compare.metrics.map((m) =>
          params.getAll("compare").length ? <input key={m.id} type="hidden" name="compare" value={m.id} /> : null,
        )}
        <div>
          <Button type="submit" variant="secondary">
            {t("figures.apply")}
          </Button>
        </div>
      </Form>

      <section aria-labelledby="flow" className="stack-sm">
        <Heading level={2} data-size="sm" id="flow">
          {d.flow.week ? t("figures.flowTitle", { period: period(d.flow.week, "weekly") }) : t("figures.flowTitleEmpty")}
        </Heading>
        <Paragraph data-size="sm">{t("figures.flowHelp")}</Paragraph>
        {d.flow.weeks.length > 1 ? (
          <Form method="get" className="row">
            {[...params.entries()]
              .filter(([key]) => key !== "week")
              .map(([key, value], i) => (
                <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
              ))}
            <SelectField
              id="flow-week"
              name="week"
              label={t("figures.flowWeek")}
              defaultValue={d.flow.week ?? ""}
              options={d.flow.weeks.map((w) => ({
                value: w.week,
                label: t("figures.flowWeekOption", { period: period(w.week, "weekly"), count: w.stages, total: d.flow.stages }),
              }))}
            />
            <div>
              <Button type="submit" variant="secondary">
                {t("figures.flowShow")}
              </Button>
            </div>
          </Form>
        ) : null}
        {d.flow.rows.length ? (
          <>
            <FlowChart
              label={t("figures.flowChart")}
              locale={tag}
              data={d.flow.rows.map((r) => ({
                name: `${r.metric.name} (${r.metric.agency})`,
                value: r.shown?.value ?? null,
                shown: shown(r.shown, r.metric.threshold),
                stage: r.metric.stage,
              }))}
            />
            <NumbersTable
              caption={t("figures.flowChart")}
              columns={[t("figures.stage"), t("figures.metric"), t("figures.agency"), t("figures.period"), t("figures.value")]}
              numeric={[4]}
              rows={d.flow.rows.map((r) => [
                <span key="s" className="stage-label" style={{ borderColor: STAGE_COLORS[r.metric.stage] }}>
                  {t(`figures.stage.${r.metric.stage}`)}
                </span>,
                <RemixLink key="m" className="ds-link" to={`${base}/metrics/${r.metric.id}`}>
                  {r.metric.name}
                </RemixLink>,
                r.metric.agency,
                period(r.period, r.metric.cadence),
                r.shown
                  ? `${shown(r.shown, r.metric.threshold)} ${r.metric.unit}`
                  : r.latest
                    ? t("figures.notForPeriodLatest", {
                        latest: period(r.latest.period, r.metric.cadence),
                        value: `${shown(r.latest.shown, r.metric.threshold)} ${r.metric.unit}`,
                      })
                    : t("figures.notPublished"),
              ])}
            />
            <CsvLink href={csv("flow")} label={t("figures.csvOf", { chart: t("figures.flowChart") })} />
          </>
        ) : (
          <Paragraph>{t("figures.noneYet")}</Paragraph>
        )}
      </section>

      <section aria-labelledby="compare" className="stack-sm">
        <Heading level={2} data-size="sm" id="compare">
          {t("figures.compareTitle")}
        </Heading>
        <Form method="get" className="stack-sm">
          {d.filters.stage ? <input type="hidden" name="stage" value={d.filters.stage} /> : null}
          {d.filters.agencyId ? <input type="hidden" name="agency" value={d.filters.agencyId} /> : null}
          <input type="hidden" name="from" value={d.range.from} />
          <input type="hidden" name="to" value={d.range.to} />
          <Fieldset>
            <Fieldset.Legend>{t("figures.compareChoose")}</Fieldset.Legend>
            <div className="checkbox-columns">
              {d.choices.slice(0, 60).map((m) => (
                <Checkbox
                  key={m.id}
                  name="compare"
                  value={String(m.id)}
                  defaultChecked={compareIds.has(m.id)}
                  label={`${m.name} (${m.agency})`}
                />
              ))}
            </div>
          </Fieldset>
          <Checkbox
            name="index"
            value="1"
            defaultChecked={d.compare.index}
            label={t("figures.asIndex")}
            description={t("figures.asIndexHelp")}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("figures.compareShow")}
            </Button>
          </div>
        </Form>
        {d.compare.rows.length ? (
          <>
            <CompareChart
              label={t("figures.compareTitle")}
              locale={tag}
              series={d.compare.metrics.map((m) => ({ key: `m${m.id}`, name: `${m.name} (${m.agency})` }))}
              data={d.compare.rows.map((r) => ({
                name: r.period.slice(5),
                ...Object.fromEntries(d.compare.metrics.map((m) => [`m${m.id}`, r.cells[m.id]?.value ?? null])),
              }))}
            />
            <NumbersTable
              caption={t("figures.compareTitle")}
              columns={[
                t("figures.periodStart"),
                ...d.compare.metrics.map((m) => `${m.name} (${d.compare.index ? t("figures.indexUnit") : m.unit})`),
              ]}
              numeric={d.compare.metrics.map((_, i) => i + 1)}
              rows={d.compare.rows.map((r) => [r.period, ...d.compare.metrics.map((m) => shown(r.cells[m.id], m.threshold))])}
              collapsed={t("figures.showNumbers")}
            />
            <CsvLink href={csv("compare")} label={t("figures.csvOf", { chart: t("figures.compareTitle") })} />
          </>
        ) : (
          <Paragraph>{t("figures.noneInRange")}</Paragraph>
        )}
      </section>

      <section aria-labelledby="per-metric" className="stack-sm">
        <Heading level={2} data-size="sm" id="per-metric">
          {t("figures.perMetric")}
        </Heading>
        <Paragraph data-size="sm">{t("figures.perMetricCount", { count: d.page.total, page: d.page.page, pages: d.page.pages })}</Paragraph>
        <div className="figure-cards">
          {d.page.items.map((s) => (
            <Card key={s.metric.id} data-testid="metric-card" className="figure-card">
              <Heading level={3} data-size="2xs">
                <RemixLink className="ds-link" to={`${base}/metrics/${s.metric.id}`}>
                  {s.metric.name}
                </RemixLink>
              </Heading>
              <Paragraph data-size="sm" className="muted">
                {s.metric.agency} · {t(`figures.stage.${s.metric.stage}`)} · {s.metric.unit}
              </Paragraph>
              <p className="figure-latest">
                <strong>{shown(s.latest, s.metric.threshold)}</strong> {s.latest ? period(s.latest.period, s.metric.cadence) : ""}
                <br />
                <ChangeText change={s.change} percent={s.changePercent} cadence={s.metric.cadence} />
              </p>
              <SeriesChart
                label={t("figures.seriesChart", { name: s.metric.name })}
                locale={tag}
                data={s.points.map((p) => ({ name: p.period.slice(5), value: p.value, shown: shown(p, s.metric.threshold) }))}
              />
              <NumbersTable
                caption={t("figures.seriesChart", { name: s.metric.name })}
                columns={[t("figures.period"), t("figures.value")]}
                numeric={[1]}
                rows={s.points.map((p) => [period(p.period, s.metric.cadence), shown(p, s.metric.threshold)])}
                collapsed={t("figures.showNumbers")}
              />
              <CsvLink href={csv("metric", { metric: String(s.metric.id) })} label={t("figures.csvOf", { chart: s.metric.name })} />
            </Card>
          ))}
        </div>
        {d.page.pages > 1 ? (
          <nav aria-label={t("figures.pages")} className="row">
            {d.page.page > 1 ? (
              <Link asChild>
                <RemixLink to={pageLink(d.page.page - 1)}>{t("figures.previousPage")}</RemixLink>
              </Link>
            ) : null}
            <span>{t("figures.pageOf", { page: d.page.page, pages: d.page.pages })}</span>
            {d.page.page < d.page.pages ? (
              <Link asChild>
                <RemixLink to={pageLink(d.page.page + 1)}>{t("figures.nextPage")}</RemixLink>
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="change" className="stack-sm">
        <Heading level={2} data-size="sm" id="change">
          {t("figures.changeTitle")}
        </Heading>
        <div className="table-wrap">
          <Table data-size="sm" className="numbers-table">
            <caption className="visually-hidden">{t("figures.changeTitle")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("figures.metric")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.agency")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.period")}</Table.HeaderCell>
                <Table.HeaderCell className="num">{t("figures.value")}</Table.HeaderCell>
                <Table.HeaderCell className="num">{t("figures.previous")}</Table.HeaderCell>
                <Table.HeaderCell>{t("figures.change")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {d.page.items.map((s) => (
                <Table.Row key={s.metric.id}>
                  <Table.Cell>{s.metric.name}</Table.Cell>
                  <Table.Cell>{s.metric.agency}</Table.Cell>
                  <Table.Cell>{s.latest ? period(s.latest.period, s.metric.cadence) : "–"}</Table.Cell>
                  <Table.Cell className="num">{shown(s.latest, s.metric.threshold)}</Table.Cell>
                  <Table.Cell className="num">{shown(s.previous, s.metric.threshold)}</Table.Cell>
                  <Table.Cell>
                    <ChangeText change={s.change} percent={s.changePercent} cadence={s.metric.cadence} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
        <CsvLink href={csv("change")} label={t("figures.csvOf", { chart: t("figures.changeTitle") })} />
      </section>
    </Page>
  );
}

/** "▲ +120 (+5.2 %) since last week", in words as well as the arrow. */
function ChangeText({ change, percent, cadence }: { change: number | null; percent: number | null; cadence: Cadence }) {
  const { t, locale } = useI18n();
  if (change === null) return <span className="muted">{t("figures.noChange")}</span>;
  const format = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const since = cadence === "weekly" ? t("figures.sinceLastWeek") : t("figures.sinceLastMonth");
  const arrow = change > 0 ? "▲" : change < 0 ? "▼" : "■";
  const word = change > 0 ? t("figures.up") : change < 0 ? t("figures.down") : t("figures.same");
  return (
    <span>
      <span aria-hidden="true">{arrow} </span>
      <span className="visually-hidden">{word} </span>
      {format.format(change)}
      {percent !== null ? ` (${format.format(percent)} %)` : ""} {since}
    </span>
  );
}
