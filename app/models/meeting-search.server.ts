import { sql } from "drizzle-orm";
import { db } from "../../db/client";
import { ftsQuery, markdownToPlain, queryTerms, snippet, type SnippetPart } from "~/utils/search-text";
import { assertCan, can, type Actor } from "./permissions.server";

export type SearchKind = "minutes" | "agenda" | "decision" | "action";

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  meetingId: number;
  meetingTitle: string;
  startsAt: Date;
  title: string;
  snippet: SnippetPart[];
}

/**
 * Full-text search over the network's minutes, agenda items, decisions and action items, best
 * first (bm25). Members who are not facilitators find minutes, decisions and action items of
 * published meetings only, as on the meeting pages.
 */
export function searchMeetings({ actor, query, limit = 30 }: { actor: Actor; query: string; limit?: number }): SearchHit[] {
  assertCan(actor, "meetings.view");
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const drafts = can(actor.role, "minutes.viewDraft");
  const rows = db.all<{ kind: SearchKind; ref_id: number; meeting_id: number; meeting_title: string; starts_at: number; rank: number }>(sql`
    select s.kind, s.ref_id, s.meeting_id, m.title as meeting_title, m.starts_at, bm25(meeting_search, 5.0, 1.0) as rank
    from meeting_search s
    join meetings m on m.id = s.meeting_id
    where meeting_search match ${ftsQuery(terms)}
      and s.network_id = ${actor.networkId}
      and (${drafts ? 1 : 0} = 1 or s.kind = 'agenda' or m.minutes_state = 'published')
      and (s.kind != 'minutes' or m.minutes != '')
    order by rank
    limit ${limit}`);
  return rows.map((r) => {
    const source = sourceText(r.kind, r.ref_id);
    return {
      kind: r.kind,
      refId: r.ref_id,
      meetingId: r.meeting_id,
      meetingTitle: r.meeting_title,
      startsAt: new Date(r.starts_at),
      title: source.title,
      snippet: snippet(source.body || source.title, terms),
    };
  });
}

/** The original (unfolded) text of a hit, for its title and highlighted snippet. */
function sourceText(kind: SearchKind, id: number): { title: string; body: string } {
  const query = {
    minutes: sql`select title, minutes as body from meetings where id = ${id}`,
    agenda: sql`select title, notes as body from agenda_items where id = ${id}`,
    decision: sql`select '' as title, text as body from decisions where id = ${id}`,
    action: sql`select '' as title, text as body from action_items where id = ${id}`,
  }[kind];
  const row = db.get<{ title: string; body: string }>(query) ?? { title: "", body: "" };
  return kind === "minutes" ? { ...row, body: markdownToPlain(row.body) } : row;
}
