import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, Search, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { calendarFeedPath, resetCalendarFeed } from "~/models/calendar.server";
import { listMeetings } from "~/models/meetings.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, succeeded } from "~/web/actions.server";
import { messageOf } from "~/web/answer";
import { baseUrl } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.view");
  return {
    slug: actor.networkSlug,
    ...listMeetings({ actor }),
    canManage: can(actor.role, "meetings.manage"),
    calendarUrl: `${baseUrl(request)}${calendarFeedPath({ actor })}`,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "meetings.view");
  const intent = intentOf(await request.formData());
  // The page's one form; anything else changes nothing.
  if (intent !== "reset-calendar") return succeeded(null, { intent });
  return answer(t, () => resetCalendarFeed({ actor }), { intent, message: t("meetings.calendarResetDone"), value: () => undefined });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function MeetingTable({ rows, slug, caption }: { rows: Row[]; slug: string; caption: string }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-wrap">
      <Table className="stacked-table">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("meetings.when")}</Table.HeaderCell>
            <Table.HeaderCell>{t("meetings.meeting")}</Table.HeaderCell>
            <Table.HeaderCell>{t("meetings.status")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((m) => (
            <Table.Row key={m.id}>
              <Table.Cell>{dateTime(m.startsAt)}</Table.Cell>
              <Table.Cell>
                <Link asChild>
                  <RemixLink to={`/n/${slug}/meetings/${m.id}`}>{m.title}</RemixLink>
                </Link>
                {m.topics.length ? (
                  <span className="meeting-topics" data-testid="meeting-topics">
                    {m.topics.join(" · ")}
                    {m.agendaCount > m.topics.length ? ` ${t("meetings.moreTopics", { count: m.agendaCount - m.topics.length })}` : ""}
                  </span>
                ) : null}
                <span className="muted meeting-place">{m.location || (m.onlineUrl ? "Teams" : "")}</span>
              </Table.Cell>
              <Table.Cell>
                {m.status === "cancelled" ? (
                  <Tag data-color="danger">{t("meetings.cancelled")}</Tag>
                ) : m.minutesState === "published" ? (
                  <Tag data-color="success">{t("meetings.minutesPublished")}</Tag>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

export default function Meetings() {
  const { t } = useI18n();
  const { slug, upcoming, past, canManage, calendarUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Page
      title={t("meetings.title")}
      lead={t("meetings.intro")}
      actions={
        <>
          {canManage ? (
            <Button asChild>
              <RemixLink to={`/n/${slug}/meetings/new`}>{t("meetings.new")}</RemixLink>
            </Button>
          ) : null}
          <Button asChild variant="secondary">
            <RemixLink to={`/n/${slug}/meetings/attendance`}>{t("meetings.attendanceOverview")}</RemixLink>
          </Button>
        </>
      }
    >
      <SuccessMessage message={params.get("deleted") ? t("meetings.deleted") : null} />
      <Form method="get" action={`/n/${slug}/meetings/search`} role="search" className="row">
        <Search>
          <Search.Input name="q" aria-label={t("meetings.searchLabel")} placeholder={t("meetings.searchLabel")} />
          <Search.Button>{t("meetings.search")}</Search.Button>
        </Search>
      </Form>
      <section aria-labelledby="upcoming-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="upcoming-heading">
          {t("meetings.upcoming")}
        </Heading>
        {upcoming.length ? (
          <MeetingTable rows={upcoming} slug={slug} caption={t("meetings.upcoming")} />
        ) : (
          <Paragraph>{t("meetings.none")}</Paragraph>
        )}
      </section>
      <section aria-labelledby="past-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="past-heading">
          {t("meetings.past")}
        </Heading>
        {past.length ? <MeetingTable rows={past} slug={slug} caption={t("meetings.past")} /> : <Paragraph>{t("meetings.none")}</Paragraph>}
      </section>
      <section aria-labelledby="calendar-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="calendar-heading">
          {t("meetings.calendar")}
        </Heading>
        <Paragraph>{t("meetings.calendarIntro")}</Paragraph>
        <SuccessMessage message={messageOf(actionData, "reset-calendar")} />
        <Textfield
          id="calendar-url"
          label={t("meetings.calendarUrl")}
          value={calendarUrl}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
        <Form method="post">
          <input type="hidden" name="intent" value="reset-calendar" />
          <Button type="submit" variant="tertiary" data-size="sm">
            {t("meetings.calendarReset")}
          </Button>
        </Form>
      </section>
    </Page>
  );
}
