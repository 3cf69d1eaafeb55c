import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { agencyLabel } from "~/utils/agency-label";
import type { MessageKey } from "~/i18n";
import { recentAudit } from "~/models/audit.server";
import { networkOverview } from "~/models/networks.server";
import { nextMeeting } from "~/models/meetings.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/utils/access.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "network.title", data?.network.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug);
  const overview = networkOverview({ actor });
  const isFacilitator = can(actor.role, "audit.view");
  return {
    network: { slug: overview.network.slug, name: overview.network.name, description: overview.network.description },
    me: { name: actor.name, role: actor.role },
    agencies: overview.agencies,
    memberCount: overview.memberCount,
    pendingInvitations: isFacilitator ? overview.pendingInvitations : null,
    recent: isFacilitator ? recentAudit({ actor, limit: 6 }) : null,
    next: nextMeeting({ actor }),
  };
}

export default function NetworkHome() {
  const { t, dateTime } = useI18n();
  const { network, me, agencies, memberCount, pendingInvitations, recent, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <Page title={network.name} lead={network.description}>
      {params.get("welcome") ? (
        <Alert data-color="success" role="status">
          {t("accept.welcome", { network: network.name })}
        </Alert>
      ) : null}
      <Paragraph>{t("network.home.welcome", { name: me.name, role: t(`role.${me.role}` as MessageKey).toLowerCase() })}</Paragraph>
      <section aria-labelledby="next-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="next-heading">
          {t("network.home.nextMeeting")}
        </Heading>
        {next ? (
          <Paragraph>
            <Link asChild>
              <RemixLink to={`/n/${network.slug}/meetings/${next.id}`}>
                {next.title} – {dateTime(next.startsAt)}
              </RemixLink>
            </Link>
          </Paragraph>
        ) : (
          <Paragraph>
            {t("network.home.noNextMeeting")}{" "}
            <Link asChild>
              <RemixLink to={`/n/${network.slug}/meetings`}>{t("nav.meetings")}</RemixLink>
            </Link>
          </Paragraph>
        )}
      </section>
      <section aria-labelledby="stats-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="stats-heading">
          {t("network.home.stats")}
        </Heading>
        <dl className="stat-list">
          <div>
            <dt>{t("network.home.memberCount")}</dt>
            <dd>{memberCount}</dd>
          </div>
          <div>
            <dt>{t("network.home.agencyCount")}</dt>
            <dd>{agencies.length}</dd>
          </div>
          {pendingInvitations !== null ? (
            <div>
              <dt>{t("network.home.pendingInvitations")}</dt>
              <dd>{pendingInvitations}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="agencies-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="agencies-heading">
          {t("network.home.agencies")}
        </Heading>
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("members.agency")}</Table.HeaderCell>
                <Table.HeaderCell>{t("network.home.memberCount")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {agencies.map((agency) => (
                <Table.Row key={agency.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RemixLink to={`/n/${network.slug}/members?agency=${agency.id}`}>
                        {agencyLabel(agency.name, agency.shortName)}
                      </RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{agency.members}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
      {recent ? (
        <section aria-labelledby="recent-heading" className="stack-sm">
          <Heading level={2} data-size="sm" id="recent-heading">
            {t("network.home.recent")}
          </Heading>
          <ul>
            {recent.map((entry) => (
              <li key={entry.id}>
                <span className="muted">{dateTime(entry.at)}</span> – {entry.summary}
              </li>
            ))}
          </ul>
          <Link asChild>
            <RemixLink to={`/n/${network.slug}/audit`}>{t("nav.audit")}</RemixLink>
          </Link>
        </section>
      ) : null}
    </Page>
  );
}
