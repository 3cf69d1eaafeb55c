import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeRedirect } from "./safe-redirect";

const PORTAL = "https://samhandling.example.no";

/** Where a browser on the portal would end up if it followed a Location header with this value. */
const landsOn = (location: string) => new URL(location, `${PORTAL}/login`);

describe("where a redirect after sign-in may go", () => {
  it("keeps paths of the portal, with their query and fragment", () => {
    for (const target of [
      "/",
      "/n/ukraina/members",
      "/n/ukraina/measures?agency=3&phase=execution",
      "/n/ukraina/maps/4#node-2",
      "/n/%C3%B8st",
    ]) {
      assert.equal(safeRedirect(target), target);
    }
  });

  it("never sends the browser to another origin, however the address is written", () => {
    const hostile = [
      "/\t/evil.example/phish",
      "/\n/evil.example/phish",
      "/\r\n/evil.example",
      "\t//evil.example",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\\/evil.example",
      "/.//evil.example",
      "/./\t/evil.example",
      "/x/..//evil.example",
      " //evil.example",
      "https://evil.example/phish",
      "HTTPS://evil.example",
      "http:evil.example",
      "https:/evil.example",
      "javascript:alert(document.cookie)",
      "JaVaScRiPt:alert(1)",
      "\u0000javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "//evil.example@samhandling.example.no",
      "/%09/evil.example",
      "mailto:x@evil.example",
    ];
    for (const target of hostile) {
      const location = safeRedirect(target);
      assert.equal(landsOn(location).origin, PORTAL, `${JSON.stringify(target)} → ${location}`);
      assert.ok(
        location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"),
        `${JSON.stringify(target)} → ${location}`,
      );
    }
  });

  it("keeps an encoded slash as a path, never as a host", () => {
    const location = safeRedirect("/%2F%2Fevil.example");
    assert.equal(landsOn(location).origin, PORTAL);
    assert.equal(landsOn(location).pathname, "/%2F%2Fevil.example");
  });

  it("falls back for anything that is not text", () => {
    assert.equal(safeRedirect(null), "/");
    assert.equal(safeRedirect(undefined, "/login"), "/login");
    assert.equal(safeRedirect(42), "/");
    assert.equal(safeRedirect(""), "/");
  });
});
