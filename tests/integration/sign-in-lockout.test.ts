/**
 * A stranger who knows a colleague's address tries to keep them out, over HTTP behind a proxy
 * (TRUST_PROXY, so each attacker address is its own X-Forwarded-For): the colleague still signs in,
 * from their own address and from the browser they used before, and every refusal says when to try
 * again.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startPortal, type Portal } from "../helpers/portal-process";

const port = 3600 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let portal: Portal;
const VICTIM = "representant@udi.example";

async function start() {
  const dir = mkdtempSync(join(tmpdir(), "portal-lockout-"));
  portal = await startPortal(port, { DATABASE_PATH: join(dir, "portal.db"), SEED_DEMO: "true", TRUST_PROXY: "true", LOG_LEVEL: "warn" });
}

function attempt(password: string, address: string, cookie = "") {
  return fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "X-Forwarded-For": address, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ email: VICTIM, password }),
  });
}

/** The cookies a sign-in answer sets, as one Cookie header. */
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("a stranger cannot lock a member out", () => {
  before(start);
  after(() => portal.stop("SIGKILL"));

  it("locks the guesser's address, not the member at theirs", async () => {
    for (let i = 0; i < 12; i++) {
      const res = await attempt(`gjett-${i}`, "203.0.113.9");
      assert.ok(res.status === 401 || res.status === 429, `guess ${i}: ${res.status}`);
      if (res.status === 429) assert.ok(Number(res.headers.get("retry-after")) > 0, "a refusal says when to try again");
    }
    const guesser = await attempt("samhandling-demo", "203.0.113.9");
    // After three failures each further guess must wait (refused unheard); the unit tests follow it to the lock.
    assert.equal(guesser.status, 429, "the guesser's place is slowed, even with the right password");
    assert.ok(Number(guesser.headers.get("retry-after")) > 0);
    const member = await attempt("samhandling-demo", "198.51.100.7");
    assert.equal(member.status, 302, "the member at their own address signs in");
  });

  it("stops a guesser spread over many addresses, while the member's own browser still gets in", async () => {
    // The member has signed in from this browser before: it holds the known-device cookie.
    const earlier = await attempt("samhandling-demo", "198.51.100.7");
    assert.equal(earlier.status, 302);
    const browser = cookiesOf(earlier);
    assert.match(browser, /__device=/);
    const device = browser.split("; ").find((c) => c.startsWith("__device="))!;
    let refusedWithoutRetryAfter = 0;
    for (let i = 0; i < 140; i++) {
      const res = await attempt(`gjett-${i}`, `203.0.${114 + Math.floor(i / 7)}.${i % 7}`);
      if (res.status === 429 && !(Number(res.headers.get("retry-after")) > 0)) refusedWithoutRetryAfter++;
    }
    assert.equal(refusedWithoutRetryAfter, 0, "every 429 carries Retry-After");
    const stranger = await attempt("samhandling-demo", "192.0.2.77");
    assert.equal(stranger.status, 429, "a browser the account has never used is refused for now");
    assert.ok(Number(stranger.headers.get("retry-after")) > 0);
    const own = await attempt("samhandling-demo", "192.0.2.77", device);
    assert.equal(own.status, 302, "the member's own browser signs in, wherever it is");
    // A device cookie that was tampered with is worth nothing.
    const forged = await attempt(
      "samhandling-demo",
      "192.0.2.77",
      device.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
    );
    assert.equal(forged.status, 429);
  });
});
