/**
 * Each figure chart's numbers as CSV, built from the same data as the page, so a download never holds
 * a number the page would hide ("< 5" stays "< 5").
 */
import type { Locale, Translate } from "~/i18n";
import { toCsv } from "~/utils/csv";
import { formatPeriod, type JourneyStage, type ShownValue } from "~/utils/figures";
import { figuresDashboard, metricSeries, type DashboardFilters } from "./figure-dashboard.server";
import { getMetric } from "./figures.server";
import type { Actor } from "./permissions.server";

export const FIGURE_CHARTS = ["flow", "compare", "change", "metric"] as const;
export type FigureChart = (typeof FIGURE_CHARTS)[number];

/** Machine-readable: plain digits with a dot; suppressed values as "< threshold". */
const cell = (shown: ShownValue | null | undefined, threshold: number) =>
  !shown ? "" : shown.suppressed ? `< ${threshold}` : shown.value === null ? "" : shown.value;

export function figureCsv({
  actor,
  t,
  locale,
  chart,
  filters,
  metricId,
}: {
  actor: Actor;
  t: Translate;
  locale: Locale;
  chart: FigureChart;
  filters: DashboardFilters;
  metricId?: number;
}): { name: string; csv: string } {
  const stage = (s: JourneyStage) => t(`figures.stage.${s}`);
  if (chart === "metric") {
    const metric = getMetric({ actor, metricId: metricId ?? 0 });
    const d = figuresDashboard({ actor, filters: { ...filters, compare: [] } });
    const series = metricSeries({ actor, metric, from: d.range.from, to: d.range.to });
    return {
      name: `maltall-${metric.id}`,
      csv: toCsv([
        [t("figures.period"), t("figures.periodStart"), `${metric.name} (${metric.unit})`],
        ...series.points.map((p) => [formatPeriod(p.period, metric.cadence, locale), p.period, cell(p, metric.threshold)]),
      ]),
    };
  }
  const d = figuresDashboard({ actor, filters });
  if (chart === "flow") {
    return {
      name: "flyt",
      csv: toCsv([
        [t("figures.stage"), t("figures.metric"), t("figures.agency"), t("figures.period"), t("figures.value"), t("figures.unit")],
        ...d.flow.rows.map((r) => [
          stage(r.metric.stage),
          r.metric.name,
          r.metric.agency,
          formatPeriod(r.period, r.metric.cadence, locale),
          cell(r.shown, r.metric.threshold),
          r.metric.unit,
        ]),
      ]),
    };
  }
  if (chart === "compare") {
    const { metrics, rows } = d.compare;
    return {
      name: "sammenligning",
      csv: toCsv([
        [t("figures.periodStart"), ...metrics.map((m) => `${m.name} (${d.compare.index ? t("figures.indexUnit") : m.unit})`)],
        ...rows.map((r) => [r.period, ...metrics.map((m) => cell(r.cells[m.id], m.threshold))]),
      ]),
    };
  }
  return {
    name: "endring",
    csv: toCsv([
      [
        t("figures.metric"),
        t("figures.agency"),
        t("figures.period"),
        t("figures.value"),
        t("figures.previous"),
        t("figures.change"),
        t("figures.changePercent"),
      ],
      ...d.page.items.map((s) => [
        s.metric.name,
        s.metric.agency,
        s.latest ? formatPeriod(s.latest.period, s.metric.cadence, locale) : "",
        cell(s.latest, s.metric.threshold),
        cell(s.previous, s.metric.threshold),
        s.change ?? "",
        s.changePercent === null ? "" : Math.round(s.changePercent * 10) / 10,
      ]),
    ]),
  };
}
