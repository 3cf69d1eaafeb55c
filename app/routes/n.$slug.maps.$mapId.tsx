import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Link, Paragraph, Spinner } from "@digdir/designsystemet-react";
import flowCss from "@xyflow/react/dist/style.css";
import { lazy, Suspense, useEffect, useState } from "react";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { getMap } from "~/models/maps.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { requireMember } from "~/utils/access.server";
import { idParam, throwHttpError } from "~/utils/http.server";

// The editor needs the browser (WebSocket, layout); it is loaded there only.
const MapEditor = lazy(() => import("~/components/maps/map-editor").then((m) => ({ default: m.MapEditor })));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: flowCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.map.title ?? "Kart"} – Samhandlingsportalen` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  try {
    const map = getMap({ actor, mapId: idParam(params.mapId) });
    const agencies = listNetworkAgencies({ actor });
    const mine = agencies.find((a) => a.id === actor.agencyId);
    return { slug: actor.networkSlug, map, me: { name: actor.name, agency: mine?.shortName ?? null }, agencies: agencies.map((a) => a.shortName) };
  } catch (error) {
    throwHttpError(error);
  }
}

export default function MapPage() {
  const { t } = useI18n();
  const { slug, map, me, agencies } = useLoaderData<typeof loader>();
  const [client, setClient] = useState(false);
  useEffect(() => setClient(true), []);
  const loading = (
    <div className="map-loading" role="status">
      <Spinner aria-hidden="true" data-size="md" /> {t("maps.loading")}
    </div>
  );
  return (
    <Page title={map.title}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/maps`}>{t("maps.title")}</RemixLink>
        </Link>
      </Paragraph>
      {client ? (
        <Suspense fallback={loading}>
          <MapEditor mapId={map.id} title={map.title} canEdit={map.canEdit} me={me} agencies={agencies} />
        </Suspense>
      ) : (
        loading
      )}
    </Page>
  );
}
