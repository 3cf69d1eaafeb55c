import type { LoaderFunctionArgs } from "@remix-run/node";
import { membersCsv } from "~/models/members.server";
import { requireMember } from "~/web/access.server";
import { parseMemberFilter } from "~/web/member-filter.server";

/** The member directory as a CSV download, for everyone in the network. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "members.export");
  const csv = membersCsv({ actor, t, filter: parseMemberFilter(new URL(request.url)) });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deltakere-${actor.networkSlug}-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
