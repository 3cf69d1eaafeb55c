/**
 * Folding of Norwegian text for search, the same as the SQL in db/migrations/0002_meetings_search.sql:
 * æ→ae, ø→o, å→a, then lower case and other accents removed. Also builds FTS5 queries and the
 * highlighted snippets shown in results.
 */
const LETTERS: Record<string, string> = { æ: "ae", ø: "o", å: "a" };

function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  return LETTERS[lower] ?? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

export function foldText(text: string): string {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** Folded text with, for each folded character, the index of the original character it came from. */
function foldWithMap(text: string) {
  let folded = "";
  const map: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let i = 0; i < f.length; i++) map.push(index);
    folded += f;
    index += ch.length;
  }
  map.push(index);
  return { folded, map };
}

/** The words of a query, folded; punctuation and FTS5 syntax are dropped so no input can break the query. */
export function queryTerms(query: string): string[] {
  return foldText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
}

/** An FTS5 MATCH expression: every word must appear, each as a prefix ("adress" finds "adresser"). */
export function ftsQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, "")}"*`).join(" ");
}

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** A window of the original text around the first hit, with every hit of every term marked. */
export function snippet(text: string, terms: string[], radius = 80): SnippetPart[] {
  const { folded, map } = foldWithMap(text);
  const hits: Array<[number, number]> = [];
  for (const term of terms) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "gu");
    for (const m of folded.matchAll(re)) {
      // Queries match word prefixes, so mark the whole word ("adress" marks "adressen").
      let end = m.index! + term.length;
      while (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end])) end++;
      hits.push([map[m.index!], map[end]]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const first = hits[0]?.[0] ?? 0;
  let start = Math.max(0, first - radius);
  let end = Math.min(text.length, first + radius * 2);
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", mark: false });
  let cursor = start;
  for (const [from, to] of hits) {
    if (from < cursor || from >= end) continue;
    if (from > cursor) parts.push({ text: text.slice(cursor, from), mark: false });
    parts.push({ text: text.slice(from, Math.min(to, end)), mark: true });
    cursor = Math.min(to, end);
  }
  if (cursor < end) parts.push({ text: text.slice(cursor, end), mark: false });
  if (end < text.length) parts.push({ text: " …", mark: false });
  return parts;
}

/** Markdown reduced to its words, for snippets: no #, *, _, `, list markers or link addresses. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}
