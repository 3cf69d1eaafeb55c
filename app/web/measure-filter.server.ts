import { data } from "@remix-run/node";
import { z } from "zod";
import { MEASURE_STATUSES, PRIORITIES } from "~/utils/measures";

const id = z.union([z.literal(""), z.coerce.number().int().positive()]).optional();
const FilterSchema = z.object({
  agency: id,
  need: id,
  status: z.union([z.literal(""), z.enum(MEASURE_STATUSES)]).optional(),
  priority: z.union([z.literal(""), z.enum(PRIORITIES)]).optional(),
  view: z.enum(["board", "table"]).optional(),
  sort: z.enum(["title", "phase", "responsible", "status", "priority", "updated"]).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
});

/** The portfolio's filter from the query string, shared by the board, the table and the exports. */
export function parseMeasureFilter(url: URL) {
  const parsed = FilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw data(null, { status: 400 });
  const f = parsed.data;
  return {
    filter: {
      agencyId: f.agency || undefined,
      needId: f.need || undefined,
      status: f.status || undefined,
      priority: f.priority || undefined,
    },
    view: f.view ?? "board",
    sort: f.sort ?? "title",
    dir: f.dir ?? "asc",
  };
}
