import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { listObstacles, makeMeasureFromObstacle } from "~/models/obstacle-measures.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { OBSTACLE_LEVELS, obstacleStatus } from "~/utils/map-model";
import { elementId as elementIdField } from "~/utils/map-schema";
import { idField } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "maps.obstacles");

const FilterSchema = z.object({
  level: z.union([z.literal(""), z.enum(OBSTACLE_LEVELS)]).optional(),
  agency: z.string().max(40).optional(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  const parsed = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw data(null, { status: 400 });
  const { obstacles: all, damagedMaps } = listObstacles({ actor });
  const level = parsed.data.level || undefined;
  const agency = parsed.data.agency || undefined;
  return {
    slug: actor.networkSlug,
    filter: { level: level ?? "", agency: agency ?? "" },
    agencies: [...new Set(all.map((o) => o.agency).filter((a): a is string => Boolean(a)))].sort(),
    obstacles: all.filter((o) => (!level || o.obstacle.level === level) && (!agency || o.agency === agency)),
    canPropose: can(actor.role, "measures.propose"),
    damagedMaps,
  };
}

const MakeSchema = z.object({ mapId: idField(), elementId: elementIdField });

/** One click: a measure (phase identified) made of an obstacle, linked back to it. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.propose");
  const parsed = parseForm(MakeSchema, await request.formData(), t);
  if (!parsed.ok) return refused(parsed.errors);
  return answer(t, () => makeMeasureFromObstacle({ actor, t, ...parsed.data }), {
    message: ({ measure, created }) => t(created ? "maps.measureMade" : "maps.measureExists", { title: measure.title }),
    value: ({ measure }) => ({ measureId: measure.id }),
  });
}

export default function Obstacles() {
  const { t } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Page title={t("maps.obstacles")} lead={t("maps.obstaclesIntro")}>
      {actionData ? (
        <Alert data-color={actionData.ok ? "success" : "danger"} role={actionData.ok ? "status" : "alert"}>
          {messageOf(actionData) ?? Object.values(errorsOf(actionData))[0]}{" "}
          {actionData.value?.measureId ? (
            <RemixLink to={`/n/${d.slug}/measures/${actionData.value.measureId}`} className="ds-link">
              {t("measures.title")}
            </RemixLink>
          ) : null}
        </Alert>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("measures.filter")}>
        <SelectField
          id="level"
          name="level"
          label={t("maps.obstacleLevel")}
          placeholder={t("maps.allLevels")}
          defaultValue={d.filter.level}
          options={OBSTACLE_LEVELS.map((l) => ({ value: l, label: t(`maps.level.${l}`) }))}
        />
        <SelectField
          id="agency"
          name="agency"
          label={t("maps.agency")}
          placeholder={t("maps.allAgencies")}
          defaultValue={d.filter.agency}
          options={d.agencies.map((a) => ({ value: a, label: a }))}
        />
        <div>
          <Button type="submit">{t("measures.filter")}</Button>
        </div>
      </Form>
      {d.damagedMaps.length ? (
        <Alert data-color="warning">
          {t("maps.damagedInList")}{" "}
          {d.damagedMaps.map((m, i) => (
            <span key={m.id}>
              {i > 0 ? ", " : ""}
              <RemixLink to={`/n/${d.slug}/maps/${m.id}`} className="ds-link">
                {m.title}
              </RemixLink>
            </span>
          ))}
        </Alert>
      ) : null}
      {d.obstacles.length === 0 ? <Paragraph>{t("maps.obstaclesNone")}</Paragraph> : null}
      {d.obstacles.length ? (
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("maps.obstacle")}</Table.HeaderCell>
                <Table.HeaderCell>{t("maps.obstacleLevel")}</Table.HeaderCell>
                <Table.HeaderCell>{t("maps.where")}</Table.HeaderCell>
                <Table.HeaderCell>{t("maps.agency")}</Table.HeaderCell>
                {d.canPropose ? (
                  <Table.HeaderCell>
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </Table.HeaderCell>
                ) : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {d.obstacles.map((o) => (
                <Table.Row key={`${o.mapId}-${o.elementId}`}>
                  <Table.Cell>
                    {o.obstacle.description}{" "}
                    <Tag data-color={o.measure ? "info" : "neutral"}>
                      {t(`maps.obstacleStatus.${obstacleStatus(o.obstacle, o.measure)}`)}
                    </Tag>
                    {o.measure ? (
                      <>
                        <br />
                        <span className="muted">{t("maps.hasMeasure")}: </span>
                        <RemixLink to={`/n/${d.slug}/measures/${o.measure.id}`} className="ds-link">
                          {o.measure.title}
                        </RemixLink>{" "}
                        <span className="muted">({t(`phase.${o.measure.phase}`)})</span>
                      </>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>{t(`maps.level.${o.obstacle.level}`)}</Table.Cell>
                  <Table.Cell>
                    {o.label}{" "}
                    <Link asChild>
                      <RemixLink to={`/n/${d.slug}/maps/${o.mapId}#${o.elementId}`}>{t("maps.onMap", { title: o.mapTitle })}</RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{o.agency ?? "–"}</Table.Cell>
                  {d.canPropose ? (
                    <Table.Cell>
                      {o.measure ? null : (
                        <Form method="post">
                          <input type="hidden" name="mapId" value={o.mapId} />
                          <input type="hidden" name="elementId" value={o.elementId} />
                          <Button type="submit" variant="secondary" data-size="sm">
                            {t("maps.makeMeasure")}
                            <span className="visually-hidden">: {o.obstacle.description}</span>
                          </Button>
                        </Form>
                      )}
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
    </Page>
  );
}
