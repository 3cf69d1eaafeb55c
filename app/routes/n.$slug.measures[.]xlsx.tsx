import type { LoaderFunctionArgs } from "@remix-run/node";
import { measuresXlsx } from "~/models/measure-export.server";
import { requireMember } from "~/web/access.server";
import { parseMeasureFilter } from "~/web/measure-filter.server";

/** The portfolio (with the board's filter) as an Excel workbook. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.view");
  const { filter } = parseMeasureFilter(new URL(request.url));
  const bytes = await measuresXlsx({ actor, t, filter });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="tiltak-${actor.networkSlug}-${new Date().toISOString().slice(0, 10)}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
