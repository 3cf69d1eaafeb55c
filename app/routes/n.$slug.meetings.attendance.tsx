import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { AttendanceChart } from "~/components/meetings/attendance-chart";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { agencyLabel } from "~/utils/agency-label";
import { attendanceOverview } from "~/models/attendance.server";
import { requireMember } from "~/web/access.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings.attendanceOverview");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.view");
  return attendanceOverview({ actor });
}

export default function AttendanceOverview() {
  const { t, date } = useI18n();
  const { perMeeting, perAgency } = useLoaderData<typeof loader>();
  return (
    <Page title={t("meetings.attendanceOverview")} lead={t("meetings.attendanceIntro")}>
      <section aria-labelledby="chart-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="chart-heading">
          {t("meetings.chartTitle")}
        </Heading>
        {perMeeting.length === 0 ? (
          <Paragraph>{t("meetings.none")}</Paragraph>
        ) : (
          <>
            <AttendanceChart
              points={perMeeting.map((m) => ({ date: m.date.slice(5), agencies: m.agencies }))}
              label={t("meetings.agenciesPresent")}
            />
            <div className="table-wrap">
              <Table>
                <caption className="visually-hidden">{t("meetings.chartTitle")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("meetings.when")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("meetings.meeting")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("meetings.agenciesPresent")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {perMeeting.map((m) => (
                    <Table.Row key={m.id}>
                      <Table.Cell>{date(m.startsAt)}</Table.Cell>
                      <Table.Cell>{m.title}</Table.Cell>
                      <Table.Cell>{m.agencies}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="agency-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="agency-heading">
          {t("meetings.perAgency")}
        </Heading>
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("members.agency")}</Table.HeaderCell>
                <Table.HeaderCell>{t("meetings.attended")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {perAgency.map((a) => (
                <Table.Row key={a.id}>
                  <Table.Cell>{agencyLabel(a.name, a.shortName)}</Table.Cell>
                  <Table.Cell>{t("meetings.attendedOf", { attended: a.attended, of: a.of })}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
    </Page>
  );
}
