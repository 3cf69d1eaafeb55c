/**
 * What the figure dashboards show: published values only, small values suppressed for everyone
 * outside the reporting agency. Sized for networks with hundreds of metrics: metrics are paged, and
 * each query reads only the page's metrics over the chosen range through the (metric, status, period)
 * index.
 */
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { figures } from "../../db/schema";
import { previousPeriod, shownValue, type JourneyStage, type ShownValue } from "~/utils/figures";
import { listMetrics, type MetricRow } from "./figures.server";
import { assertCan, type Actor } from "./permissions.server";

export const DASHBOARD_PAGE_SIZE = 12;
export const MAX_COMPARE = 6;

export interface DashboardFilters {
  stage: JourneyStage | null;
  agencyId: number | null;
  from: string | null;
  to: string | null;
  page: number;
  compare: number[];
  /** Show the comparison as an index (first value in the range = 100), for metrics of different sizes. */
  index: boolean;
  /** The week the journey flow shows (its Monday); null: the newest week most stages have reported. */
  flowWeek: string | null;
}

export interface Point extends ShownValue {
  period: string;
}

export interface MetricSummary {
  metric: MetricRow;
  points: Point[];
  latest: Point | null;
  previous: Point | null;
  /** Change from the period before the latest; null when either is missing or suppressed. */
  change: number | null;
  changePercent: number | null;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The newest published period of any of these metrics: one index seek per metric. */
function newestPeriod(metricIds: number[]): string | null {
  if (metricIds.length === 0) return null;
  // Written out with aliases: unqualified names inside the subquery would bind to the inner table.
  const row = db.get<{ newest: string | null }>(
    sql`select max((select max(f.period) from figures f where f.metric_id = m.id and f.status = 'published')) as newest from metrics m where m.id in (${sql.join(
      metricIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return row?.newest ?? null;
}

function publishedValues(metricIds: number[], from: string, to: string) {
  if (metricIds.length === 0) return [];
  return db
    .select({ metricId: figures.metricId, period: figures.period, value: figures.value })
    .from(figures)
    .where(and(inArray(figures.metricId, metricIds), eq(figures.status, "published"), gte(figures.period, from), lte(figures.period, to)))
    .orderBy(figures.metricId, figures.period)
    .all();
}

function lastTwo(metricId: number) {
  return db
    .select({ period: figures.period, value: figures.value })
    .from(figures)
    .where(and(eq(figures.metricId, metricId), eq(figures.status, "published")))
    .orderBy(sql`${figures.period} desc`)
    .limit(2)
    .all();
}

function summarise(metric: MetricRow, values: Array<{ period: string; value: number }>): MetricSummary {
  const show = (v: { period: string; value: number }): Point => ({
    period: v.period,
    ...shownValue(v.value, metric.threshold, metric.isReporter),
  });
  const [latestRaw, previousRaw] = lastTwo(metric.id);
  const latest = latestRaw ? show(latestRaw) : null;
  // Only the period right before counts as "last period"; a gap means no change to show.
  const previous =
    previousRaw && latestRaw && previousRaw.period === previousPeriod(latestRaw.period, metric.cadence) ? show(previousRaw) : null;
  const comparable = latest && previous && latest.value !== null && previous.value !== null;
  const change = comparable ? latest.value! - previous.value! : null;
  const changePercent = comparable && previous.value! !== 0 ? (change! / previous.value!) * 100 : null;
  return { metric, points: values.map(show), latest, previous, change, changePercent };
}

export function figuresDashboard({ actor, filters }: { actor: Actor; filters: DashboardFilters }) {
  assertCan(actor, "figures.view");
  const all = listMetrics({ actor });
  const filtered = all.filter(
    (m) => (!filters.stage || m.stage === filters.stage) && (!filters.agencyId || m.agencyId === filters.agencyId),
  );
  const newest = newestPeriod(all.map((m) => m.id));
  const to = filters.to ?? newest ?? iso(Date.now());
  const from = filters.from ?? iso(Date.parse(`${to}T00:00:00Z`) - 364 * DAY);

  const pages = Math.max(1, Math.ceil(filtered.length / DASHBOARD_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page), pages);
  const onPage = filtered.slice((page - 1) * DASHBOARD_PAGE_SIZE, page * DASHBOARD_PAGE_SIZE);
  const values = publishedValues(
    onPage.map((m) => m.id),
    from,
    to,
  );
  const summaries = onPage.map((metric) =>
    summarise(
      metric,
      values.filter((v) => v.metricId === metric.id),
    ),
  );

  return {
    metrics: all,
    range: { from, to },
    page: { items: summaries, page, pages, total: filtered.length },
    flow: flowOf(all, filters.flowWeek),
    compare: compareOf(all, filters, from, to),
  };
}

/** How many weeks back the flow's week picker reaches. */
const FLOW_WEEKS = 26;

const monthOf = (week: string) => `${week.slice(0, 7)}-01`;

/**
 * The journey in one week: each flow metric's value for that week (monthly metrics: the week's
 * month), in the order of the journey's stages. Agencies publish unevenly (one may be weeks ahead),
 * so the week is the person's choice, by default the newest week that most stages have reported;
 * a metric with nothing for the week shows its own latest published period instead, labelled.
 */
function flowOf(all: MetricRow[], asked: string | null) {
  const flowMetrics = all.filter((m) => m.inFlow);
  const ids = flowMetrics.map((m) => m.id);
  const newest = newestPeriod(flowMetrics.filter((m) => m.cadence === "weekly").map((m) => m.id)) ?? newestPeriod(ids);
  if (!newest) return { week: null, weeks: [], stages: 0, rows: [] };
  const earliest = iso(Date.parse(`${newest}T00:00:00Z`) - FLOW_WEEKS * 7 * DAY);
  const values = publishedValues(ids, monthOf(earliest), newest);
  const byId = new Map(flowMetrics.map((m) => [m.id, m]));
  // For each week: which stages have a value (weekly: that week; monthly: its month).
  const weeks: Array<{ week: string; stages: number }> = [];
  const stageCount = new Set(flowMetrics.map((m) => m.stage)).size;
  for (let ms = Date.parse(`${newest}T00:00:00Z`); iso(ms) >= earliest; ms -= 7 * DAY) {
    const week = iso(ms);
    const reported = new Set(
      values
        .filter((v) => v.period === (byId.get(v.metricId)!.cadence === "weekly" ? week : monthOf(week)))
        .map((v) => byId.get(v.metricId)!.stage),
    );
    if (reported.size) weeks.push({ week, stages: reported.size });
  }
  const most = Math.max(0, ...weeks.map((w) => w.stages));
  const week = asked && weeks.some((w) => w.week === asked) ? asked : (weeks.find((w) => w.stages === most)?.week ?? newest);
  return {
    week,
    weeks,
    stages: stageCount,
    rows: flowMetrics.map((metric) => {
      const period = metric.cadence === "weekly" ? week : monthOf(week);
      const hit = values.find((v) => v.metricId === metric.id && v.period === period);
      const latest = hit ? null : lastTwo(metric.id)[0];
      return {
        metric,
        period,
        shown: hit ? shownValue(hit.value, metric.threshold, metric.isReporter) : null,
        // Nothing for the week: the metric's own latest published value, with its period.
        latest: latest ? { period: latest.period, shown: shownValue(latest.value, metric.threshold, metric.isReporter) } : null,
      };
    }),
  };
}

/** Several metrics on one time axis: one row per period, a column per metric. */
function compareOf(all: MetricRow[], filters: DashboardFilters, from: string, to: string) {
  const byId = new Map(all.map((m) => [m.id, m]));
  let chosen = filters.compare.map((id) => byId.get(id)).filter((m): m is MetricRow => Boolean(m));
  if (chosen.length === 0) {
    // By default, the first flow metric of each stage: the journey end to end.
    const seen = new Set<string>();
    chosen = all.filter((m) => m.inFlow && !seen.has(m.stage) && seen.add(m.stage));
  }
  chosen = chosen.slice(0, MAX_COMPARE);
  const values = publishedValues(
    chosen.map((m) => m.id),
    from,
    to,
  );
  const periods = [...new Set(values.map((v) => v.period))].sort();
  const first = new Map<number, number>();
  const rows = periods.map((period) => {
    const cells: Record<string, ShownValue> = {};
    for (const metric of chosen) {
      const hit = values.find((v) => v.metricId === metric.id && v.period === period);
      if (!hit) continue;
      let shown = shownValue(hit.value, metric.threshold, metric.isReporter);
      if (filters.index && shown.value !== null) {
        if (!first.has(metric.id)) first.set(metric.id, shown.value);
        const base = first.get(metric.id)!;
        shown = { ...shown, value: base === 0 ? null : Math.round((shown.value / base) * 1000) / 10 };
      }
      cells[metric.id] = shown;
    }
    return { period, cells };
  });
  return { metrics: chosen, rows, index: filters.index };
}

/** One metric over a range, for its own chart, table and CSV. */
export function metricSeries({ actor, metric, from, to }: { actor: Actor; metric: MetricRow; from: string; to: string }): MetricSummary {
  assertCan(actor, "figures.view");
  return summarise(metric, publishedValues([metric.id], from, to));
}
