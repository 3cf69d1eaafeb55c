import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph, Search, Tag } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { searchMeetings } from "~/models/meeting-search.server";
import { requireMember } from "~/web/access.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings.searchTitle");

const QuerySchema = z.object({ q: z.string().trim().max(200).optional() });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.view");
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw data(null, { status: 400 });
  const query = parsed.data.q ?? "";
  return { slug: actor.networkSlug, query, hits: query ? searchMeetings({ actor, query }) : [] };
}

export default function MeetingSearch() {
  const { t, date } = useI18n();
  const { slug, query, hits } = useLoaderData<typeof loader>();
  return (
    <Page title={t("meetings.searchTitle")}>
      <Form method="get" role="search" className="row">
        <Search>
          <Search.Input name="q" defaultValue={query} aria-label={t("meetings.searchLabel")} placeholder={t("meetings.searchLabel")} />
          <Search.Button>{t("meetings.search")}</Search.Button>
        </Search>
      </Form>
      {query ? (
        <Paragraph role="status">
          {hits.length ? t("meetings.searchCount", { count: hits.length, query }) : t("meetings.searchNone", { query })}
        </Paragraph>
      ) : null}
      <ol className="search-hits">
        {hits.map((hit) => (
          <li key={`${hit.kind}-${hit.refId}`} className="stack-sm">
            <Heading level={2} data-size="xs">
              <Link asChild>
                <RemixLink to={`/n/${slug}/meetings/${hit.meetingId}`}>
                  {hit.meetingTitle} – {date(hit.startsAt)}
                </RemixLink>
              </Link>
            </Heading>
            <div className="row" style={{ alignItems: "center" }}>
              <Tag data-color="info">{t(`meetings.kind.${hit.kind}`)}</Tag>
              {hit.title && hit.kind === "agenda" ? <strong>{hit.title}</strong> : null}
            </div>
            <Paragraph data-size="sm">
              {hit.snippet.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
            </Paragraph>
          </li>
        ))}
      </ol>
    </Page>
  );
}
