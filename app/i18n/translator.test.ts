import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { translator } from "./index";
import { en } from "./en";
import { nb } from "./nb";

describe("translator", () => {
  it("fills in numbers in the reader's format, and picks the word for one or several", () => {
    const t = translator("nb");
    assert.equal(
      t("figures.previewErrors", { count: 1, file: "a.csv" }),
      "1 rad i «a.csv» har feil. Ingenting er lagret. Rett filen og last den opp igjen.",
    );
    assert.equal(t("figures.previewErrors", { count: 1200, file: "a.csv" }).slice(0, 11), "1\u00a0200 rader");
    assert.equal(translator("en")("figures.historyCount", { count: 1 }), "1 change");
    assert.equal(translator("en")("figures.historyCount", { count: 3 }), "3 changes");
  });

  it("has every key in both languages, with the same placeholders", () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(nb).sort());
    const names = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nb) as Array<keyof typeof nb>) {
      assert.deepEqual([...new Set(names(en[key]))], [...new Set(names(nb[key]))], key);
    }
  });
});
