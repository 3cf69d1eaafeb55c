import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { FIGURE_CHARTS, figureCsv } from "~/models/figure-export.server";
import { requireMember } from "~/web/access.server";
import { parseFigureFilter } from "~/web/figure-filter.server";
import { throwHttpError } from "~/web/http.server";

const Query = z.object({ chart: z.enum(FIGURE_CHARTS), metric: z.coerce.number().int().positive().optional() });

/** The numbers behind one chart of the figures dashboard, with the page's filters and suppression. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t, locale } = await requireMember(request, context, params.slug, "figures.view");
  const url = new URL(request.url);
  const query = Query.safeParse({ chart: url.searchParams.get("chart") ?? undefined, metric: url.searchParams.get("metric") ?? undefined });
  if (!query.success || (query.data.chart === "metric" && !query.data.metric)) throw data(null, { status: 400 });
  const filters = parseFigureFilter(url);
  let result: ReturnType<typeof figureCsv>;
  try {
    result = figureCsv({ actor, t, locale, chart: query.data.chart, filters, metricId: query.data.metric });
  } catch (error) {
    throwHttpError(error);
  }
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tall-${actor.networkSlug}-${result.name}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
