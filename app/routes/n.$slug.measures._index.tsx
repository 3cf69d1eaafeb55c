import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Button, Details, Link, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { MeasureBoard } from "~/components/measures/measure-board";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { listMeetingChoices } from "~/models/meetings.server";
import { createNeed, listMeasures, listNeeds, moveMeasure } from "~/models/measures.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { BoardMoveSchema } from "~/web/measure-forms";
import { parseMeasureFilter } from "~/web/measure-filter.server";
import { MEASURE_STATUSES, PHASES, PRIORITIES } from "~/utils/measures";
import { requiredText } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "measures.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "measures.view");
  const { filter, view, sort, dir } = parseMeasureFilter(new URL(request.url));
  return {
    slug: actor.networkSlug,
    filter,
    view,
    sort,
    dir,
    measures: listMeasures({ actor, filter }),
    agencies: listNetworkAgencies({ actor }),
    needs: listNeeds({ actor }),
    meetings: listMeetingChoices({ actor }),
    canPropose: can(actor.role, "measures.propose"),
    canManage: can(actor.role, "measures.manage"),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  BoardMoveSchema,
  z.object({ intent: z.literal("add-need"), title: requiredText(200) }),
]);

/** A move from the board, or a facilitator's new need. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "measures.view");
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "add-need")
    return answer(t, () => createNeed({ actor, title: input.title }), {
      intent,
      message: (need) => t("measures.needAdded", { number: need.number }),
    });
  return answer(t, () => moveMeasure({ actor, ...input }), {
    intent,
    message: (moved) => t("measures.moved", { title: moved.title, phase: t(`phase.${input.phase}`) }),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["measures"][number];
const SORTS: Record<string, (a: Row, b: Row) => number> = {
  title: (a, b) => a.title.localeCompare(b.title, "nb"),
  phase: (a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase),
  responsible: (a, b) => (a.responsible ?? "").localeCompare(b.responsible ?? "", "nb"),
  status: (a, b) => MEASURE_STATUSES.indexOf(a.status) - MEASURE_STATUSES.indexOf(b.status),
  priority: (a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority),
  updated: (a, b) => new Date(a.updatedAt).getTime() - new Date(b.updatedAt).getTime(),
};

export default function Measures() {
  const { t, date } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const withParams = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    return `?${next}`;
  };
  const exportQuery = (() => {
    const q = new URLSearchParams(search);
    ["view", "sort", "dir"].forEach((k) => q.delete(k));
    const s = q.toString();
    return s ? `?${s}` : "";
  })();
  const sorted = [...d.measures].sort((a, b) => SORTS[d.sort](a, b) * (d.dir === "desc" ? -1 : 1));
  const sortHeader = (key: string, label: string) => {
    const active = d.sort === key;
    const nextDir = active && d.dir === "asc" ? "desc" : "asc";
    return (
      <Table.HeaderCell aria-sort={active ? (d.dir === "asc" ? "ascending" : "descending") : "none"}>
        <RemixLink
          to={withParams({ view: "table", sort: key, dir: nextDir })}
          className="ds-link"
          aria-label={t("measures.sortBy", { column: label })}
        >
          {label} {active ? (d.dir === "asc" ? "▲" : "▼") : ""}
        </RemixLink>
      </Table.HeaderCell>
    );
  };
  return (
    <Page
      title={t("measures.portfolio")}
      lead={t("measures.intro")}
      actions={
        <>
          {d.canPropose ? (
            <Button asChild>
              <RemixLink to={`/n/${d.slug}/measures/new`}>{t("measures.new")}</RemixLink>
            </Button>
          ) : null}
          <Button asChild variant="secondary">
            <RemixLink to={`/n/${d.slug}/measures/dashboard`}>{t("measures.dashboard")}</RemixLink>
          </Button>
          <Button asChild variant="tertiary">
            <a href={`/n/${d.slug}/measures.csv${exportQuery}`} download>
              {t("measures.downloadCsv")}
            </a>
          </Button>
          <Button asChild variant="tertiary">
            <a href={`/n/${d.slug}/measures.xlsx${exportQuery}`} download>
              {t("measures.downloadXlsx")}
            </a>
          </Button>
        </>
      }
    >
      <Form method="get" className="filters" role="search" aria-label={t("measures.filter")}>
        <input type="hidden" name="view" value={d.view} />
        <SelectField
          id="f-agency"
          name="agency"
          label={t("measures.agencyFilter")}
          placeholder={t("measures.allAgencies")}
          defaultValue={d.filter.agencyId ?? ""}
          options={d.agencies.map((a) => ({ value: a.id, label: a.shortName }))}
        />
        <SelectField
          id="f-need"
          name="need"
          label={t("measures.need")}
          placeholder={t("measures.allNeeds")}
          defaultValue={d.filter.needId ?? ""}
          options={d.needs.map((n) => ({ value: n.id, label: `${n.number}. ${n.title}` }))}
        />
        <SelectField
          id="f-status"
          name="status"
          label={t("measures.status")}
          placeholder={t("measures.allStatuses")}
          defaultValue={d.filter.status ?? ""}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
        />
        <SelectField
          id="f-priority"
          name="priority"
          label={t("measures.priority")}
          placeholder={t("measures.allPriorities")}
          defaultValue={d.filter.priority ?? ""}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
        />
        <div>
          <Button type="submit">{t("measures.filter")}</Button>
        </div>
      </Form>
      {d.canManage ? (
        <Details>
          <Details.Summary>{t("measures.needs")}</Details.Summary>
          <Details.Content>
            <ol>
              {d.needs.map((n) => (
                <li key={n.id}>{n.title}</li>
              ))}
            </ol>
            <SuccessMessage message={messageOf(actionData, "add-need")} />
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="add-need" />
              <Textfield
                id="need-title"
                name="title"
                label={t("measures.needTitle")}
                className="wide-field"
                error={errorsOf(actionData, "add-need").title}
              />
              <div>
                <Button type="submit" variant="secondary">
                  {t("measures.needAdd")}
                </Button>
              </div>
            </Form>
          </Details.Content>
        </Details>
      ) : null}
      <nav className="row" aria-label={t("measures.portfolio")}>
        <Link asChild>
          <RemixLink to={withParams({ view: "board" })} aria-current={d.view === "board" ? "page" : undefined}>
            {t("measures.board")}
          </RemixLink>
        </Link>
        <Link asChild>
          <RemixLink to={withParams({ view: "table" })} aria-current={d.view === "table" ? "page" : undefined}>
            {t("measures.table")}
          </RemixLink>
        </Link>
        <span role="status" className="muted">
          {t("measures.count", { count: d.measures.length })}
        </span>
      </nav>
      {d.measures.length === 0 ? <Paragraph>{t("measures.none")}</Paragraph> : null}
      {d.view === "board" ? (
        <MeasureBoard slug={d.slug} measures={d.measures} meetings={d.meetings} />
      ) : (
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                {sortHeader("title", t("measures.title"))}
                {sortHeader("phase", t("measures.phase"))}
                {sortHeader("responsible", t("measures.responsible"))}
                <Table.HeaderCell>{t("measures.others")}</Table.HeaderCell>
                <Table.HeaderCell>{t("measures.nextStep")}</Table.HeaderCell>
                {sortHeader("status", t("measures.status"))}
                {sortHeader("priority", t("measures.priority"))}
                {sortHeader("updated", t("measures.updated"))}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {sorted.map((m) => (
                <Table.Row key={m.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RemixLink to={`/n/${d.slug}/measures/${m.id}`}>{m.title}</RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{t(`phase.${m.phase}`)}</Table.Cell>
                  <Table.Cell>{m.responsible ?? "–"}</Table.Cell>
                  <Table.Cell>{m.agencies.join(", ") || "–"}</Table.Cell>
                  <Table.Cell>{m.nextStep || "–"}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={m.status === "on_track" ? "success" : m.status === "at_risk" ? "warning" : "danger"}>
                      {t(`measureStatus.${m.status}`)}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>{t(`priority.${m.priority}`)}</Table.Cell>
                  <Table.Cell>{date(m.updatedAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Page>
  );
}
