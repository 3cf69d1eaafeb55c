import type { LoaderFunctionArgs } from "@remix-run/node";
import { measuresCsv } from "~/models/measure-export.server";
import { requireMember } from "~/web/access.server";
import { parseMeasureFilter } from "~/web/measure-filter.server";

/** The portfolio (with the board's filter) as CSV. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.view");
  const { filter } = parseMeasureFilter(new URL(request.url));
  return new Response(measuresCsv({ actor, t, filter }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tiltak-${actor.networkSlug}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
