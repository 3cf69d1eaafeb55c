import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderMarkdown } from "./markdown.server";

describe("Markdown of the minutes", () => {
  it("renders the usual formatting", () => {
    const html = renderMarkdown(
      "# Referat\n\n**Vedtak:** eID er *klar* for utrulling.\n\n- NAV\n- UDI\n\n[Rapport](https://www.digdir.no/rapport)",
    );
    assert.match(html, /<h3>Referat<\/h3>/);
    assert.match(html, /<strong>Vedtak:<\/strong> eID er <em>klar<\/em>/);
    assert.match(html, /<li>NAV<\/li>/);
    assert.match(html, /<a href="https:\/\/www\.digdir\.no\/rapport" rel="noopener noreferrer nofollow">Rapport<\/a>/);
  });

  it("leaves script tags inert", () => {
    const html = renderMarkdown("Før <script>alert('x')</script> etter");
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&lt;script&gt;/);
  });

  it("drops event handlers from raw HTML", () => {
    const html = renderMarkdown('<img src="x" onerror="alert(1)"> <b onclick="steal()">fet</b>');
    assert.doesNotMatch(html, /<img|<b[\s>]/i, "no live tags");
    assert.doesNotMatch(html, /<[^>]+\son\w+=/i, "no live event handler attributes");
  });

  it("removes javascript: and data: links", () => {
    for (const md of [
      "[klikk](javascript:alert(1))",
      "[klikk](JaVaScRiPt:alert(1))",
      "[klikk](data:text/html;base64,PHNjcmlwdD4=)",
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      const html = renderMarkdown(md);
      assert.doesNotMatch(html, /<a[^>]+href="(javascript|data):/i, md);
    }
  });

  it("shows raw HTML as text rather than markup", () => {
    const html = renderMarkdown('<iframe src="https://evil.example"></iframe><div style="position:fixed">x</div>');
    assert.doesNotMatch(html, /<iframe|<div|<[^>]+style=/i);
  });
});
