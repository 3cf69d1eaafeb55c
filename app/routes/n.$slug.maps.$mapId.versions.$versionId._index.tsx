import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Alert, Button, Link, Paragraph, Spinner } from "@digdir/designsystemet-react";
import flowCss from "@xyflow/react/dist/style.css";
import { lazy, Suspense, useEffect, useState } from "react";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { getMap, getMapVersion } from "~/models/maps.server";
import { requireMember } from "~/web/access.server";
import { idParam, orHttpError } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

const MapEditor = lazy(() => import("~/components/maps/map-editor").then((m) => ({ default: m.MapEditor })));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: flowCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.mapVersion");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  return orHttpError(() => {
    const map = getMap({ actor, mapId: idParam(params.mapId) });
    const versionId = idParam(params.versionId);
    const version = getMapVersion({ actor, mapId: map.id, versionId });
    return { slug: actor.networkSlug, map, versionId, version };
  });
}

/** A saved version, read-only; editors can restore it as a new change in the live map. */
export default function MapVersion() {
  const { t } = useI18n();
  const { slug, map, versionId, version } = useLoaderData<typeof loader>();
  const [client, setClient] = useState(false);
  useEffect(() => setClient(true), []);
  return (
    <Page title={t("maps.versionTitle", { name: version.name, title: map.title })}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/maps/${map.id}`}>{t("maps.back")}</RemixLink>
        </Link>
      </Paragraph>
      <Alert data-color="info">{t("maps.versionReadOnly")}</Alert>
      {map.canEdit ? (
        <div>
          <Button asChild>
            <RemixLink to={`/n/${slug}/maps/${map.id}?restore=${versionId}`}>{t("maps.versionRestore")}</RemixLink>
          </Button>
        </div>
      ) : null}
      {client ? (
        <Suspense fallback={<Spinner aria-label={t("maps.loading")} />}>
          <MapEditor
            mapId={map.id}
            title={map.title}
            canEdit={false}
            me={{ name: "", agency: null }}
            agencies={[]}
            snapshot={version.json}
          />
        </Suspense>
      ) : (
        <Spinner aria-label={t("maps.loading")} />
      )}
    </Page>
  );
}
