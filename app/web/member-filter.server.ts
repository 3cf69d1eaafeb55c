import { data } from "@remix-run/node";
import { z } from "zod";
import { ROLES } from "~/utils/roles";

/** The member directory's filter, from the query string (shared by the page and its CSV). */
const FilterSchema = z.object({
  agency: z.union([z.literal(""), z.coerce.number().int().positive()]).optional(),
  role: z.union([z.literal(""), z.enum(ROLES)]).optional(),
  q: z.string().trim().max(100).optional(),
});

export function parseMemberFilter(url: URL) {
  const parsed = FilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw data(null, { status: 400 });
  const { agency, role, q } = parsed.data;
  return {
    agencyId: agency === "" || agency === undefined ? undefined : agency,
    role: role === "" || role === undefined ? undefined : role,
    query: q || undefined,
  };
}
