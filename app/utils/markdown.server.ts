import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Minutes are Markdown, rendered on the server. Raw HTML in the Markdown is escaped (never passed
 * through), and the rendered HTML is sanitized to a small allow-list: no scripts, no event handlers,
 * no javascript: or data: links, no styles. Links open safely.
 */
const renderer = new marked.Renderer();
renderer.html = ({ text }) => escapeHtml(text);

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    // The page has h1 and the minutes sit under an h2: their headings start at h3.
    h1: "h3",
    h2: "h3",
    h3: "h4",
    h4: "h5",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow" } }),
  },
};
ALLOWED.allowedAttributes = { ...ALLOWED.allowedAttributes, a: ["href", "title", "rel"] };

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { renderer, async: false, gfm: true, breaks: true }) as string;
  return sanitizeHtml(html, ALLOWED);
}
