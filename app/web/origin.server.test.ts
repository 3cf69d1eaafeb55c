import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ceremonyOrigin, isCrossSite } from "./origin.server";

const at = (origin: string | undefined, reachedAt: string = "http://portal.example:3000", fetchSite?: string) => ({
  origin,
  fetchSite,
  reachedAt,
});

describe("which requests come from another site", () => {
  it("lets the portal's own pages in, however the Host header is written", () => {
    assert.equal(isCrossSite(at("http://portal.example:3000"), null), false);
    assert.equal(isCrossSite(at("http://portal.example:3000", "http://PORTAL.Example:3000"), null), false);
    assert.equal(isCrossSite(at("https://portal.example", "https://portal.example:443"), null), false);
  });

  it("lets PUBLIC_URL's origin in when the request came through a proxy under another name", () => {
    assert.equal(isCrossSite(at("https://samhandling.example", "http://10.0.0.5:3000"), "https://samhandling.example/"), false);
    assert.equal(isCrossSite(at("https://samhandling.example", "http://10.0.0.5:3000"), null), true);
  });

  it("refuses other sites, look-alikes and opaque origins", () => {
    for (const origin of [
      "http://evil.example",
      "http://portal.example:3001",
      "https://portal.example:3000",
      "http://portal.example:3000.evil.example",
      "http://portal.example.evil.example:3000",
      "null",
      "not a url",
    ]) {
      assert.equal(isCrossSite(at(origin), null), true, origin);
    }
  });

  it("without an Origin, trusts Sec-Fetch-Site, and lets programs without either through", () => {
    assert.equal(isCrossSite(at(undefined, undefined, "cross-site"), null), true);
    assert.equal(isCrossSite(at(undefined, undefined, "same-origin"), null), false);
    assert.equal(isCrossSite(at(undefined), null), false);
  });

  it("does not let a broken Host header make every origin its own", () => {
    assert.equal(isCrossSite(at("http://evil.example", "http://"), null), true);
    assert.equal(isCrossSite(at("null", "null"), null), true);
  });
});

describe("the origin a passkey ceremony runs under", () => {
  it("is the page's own origin when the portal is opened under another of its names", () => {
    assert.equal(ceremonyOrigin(at("http://localhost:3957", "http://localhost:3957"), "http://127.0.0.1:3957"), "http://localhost:3957");
    assert.equal(
      ceremonyOrigin(at("https://samhandling.example", "http://10.0.0.5:3000"), "https://samhandling.example/"),
      "https://samhandling.example",
    );
  });

  it("never takes another site's Origin: PUBLIC_URL's origin, else the one the request came to", () => {
    assert.equal(
      ceremonyOrigin(at("https://evil.example", "http://10.0.0.5:3000"), "https://samhandling.example"),
      "https://samhandling.example",
    );
    assert.equal(ceremonyOrigin(at("https://evil.example"), null), "http://portal.example:3000");
    assert.equal(ceremonyOrigin(at(undefined, "http://PORTAL.example:3000"), null), "http://portal.example:3000");
    assert.equal(ceremonyOrigin(at("null"), "https://samhandling.example"), "https://samhandling.example");
  });
});
