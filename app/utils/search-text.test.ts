import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldText, ftsQuery, markdownToPlain, queryTerms, snippet } from "./search-text";

describe("search text", () => {
  it("folds Norwegian letters and accents so queries without them still match", () => {
    assert.equal(foldText("Løsning på Æresord, Ål og café"), "losning pa aeresord, al og cafe");
  });

  it("turns any input into a safe FTS5 prefix query", () => {
    assert.deepEqual(queryTerms('adresse "på" D-nummer OR NEAR(*'), ["adresse", "pa", "d", "nummer", "or", "near"]);
    assert.equal(ftsQuery(["adresse", "pa"]), '"adresse"* "pa"*');
    assert.deepEqual(queryTerms("  ,.;  "), []);
  });

  it("marks hits in the original text, with its own letters", () => {
    const parts = snippet("Manglende adresse på D-nummer hindrer eID.", ["adresse", "pa"]);
    assert.deepEqual(
      parts.filter((p) => p.mark).map((p) => p.text),
      ["adresse", "på"],
    );
    assert.equal(parts.map((p) => p.text).join(""), "Manglende adresse på D-nummer hindrer eID.");
  });

  it("cuts long text to a window around the first hit", () => {
    const text = `${"innledning ".repeat(40)}her står bosetting midt i teksten ${"avslutning ".repeat(40)}`;
    const parts = snippet(text, ["bosetting"], 40);
    const joined = parts.map((p) => p.text).join("");
    assert.ok(joined.startsWith("… ") && joined.endsWith(" …"));
    assert.ok(joined.length < 160);
    assert.deepEqual(
      parts.filter((p) => p.mark).map((p) => p.text),
      ["bosetting"],
    );
  });

  it("reads Markdown as plain words for snippets", () => {
    assert.equal(
      markdownToPlain("## Adresser\n\n- **Manglende** adresse på [D-nummer](https://x.example)\n1. `eID`"),
      "Adresser Manglende adresse på D-nummer eID",
    );
  });
});
