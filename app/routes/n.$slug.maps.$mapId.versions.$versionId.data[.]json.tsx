import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMapVersion } from "~/models/maps.server";
import { requireMember } from "~/web/access.server";
import { idParam, orHttpError } from "~/web/http.server";

/** A saved version as JSON: the editor reads it to restore the version as a new change. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  return orHttpError(() => {
    const version = getMapVersion({ actor, mapId: idParam(params.mapId), versionId: idParam(params.versionId) });
    return new Response(JSON.stringify(version), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  });
}
