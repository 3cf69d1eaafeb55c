/**
 * The process as an operator runs it: start server.ts on a fresh database, check health, the
 * realtime path and sign-in over HTTP, then SIGTERM and a clean exit. Needs a build (npm test makes one).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";

const port = 3800 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess;
let output = "";
let stdout = "";

async function waitForHealth(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not come up:\n${output}`);
}

/** Sends a WebSocket upgrade request and returns the status line the server answers with. */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
      },
    });
    req.on("response", (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    req.on("upgrade", () => reject(new Error("the upgrade was accepted")));
    req.on("error", reject);
    req.end();
  });
}

async function signIn(email: string) {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "samhandling-demo" }),
    redirect: "manual",
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

describe("server process", () => {
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-server-"));
    server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: join(dir, "nested", "portal.db"), SMTP_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => {
      output += d;
      stdout += d;
    });
    server.stderr!.on("data", (d) => (output += d));
    await waitForHealth();
  });

  after(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
  });

  it("answers /healthz with JSON when the database answers", async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok", database: "ok" });
    assert.match(output, /Seeded the demo network/);
  });

  it("refuses realtime upgrades it cannot serve, before the socket opens", async () => {
    assert.equal(await upgradeStatus("/realtime/map:1"), 401, "no session cookie");
    assert.equal(await upgradeStatus("/realtime/not-a-document"), 404);
    assert.equal(await upgradeStatus("/somewhere-else"), 400);
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200, "still serving afterwards");
  });

  it("signs in a demo account with an HttpOnly, SameSite=Lax cookie", async () => {
    const body = new URLSearchParams({ email: "fasilitator@digdir.example", password: "samhandling-demo" });
    const res = await fetch(`${base}/login`, { method: "POST", body, redirect: "manual" });
    assert.equal(res.status, 302);
    const cookie = res.headers.get("set-cookie") ?? "";
    assert.match(cookie, /__session=/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.doesNotMatch(cookie, /Secure/i, "not Secure over plain http, so http://localhost works");
    const home = await fetch(`${base}/n/ukraina`, { headers: { cookie: cookie.split(";")[0] } });
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Ukraina-samarbeidet/);
  });

  it("sends a Content-Security-Policy whose fresh nonce is on every script of the page, and no others", async () => {
    const first = await fetch(`${base}/login`);
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, /script-src 'self' 'nonce-[^']+'(;|$)/, "no 'unsafe-inline' for scripts");
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`) || /\ssrc=/.test(tag), tag);
    const second = await fetch(`${base}/login`);
    assert.notEqual(/'nonce-([^']+)'/.exec(second.headers.get("content-security-policy") ?? "")?.[1], nonce, "a new nonce per request");
    assert.equal(first.headers.get("x-content-type-options"), "nosniff");
    assert.equal(first.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
    assert.equal(first.headers.get("strict-transport-security"), null, "HSTS only over https");
  });

  it("refuses a sign-in posted from another site, and takes one from its own pages", async () => {
    const body = () => new URLSearchParams({ email: "fasilitator@digdir.example", password: "samhandling-demo" });
    const foreign = await fetch(`${base}/login`, {
      method: "POST",
      body: body(),
      redirect: "manual",
      headers: { Origin: "https://evil.example" },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get("set-cookie"), null);
    const crossSite = await fetch(`${base}/login`, {
      method: "POST",
      body: body(),
      redirect: "manual",
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    assert.equal(crossSite.status, 403);
    const own = await fetch(`${base}/login`, { method: "POST", body: body(), redirect: "manual", headers: { Origin: base } });
    assert.equal(own.status, 302);
  });

  it("redirects only to its own pages after sign-in and the language choice, however the target is written", async () => {
    const hostile = [
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "//evil.example",
      "/\\evil.example",
      "/.//evil.example",
      "/%2F/evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "\t//evil.example",
    ];
    const landsOn = (res: Response) => new URL(res.headers.get("location") ?? "", `${base}/login`);
    for (const redirectTo of hostile) {
      const signedIn = await fetch(`${base}/login`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ email: "leder@imdi.example", password: "samhandling-demo", redirectTo }),
      });
      assert.equal(signedIn.status, 302, redirectTo);
      assert.equal(landsOn(signedIn).origin, base, `sign-in with ${JSON.stringify(redirectTo)} → ${signedIn.headers.get("location")}`);
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
      const again = await fetch(`${base}/login?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: { cookie }, redirect: "manual" });
      assert.equal(landsOn(again).origin, base, `/login while signed in with ${JSON.stringify(redirectTo)}`);
      const language = await fetch(`${base}/language`, {
        method: "POST",
        headers: { cookie },
        redirect: "manual",
        body: new URLSearchParams({ locale: "en", redirectTo }),
      });
      assert.equal(landsOn(language).origin, base, `language with ${JSON.stringify(redirectTo)}`);
    }
    const own = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        email: "leder@imdi.example",
        password: "samhandling-demo",
        redirectTo: "/n/ukraina/measures?phase=execution",
      }),
    });
    assert.equal(own.headers.get("location"), "/n/ukraina/measures?phase=execution", "a page of the portal is kept as asked");
  });

  it("sends a signed-out visitor to /login", async () => {
    const res = await fetch(`${base}/n/ukraina/members`, { redirect: "manual" });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "/login?redirectTo=%2Fn%2Fukraina%2Fmembers");
  });

  it("limits invitations and uploads per person, with a clear message, and refuses before sending or storing", async () => {
    const cookie = await signIn("fasilitator@digdir.example");
    const page = await (await fetch(`${base}/n/ukraina/invitations`, { headers: { cookie } })).text();
    const agencyId = /<option value="(\d+)"/.exec(page)?.[1];
    assert.ok(agencyId, "the form offers agencies");
    const invite = (n: number) =>
      fetch(`${base}/n/ukraina/invitations`, {
        method: "POST",
        headers: { cookie, Origin: base },
        body: new URLSearchParams({ intent: "invite", email: `ny${n}@etat.example`, role: "participant", agencyId }),
      });
    for (let n = 0; n < 100; n++) assert.equal((await invite(n)).status, 200, `invitation ${n}`);
    const refused = await invite(100);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    assert.match(await refused.text(), /Du har sendt mange invitasjoner på kort tid\. Vent \d+ minutt(er)? og prøv igjen\./);
    const pending = await (await fetch(`${base}/n/ukraina/invitations`, { headers: { cookie } })).text();
    assert.match(pending, /ny99@etat\.example/);
    assert.doesNotMatch(pending, /ny100@etat\.example/, "the refused invitation was not made");

    // Uploads: 30 in ten minutes (these are empty, so each is refused for its content), then 429.
    const meetingId = /\/n\/ukraina\/meetings\/(\d+)/.exec(
      await (await fetch(`${base}/n/ukraina/meetings`, { headers: { cookie } })).text(),
    )?.[1];
    assert.ok(meetingId);
    const upload = () => {
      const form = new FormData();
      form.set("file", new Blob([]), "tom.pdf");
      return fetch(`${base}/n/ukraina/meetings/${meetingId}?index`, { method: "POST", headers: { cookie, Origin: base }, body: form });
    };
    for (let n = 0; n < 30; n++) assert.equal((await upload()).status, 400, `upload ${n}`);
    const tooMany = await upload();
    assert.equal(tooMany.status, 429);
    assert.match(await tooMany.text(), /Du har lastet opp mange filer på kort tid/);
  });

  it("limits how often one person may open realtime connections, however the cookie is written", async () => {
    const cookie = await signIn("representant@nav.example");
    const open = (cookieHeader: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${base.replace("http", "ws")}/realtime/map:1`, { headers: { cookie: cookieHeader, Origin: base } });
        ws.on("open", () => {
          ws.close();
          resolve(101);
        });
        ws.on("unexpected-response", (_req, res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
        });
        ws.on("error", reject);
      });
    for (let n = 0; n < 60; n++) assert.equal(await open(cookie), 101, `connection ${n}`);
    assert.equal(await open(cookie), 429);
    // The same session written differently: one character percent-encoded, other cookies around
    // it, the session cookie twice. Each still signs in as the same person, so each is refused.
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
    const encodedAt = (i: number) =>
      value.slice(0, i) + "%" + value.charCodeAt(i).toString(16).toUpperCase().padStart(2, "0") + value.slice(i + 1);
    const variants = [
      ...Array.from({ length: 30 }, (_, i) => `${name}=${encodedAt(i)}`),
      `theme=dark; ${cookie}`,
      `${cookie}; theme=dark`,
      `a=1;${cookie};b=2`,
      `${name}=${decodeURIComponent(value)}`,
      `${name}=${decodeURIComponent(value).replace(/[A-Za-z]/g, (c) => "%" + c.charCodeAt(0).toString(16))}`,
      `${cookie}; ${name}=tull`,
    ];
    const signedIn = await fetch(`${base}/n/ukraina`, { headers: { cookie: variants[0] }, redirect: "manual" });
    assert.equal(signedIn.status, 200, "a re-encoded cookie is the same session");
    for (const variant of variants) assert.equal(await open(variant), 429, `the same session as ${variant.slice(0, 60)}…`);
    // Another person is not affected.
    const other = await signIn("representant@udi.example");
    assert.equal(await open(other), 101);
  });

  it("logs one JSON line per request with its id, and never a password, a token or search words", async () => {
    const reqId = "proxy-given-id-0001";
    const res = await fetch(`${base}/login`, { headers: { "X-Request-Id": reqId } });
    assert.equal(res.headers.get("x-request-id"), reqId, "the id is sent back");
    const fresh = await fetch(`${base}/login`, { headers: { "X-Request-Id": "bad id {with} spaces" } });
    assert.match(fresh.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/, "an id of odd characters is replaced");
    const password = "samhandling-demo";
    await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "fasilitator@digdir.example", password }),
      redirect: "manual",
    });
    await fetch(`${base}/invitation/Ab3dSecretInvitationToken`);
    await fetch(`${base}/calendar/7/c0ffeeSecretCalendarHmac.ics`);
    const cookie = await signIn("deltaker@skatteetaten.example");
    await fetch(`${base}/n/ukraina/meetings/search?q=hemmeligord`, { headers: { cookie } });
    await new Promise((r) => setTimeout(r, 200));

    const lines = stdout.trim().split("\n");
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = entries.find((e) => e.reqId === reqId);
    assert.ok(mine, "the request's line carries the given id");
    assert.equal(mine.method, "GET");
    assert.equal(mine.path, "/login");
    assert.equal(mine.status, 200);
    assert.equal(typeof mine.ms, "number");
    assert.ok(entries.some((e) => e.path === "/invitation/[redacted]"));
    assert.ok(entries.some((e) => e.path === "/calendar/7/[redacted]"));
    assert.ok(entries.some((e) => e.path === "/n/ukraina/meetings/search"));
    for (const secret of [password, "Ab3dSecretInvitationToken", "c0ffeeSecretCalendarHmac", "hemmeligord", cookie.split("=")[1]]) {
      assert.ok(!stdout.includes(secret), `the log contains ${secret}`);
    }
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    assert.equal(await exited, 0);
    assert.match(output, /SIGTERM received/);
  });
});
