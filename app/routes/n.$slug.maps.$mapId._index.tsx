import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MeetingPicker } from "~/components/meetings/meeting-picker";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph, Spinner, Table, Textfield } from "@digdir/designsystemet-react";
import flowCss from "@xyflow/react/dist/style.css";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { getMap, listMapVersions, mapRecoveryOptions, restoreDamagedMap, saveMapVersion } from "~/models/maps.server";
import { listMeetingChoices } from "~/models/meetings.server";
import { obstacleMeasuresOfMap } from "~/models/obstacle-measures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { idParam, orHttpError } from "~/web/http.server";
import { msg, optionalId, requiredText } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

// The editor needs the browser (WebSocket, layout); it is loaded there only.
const MapEditor = lazy(() => import("~/components/maps/map-editor").then((m) => ({ default: m.MapEditor })));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: flowCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "maps.title", data?.map.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  return orHttpError(() => {
    const map = getMap({ actor, mapId: idParam(params.mapId) });
    const agencies = listNetworkAgencies({ actor });
    const mine = agencies.find((a) => a.id === actor.agencyId);
    return {
      slug: actor.networkSlug,
      map,
      me: { name: actor.name, agency: mine?.shortName ?? null },
      agencies: agencies.map((a) => a.shortName),
      versions: listMapVersions({ actor, mapId: map.id }),
      recovery: map.damaged && map.canRepair ? mapRecoveryOptions({ actor, mapId: map.id }) : null,
      meetings: listMeetingChoices({ actor }),
      obstacleMeasures: map.damaged ? {} : obstacleMeasuresOfMap({ actor, mapId: map.id }),
    };
  });
}

const VersionSchema = z.object({ name: requiredText(120), meetingId: optionalId("measures.unknownMeeting") });
const RestoreSchema = z.object({
  versionId: z.union([z.literal("latest"), z.coerce.number().int().positive()], { error: msg("validation.invalid") }),
});

/** A named version of the map as it is (editors; the form's default), or a damaged map restored (facilitators). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = intentOf(form) === "restore" ? "restore" : "version";
  const { actor, t } = await requireMember(request, context, params.slug, intent === "restore" ? "maps.repair" : "maps.edit");
  const mapId = idParam(params.mapId);
  if (intent === "restore") {
    const parsed = parseForm(RestoreSchema, form, t);
    if (!parsed.ok) return refused(parsed.errors, { intent });
    const { versionId } = parsed.data;
    return answer(t, () => restoreDamagedMap({ actor, mapId, from: versionId === "latest" ? versionId : { versionId } }), {
      intent,
      message: t("maps.restored"),
    });
  }
  const parsed = parseForm(VersionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const { name, meetingId } = parsed.data;
  return answer(t, () => saveMapVersion({ actor, mapId, name, meetingId: meetingId || null }), {
    intent,
    message: t("maps.versionSaved", { name }),
  });
}

/** Shown instead of the editor when the map's stored state cannot be loaded. */
function DamagedMap({ recovery }: { recovery: { latest: { kept: number; skipped: number; olderSnapshot: boolean } | null } | null }) {
  const { t } = useI18n();
  const actionData = useActionData<typeof action>();
  return (
    <Alert data-color="danger" className="stack-sm">
      <Heading level={2} data-size="xs">
        {t("maps.damagedTitle")}
      </Heading>
      <Paragraph>{t("maps.damagedIntro")}</Paragraph>
      {recovery ? (
        <>
          <Paragraph>{t("maps.restoreKept")}</Paragraph>
          {errorsOf(actionData, "restore").form ? <Paragraph role="alert">{errorsOf(actionData, "restore").form}</Paragraph> : null}
          {recovery.latest ? (
            <Form method="post" className="stack-sm">
              <input type="hidden" name="intent" value="restore" />
              <input type="hidden" name="versionId" value="latest" />
              <Paragraph>
                {recovery.latest.olderSnapshot
                  ? t("maps.restoreLatestOlder", { skipped: recovery.latest.skipped })
                  : t("maps.restoreLatestInfo", { kept: recovery.latest.kept, skipped: recovery.latest.skipped })}
              </Paragraph>
              <div>
                <Button type="submit">{t("maps.restoreLatest")}</Button>
              </div>
            </Form>
          ) : (
            <Paragraph>{t("maps.restoreLatestNone")}</Paragraph>
          )}
        </>
      ) : (
        <Paragraph>{t("maps.damagedAskFacilitator")}</Paragraph>
      )}
    </Alert>
  );
}

