import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Button, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { isMessageKey, type Translate } from "~/i18n";
import { auditFilterChoices, auditSummary, listAudit } from "~/models/audit.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { addDays, osloToInstant } from "~/utils/oslo-time";
import { requireMember } from "~/web/access.server";
import { optionalDate, optionalId } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

const PAGE_SIZE = 50;
const FilterSchema = z.object({
  person: optionalId(),
  agency: optionalId(),
  kind: z
    .string()
    .max(60)
    .regex(/^[a-z_.]*$/)
    .optional(),
  from: optionalDate(),
  to: optionalDate(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "audit.view");
  const url = new URL(request.url);
  const parsed = FilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw data(null, { status: 400 });
  const f = parsed.data;
  const page = f.page ?? 1;
  const filter = {
    userId: f.person || undefined,
    agencyId: f.agency || undefined,
    action: f.kind || undefined,
    // Whole days in Oslo: from the start of the first to the start of the day after the last.
    from: f.from ? osloToInstant(f.from, "00:00") : undefined,
    to: f.to ? osloToInstant(addDays(f.to, 1), "00:00") : undefined,
    query: f.q || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const { rows, total } = listAudit({ actor, filter });
  return {
    slug: actor.networkSlug,
    // In the reader's language, from the stored message (older entries keep their bokmål).
    rows: rows.map(({ messageKey, messageParams, ...row }) => ({
      ...row,
      summary: auditSummary(t, { summary: row.summary, messageKey, messageParams }),
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    values: { person: f.person || "", agency: f.agency || "", kind: f.kind ?? "", from: f.from ?? "", to: f.to ?? "", q: f.q ?? "" },
    choices: { ...auditFilterChoices({ actor }), agencies: listNetworkAgencies({ actor }) },
  };
}

/** The kind of event in words, or its code when it has no label yet. */
function kindLabel(t: Translate, action: string) {
  const key = `auditKind.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export default function Audit() {
  const { t, dateTime } = useI18n();
  const { slug, rows, total, page, pages, values, choices } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => {
    const search = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "") as [string, string][]);
    search.set("page", String(n));
    return `/n/${slug}/audit?${search}`;
  };
  return (
    <Page title={t("audit.title")} lead={t("audit.intro")}>
      <Form method="get" className="filters" role="search" aria-label={t("audit.filter")}>
        <SelectField
          id="person"
          name="person"
          label={t("audit.filterPerson")}
          placeholder={t("audit.allPeople")}
          defaultValue={values.person}
          options={choices.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          id="agency"
          name="agency"
          label={t("audit.filterAgency")}
          placeholder={t("members.allAgencies")}
          defaultValue={values.agency}
          options={choices.agencies.map((a) => ({ value: a.id, label: a.shortName }))}
        />
        <SelectField
          id="kind"
          name="kind"
          label={t("audit.filterKind")}
          placeholder={t("audit.allKinds")}
          defaultValue={values.kind}
          options={choices.actions.map((a) => ({ value: a, label: kindLabel(t, a) }))}
        />
        <Textfield id="from" name="from" type="date" label={t("audit.from")} defaultValue={values.from} />
        <Textfield id="to" name="to" type="date" label={t("audit.to")} defaultValue={values.to} />
        <Textfield id="q" name="q" label={t("audit.search")} defaultValue={values.q} />
        <div>
          <Button type="submit">{t("audit.filter")}</Button>
        </div>
      </Form>
      <Paragraph role="status">{t("audit.count", { count: total })}</Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{t("audit.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("audit.time")}</Table.HeaderCell>
                <Table.HeaderCell>{t("audit.actor")}</Table.HeaderCell>
                <Table.HeaderCell>{t("audit.action")}</Table.HeaderCell>
                <Table.HeaderCell>{t("audit.summary")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((row) => (
                <Table.Row key={row.id}>
                  <Table.Cell>{dateTime(row.at)}</Table.Cell>
                  <Table.Cell>
                    {row.actorName || t("audit.system")}
                    {row.agencyShortName ? <span className="muted"> ({row.agencyShortName})</span> : null}
                  </Table.Cell>
                  <Table.Cell>{kindLabel(t, row.action)}</Table.Cell>
                  <Table.Cell>{row.summary}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="row" aria-label={t("audit.title")}>
          {page > 1 ? (
            <Link asChild>
              <RemixLink to={pageLink(page - 1)}>{t("audit.newer")}</RemixLink>
            </Link>
          ) : null}
          <span>
            {page} / {pages}
          </span>
          {page < pages ? (
            <Link asChild>
              <RemixLink to={pageLink(page + 1)}>{t("audit.older")}</RemixLink>
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Page>
  );
}
