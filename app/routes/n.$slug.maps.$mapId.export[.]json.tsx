import type { LoaderFunctionArgs } from "@remix-run/node";
import { DamagedMapError } from "~/models/errors.server";
import { exportMapJson } from "~/models/maps.server";
import { requireMember } from "~/web/access.server";
import { idParam, throwHttpError } from "~/web/http.server";

/** The map as it is now, as JSON that can be imported as a new map. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "maps.view");
  try {
    const json = exportMapJson({ actor, mapId: idParam(params.mapId) });
    return new Response(JSON.stringify(json, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="kart-${params.mapId}.json"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DamagedMapError)
      return new Response(t("maps.damagedExport"), { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throwHttpError(error);
  }
}
