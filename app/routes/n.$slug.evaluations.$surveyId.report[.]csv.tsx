import type { LoaderFunctionArgs } from "@remix-run/node";
import { surveyReportCsv } from "~/models/evaluations.server";
import { requireMember } from "~/web/access.server";
import { idParam, throwHttpError } from "~/web/http.server";

/** The report as CSV for the facilitators (see surveyReportCsv); 404 while the report is hidden. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "evaluations.manage");
  const surveyId = idParam(params.surveyId);
  let csv: string;
  try {
    csv = surveyReportCsv({ actor, surveyId, t });
  } catch (error) {
    throwHttpError(error);
  }
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="evaluering-${surveyId}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
