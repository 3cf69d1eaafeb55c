import { data } from "@remix-run/node";
import { z } from "zod";
import type { DashboardFilters } from "~/models/figure-dashboard.server";
import { JOURNEY_STAGES } from "~/utils/figures";

const optionalDate = z.union([z.literal(""), z.iso.date()]).optional();
const FilterSchema = z.object({
  stage: z.union([z.literal(""), z.enum(JOURNEY_STAGES)]).optional(),
  agency: z.union([z.literal(""), z.coerce.number().int().positive()]).optional(),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  compare: z.array(z.coerce.number().int().positive()).max(20).optional(),
  index: z.enum(["1", ""]).optional(),
  week: optionalDate,
});

/** The dashboard's filters from the query string (shared by the page and its CSV); nonsense is a 400. */
export function parseFigureFilter(url: URL): DashboardFilters {
  const params = url.searchParams;
  const parsed = FilterSchema.safeParse({
    stage: params.get("stage") ?? undefined,
    agency: params.get("agency") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    page: params.get("page") ?? undefined,
    compare: params.getAll("compare"),
    index: params.get("index") ?? undefined,
    week: params.get("week") ?? undefined,
  });
  if (!parsed.success) throw data(null, { status: 400 });
  const f = parsed.data;
  if (f.from && f.to && f.from > f.to) throw data(null, { status: 400 });
  return {
    stage: f.stage || null,
    agencyId: f.agency || null,
    from: f.from || null,
    to: f.to || null,
    page: f.page ?? 1,
    compare: f.compare ?? [],
    index: f.index === "1",
    flowWeek: f.week || null,
  };
}
