import { data } from "@remix-run/node";
import { z } from "zod";
import { optionalId, optionalRole } from "./validation";

/** The member directory's filter, from the query string (shared by the page and its CSV). */
const FilterSchema = z.object({
  agency: optionalId(),
  role: optionalRole(),
  q: z.string().trim().max(100).optional(),
});

export function parseMemberFilter(url: URL) {
  const parsed = FilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw data(null, { status: 400 });
  const { agency, role, q } = parsed.data;
  return { agencyId: agency || undefined, role: role || undefined, query: q || undefined };
}
