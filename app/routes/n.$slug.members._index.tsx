import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { Page } from "~/components/ui/page";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { agencyLabel } from "~/utils/agency-label";
import { listAgencyAdmins, listMembers } from "~/models/members.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { parseMemberFilter } from "~/web/member-filter.server";
import { ROLES } from "~/utils/roles";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "members.view");
  const filter = parseMemberFilter(new URL(request.url));
  return {
    slug: actor.networkSlug,
    filter,
    members: listMembers({ actor, filter }),
    agencyAdmins: listAgencyAdmins({ actor }),
    agencies: listNetworkAgencies({ actor }),
    ownMembershipId: actor.membershipId,
    // An agency administrator manages their own agency's members (a hint says so; the rows say which).
    ownAgencyAdmin: can(actor.role, "members.manageOwnAgency") ? actor.agencyId : null,
    canInvite: can(actor.role, "invitations.manage") || can(actor.role, "invitations.manageOwnAgency"),
  };
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>["members"][number];

function groupByAgency(members: Member[], noAgency: string) {
  const groups = new Map<string, { title: string; members: Member[] }>();
  for (const member of members) {
    const key = member.agencyId === null ? "none" : String(member.agencyId);
    const title = member.agencyName ? agencyLabel(member.agencyName, member.agencyShortName) : noAgency;
    const group = groups.get(key) ?? { title, members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  return [...groups.entries()];
}

export default function Members() {
  const { t } = useI18n();
  const { slug, filter, members, agencyAdmins, agencies, ownMembershipId, ownAgencyAdmin, canInvite } = useLoaderData<typeof loader>();
  const location = useLocation();
  const [params] = useSearchParams();
  const removed = params.get("removed");
  const groups = groupByAgency(members, t("members.noAgency"));
  const adminsOf = (agencyId: number | null) => agencyAdmins.filter((a) => a.agencyId === agencyId).map((a) => a.name);
  const ownAgency = agencies.find((a) => a.id === ownAgencyAdmin);
  // The actions column is there when a row of the page has an action: one to change, or one's own.
  const hasActions = members.some((m) => m.manageable || m.membershipId === ownMembershipId);
  return (
    <Page
      title={t("members.title")}
      lead={t("members.intro")}
      actions={
        <>
          <Button asChild variant="secondary">
            <a href={`/n/${slug}/members.csv${location.search}`} download>
              {t("members.downloadCsv")}
            </a>
          </Button>
          {canInvite ? (
            <Button asChild variant="secondary">
              <RemixLink to={`/n/${slug}/invitations`}>{t("members.invite")}</RemixLink>
            </Button>
          ) : null}
        </>
      }
    >
      {ownAgency ? (
        <Paragraph>{t("agencyAdmin.directoryHint", { agency: agencyLabel(ownAgency.name, ownAgency.shortName) })}</Paragraph>
      ) : null}
      {removed ? (
        <Alert data-color="success" role="status">
          {t("members.removed", { name: removed })}
        </Alert>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("members.filter")}>
        <SelectField
          id="filter-agency"
          name="agency"
          label={t("members.filterAgency")}
          placeholder={t("members.allAgencies")}
          defaultValue={filter.agencyId ?? ""}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SelectField
          id="filter-role"
          name="role"
          label={t("members.filterRole")}
          placeholder={t("members.allRoles")}
          defaultValue={filter.role ?? ""}
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
        <Textfield id="filter-q" name="q" label={t("members.search")} defaultValue={filter.query ?? ""} />
        <div>
          <Button type="submit">{t("members.filter")}</Button>
        </div>
      </Form>
      <Paragraph role="status">{t("members.count", { count: members.length })}</Paragraph>
      {members.length === 0 ? <Paragraph>{t("members.none")}</Paragraph> : null}
      {groups.map(([key, group]) => {
        const admins = adminsOf(group.members[0].agencyId);
        return (
          <section key={key} className="agency-group stack-sm" aria-labelledby={`agency-${key}`}>
            <Heading level={2} data-size="xs" id={`agency-${key}`}>
              {group.title}
            </Heading>
            {admins.length > 0 ? <Paragraph data-size="sm">{t("agencyAdmin.admins", { names: admins.join(", ") })}</Paragraph> : null}
            <div className="table-wrap">
              <Table className="member-table">
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("members.name")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("members.role")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("members.responsibility")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("members.email")}</Table.HeaderCell>
                    {hasActions ? (
                      <Table.HeaderCell>
                        <span className="visually-hidden">{t("members.actions")}</span>
                      </Table.HeaderCell>
                    ) : null}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {group.members.map((member) => (
                    <Table.Row key={member.membershipId}>
                      <Table.Cell>{member.name}</Table.Cell>
                      <Table.Cell>
                        <Tag data-color={member.role === "facilitator" ? "accent" : member.role === "agency_admin" ? "info" : "neutral"}>
                          {t(`role.${member.role}`)}
                        </Tag>
                      </Table.Cell>
                      <Table.Cell>{member.responsibility || "–"}</Table.Cell>
                      <Table.Cell>
                        <Link href={`mailto:${member.email}`}>{member.email}</Link>
                      </Table.Cell>
                      {hasActions ? (
                        <Table.Cell>
                          {member.manageable ? (
                            <Link asChild>
                              <RemixLink to={`/n/${slug}/members/${member.membershipId}`}>
                                {t("members.edit")}
                                <span className="visually-hidden"> {member.name}</span>
                              </RemixLink>
                            </Link>
                          ) : member.membershipId === ownMembershipId ? (
                            <Link asChild>
                              <RemixLink to={`/n/${slug}/members/${member.membershipId}`}>{t("ownResponsibility.link")}</RemixLink>
                            </Link>
                          ) : null}
                        </Table.Cell>
                      ) : null}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </section>
        );
      })}
    </Page>
  );
}
