import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { BarFigure, LineFigure } from "~/components/measures/dashboard-charts";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { portfolioDashboard } from "~/models/measures.server";
import { requireMember } from "~/web/access.server";
import { pageTitle } from "~/web/page-title";
import type { Phase } from "~/utils/measures";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "measures.dashboard");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "measures.view");
  return { slug: actor.networkSlug, ...portfolioDashboard({ actor }) };
}

/** A chart with its numbers as a table under it, so nothing needs a mouse or eyesight to read. */
function Figure({
  id,
  title,
  chart,
  rows,
  columns,
}: {
  id: string;
  title: string;
  chart: ReactNode;
  rows: Array<[ReactNode, number | string]>;
  columns: [string, string];
}) {
  return (
    <section aria-labelledby={id} className="stack-sm">
      <Heading level={2} data-size="xs" id={id}>
        {title}
      </Heading>
      {chart}
      <Table data-size="sm">
        <caption className="visually-hidden">{title}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{columns[0]}</Table.HeaderCell>
            <Table.HeaderCell>{columns[1]}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map(([name, value], i) => (
            <Table.Row key={i}>
              <Table.Cell>{name}</Table.Cell>
              <Table.Cell>{value}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}

export default function Dashboard() {
  const { t } = useI18n();
  const d = useLoaderData<typeof loader>();
  const phase = (p: Phase) => t(`phase.${p}`);
  const count = t("measures.count", { count: d.total });
  return (
    <Page title={t("measures.dashboard")} lead={count}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${d.slug}/measures`}>{t("measures.back")}</RemixLink>
        </Link>
      </Paragraph>
      <div className="charts">
        <Figure
          id="per-phase"
          title={t("measures.perPhase")}
          chart={
            <BarFigure label={t("measures.perPhase")} data={d.perPhase.map((p) => ({ name: phase(p.key), value: p.count }))} horizontal />
          }
          rows={d.perPhase.map((p) => [phase(p.key), p.count])}
          columns={[t("measures.phase"), t("measures.title")]}
        />
        <Figure
          id="per-agency"
          title={t("measures.perAgency")}
          chart={
            <BarFigure
              label={t("measures.perAgency")}
              data={d.perAgency.map((a) => ({ name: a.agency || t("measures.noResponsible"), value: a.count }))}
              horizontal
              color="#6a4c93"
            />
          }
          rows={d.perAgency.map((a) => [a.agency || t("measures.noResponsible"), a.count])}
          columns={[t("measures.responsible"), t("measures.title")]}
        />
        <Figure
          id="per-status"
          title={t("measures.perStatus")}
          chart={
            <BarFigure
              label={t("measures.perStatus")}
              data={d.perStatus.map((s) => ({ name: t(`measureStatus.${s.key}`), value: s.count }))}
              color="#2f7d4f"
            />
          }
          rows={d.perStatus.map((s) => [t(`measureStatus.${s.key}`), s.count])}
          columns={[t("measures.status"), t("measures.title")]}
        />
        <Figure
          id="time-in-phase"
          title={t("measures.timeInPhase")}
          chart={
            <BarFigure
              label={t("measures.timeInPhase")}
              data={d.timeInPhase.map((m) => ({ name: m.title, value: m.days }))}
              horizontal
              color="#b35c00"
            />
          }
          rows={d.timeInPhase.map((m) => [
            <RemixLink key={m.id} to={`/n/${d.slug}/measures/${m.id}`} className="ds-link">
              {m.title} ({phase(m.phase)})
            </RemixLink>,
            m.days,
          ])}
          columns={[t("measures.title"), t("measures.days")]}
        />
        <Figure
          id="per-week"
          title={t("measures.perWeek")}
          chart={<LineFigure label={t("measures.perWeek")} data={d.perWeek.map((w) => ({ name: w.week.slice(5), value: w.count }))} />}
          rows={d.perWeek.map((w) => [w.week, w.count])}
          columns={[t("measures.week"), t("measures.changes")]}
        />
      </div>
    </Page>
  );
}