export default function MapPage() {
  const { t, dateTime, date } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [client, setClient] = useState(false);
  const [restoredName, setRestoredName] = useState<string | null>(null);
  useEffect(() => setClient(true), []);
  const restoreId = params.get("restore");
  const restore = useMemo(
    () =>
      restoreId && /^\d+$/.test(restoreId)
        ? {
            url: `/n/${d.slug}/maps/${d.map.id}/versions/${restoreId}/data.json`,
            onDone: (name: string) => {
              setRestoredName(name);
              navigate(`/n/${d.slug}/maps/${d.map.id}`, { replace: true, preventScrollReset: true });
            },
          }
        : undefined,
    [restoreId, d.slug, d.map.id, navigate],
  );
  const loading = (
    <div className="map-loading" role="status">
      <Spinner aria-hidden="true" data-size="md" /> {t("maps.loading")}
    </div>
  );
  return (
    <Page title={d.map.title}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${d.slug}/maps`}>{t("maps.title")}</RemixLink>
        </Link>
      </Paragraph>
      {restoredName ? (
        <Alert data-color="success" role="status">
          {t("maps.versionRestored", { name: restoredName })}
        </Alert>
      ) : null}
      {d.map.damaged ? (
        <DamagedMap recovery={d.recovery} />
      ) : client ? (
        <Suspense fallback={loading}>
          <MapEditor
            mapId={d.map.id}
            title={d.map.title}
            canEdit={d.map.canEdit}
            me={d.me}
            agencies={d.agencies}
            restore={restore}
            obstacleMeasures={{ slug: d.slug, byElement: d.obstacleMeasures }}
          />
        </Suspense>
      ) : (
        loading
      )}
      <section aria-labelledby="versions-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="versions-heading">
          {t("maps.versions")}
        </Heading>
        <SuccessMessage message={messageOf(actionData)} />
        {d.versions.length === 0 ? (
          <Paragraph>{t("maps.versionsNone")}</Paragraph>
        ) : (
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("maps.versionName")}</Table.HeaderCell>
                <Table.HeaderCell>{t("sessions.created")}</Table.HeaderCell>
                <Table.HeaderCell>{t("maps.versionMeeting")}</Table.HeaderCell>
                {d.recovery ? (
                  <Table.HeaderCell>
                    <span className="visually-hidden">{t("maps.restoreHeading")}</span>
                  </Table.HeaderCell>
                ) : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {d.versions.map((v) => (
                <Table.Row key={v.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RemixLink to={`/n/${d.slug}/maps/${d.map.id}/versions/${v.id}`}>{v.name}</RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    {dateTime(v.createdAt)}
                    {v.by ? ` · ${v.by}` : ""}
                  </Table.Cell>
                  <Table.Cell>
                    {v.meetingId && v.meetingStartsAt ? (
                      <Link asChild>
                        <RemixLink to={`/n/${d.slug}/meetings/${v.meetingId}`}>{date(v.meetingStartsAt)}</RemixLink>
                      </Link>
                    ) : (
                      "–"
                    )}
                  </Table.Cell>
                  {d.recovery ? (
                    <Table.Cell>
                      <Form method="post">
                        <input type="hidden" name="intent" value="restore" />
                        <input type="hidden" name="versionId" value={v.id} />
                        <Button type="submit" variant="secondary" data-size="sm">
                          {t("maps.restoreVersion")}
                          <span className="visually-hidden">: {v.name}</span>
                        </Button>
                      </Form>
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {d.map.canEdit && !d.map.damaged ? (
          <Form method="post" className="row" noValidate>
            <input type="hidden" name="intent" value="version" />
            <Textfield
              id="version-name"
              name="name"
              label={t("maps.versionName")}
              description={t("maps.versionNameHelp")}
              error={errorsOf(actionData, "version").name}
              className="wide-field"
            />
            <MeetingPicker
              id="version-meeting"
              name="meetingId"
              label={t("maps.versionMeeting")}
              meetings={d.meetings}
              error={errorsOf(actionData, "version").meetingId}
            />
            <div>
              <Button type="submit" variant="secondary">
                {t("maps.versionSave")}
              </Button>
            </div>
          </Form>
        ) : null}
      </section>
    </Page>
  );
}
