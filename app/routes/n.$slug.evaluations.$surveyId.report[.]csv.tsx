import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { surveyReport } from "~/models/evaluations.server";
import { requireMember } from "~/web/access.server";
import { toCsv } from "~/utils/csv";
import { idParam, throwHttpError } from "~/web/http.server";

/** The report as CSV for the facilitators: one row per Likert question, then every free text with its themes. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "evaluations.manage");
  const surveyId = idParam(params.surveyId);
  let report: ReturnType<typeof surveyReport>;
  try {
    report = surveyReport({ actor, surveyId });
  } catch (error) {
    throwHttpError(error);
  }
  if (!report.ready) throw data(null, { status: 404 });
  const round = (n: number | null, digits: number) => (n === null ? "" : Math.round(n * 10 ** digits) / 10 ** digits);
  const rows: Array<Array<string | number>> = [
    [
      t("evaluations.question"),
      t("evaluations.answeredCount"),
      t("evaluations.average"),
      t("evaluations.topTwo"),
      "1",
      "2",
      "3",
      "4",
      "5",
      t("evaluations.dontKnow"),
    ],
    ...report.likert.map((l) => [l.question.text, l.answered, round(l.average, 2), round(l.topTwo, 1), ...l.distribution, l.dontKnow]),
    [],
    [t("evaluations.question"), t("evaluations.answer"), t("evaluations.themes")],
    ...report.texts.flatMap((q) => q.answers.map((a) => [q.question.text, a.text, a.themes.join("; ")])),
  ];
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="evaluering-${surveyId}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
