/**
 * `npm start` as a newcomer and an operator run it: React's production build, an address to open,
 * sign-in over plain http on localhost, and Secure cookies and HSTS exactly when the portal is
 * reached over https (PUBLIC_URL, or a trusted proxy's X-Forwarded-Proto). Needs a build.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

interface Started {
  child: ChildProcess;
  base: string;
  output: () => string;
}

const running: ChildProcess[] = [];
after(() => running.forEach((c) => c.exitCode === null && c.kill("SIGKILL")));

/** Runs scripts/start.ts without NODE_ENV or SESSION_SECRET, and waits for the address it prints. */
async function npmStart(databasePath: string, extra: Record<string, string> = {}): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, SMTP_URL: "", ...extra };
  for (const key of [
    "NODE_ENV",
    "SESSION_SECRET",
    ...(extra.PUBLIC_URL ? [] : ["PUBLIC_URL"]),
    ...(extra.TRUST_PROXY ? [] : ["TRUST_PROXY"]),
  ])
    delete env[key];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let text = "";
  child.stdout!.on("data", (d) => (text += d));
  child.stderr!.on("data", (d) => (text += d));
  const deadline = Date.now() + 60_000;
  while (!/Demo accounts .*\/login/.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text)![1];
  return { child, base: `http://127.0.0.1:${port}`, output: () => text };
}

async function stop(started: Started) {
  const exited = new Promise((resolve) => started.child.once("exit", resolve));
  started.child.kill("SIGTERM");
  await exited;
}

async function signIn(base: string, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ email: "fasilitator@digdir.example", password: "samhandling-demo" });
  const res = await fetch(`${base}/login`, { method: "POST", body, redirect: "manual", headers });
  assert.equal(res.status, 302);
  return res.headers.getSetCookie();
}

const sessionOf = (cookies: string[]) => cookies.find((c) => c.startsWith("__session="))!.split(";")[0]!;

describe("npm start", () => {
  it("runs React's production build, says where to open the portal and where the demo accounts are, and signs in over http", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "portal-start-")), "portal.db");
    const started = await npmStart(db);
    assert.match(started.output(), /"mode":"production"/);
    assert.match(started.output(), /Samhandlingsportalen is running\. Open http:\/\/localhost:\d+/);
    assert.match(
      started.output(),
      /Demo accounts \(password "samhandling-demo"\) are listed on the sign-in page: http:\/\/localhost:\d+\/login/,
    );
    const login = await fetch(`${started.base}/login`);
    assert.match(await login.text(), /fasilitator@digdir\.example/);
    assert.equal(login.headers.get("strict-transport-security"), null);

    const cookies = await signIn(started.base);
    assert.ok(cookies.length >= 2);
    for (const cookie of cookies) assert.doesNotMatch(cookie, /;\s*Secure/i, cookie);
    // Without TRUST_PROXY a request cannot claim https for itself.
    for (const cookie of await signIn(started.base, { "X-Forwarded-Proto": "https" })) assert.doesNotMatch(cookie, /;\s*Secure/i);
    const session = sessionOf(cookies);
    assert.equal((await fetch(`${started.base}/n/ukraina`, { headers: { cookie: session }, redirect: "manual" })).status, 200);
    await stop(started);

    // Behind a trusted proxy that says https: Secure and HSTS; the stored secret keeps the session valid.
    const proxied = await npmStart(db, { TRUST_PROXY: "true" });
    assert.equal(
      (await fetch(`${proxied.base}/n/ukraina`, { headers: { cookie: session }, redirect: "manual" })).status,
      200,
      "signed in across the restart",
    );
    for (const cookie of await signIn(proxied.base, { "X-Forwarded-Proto": "https" })) assert.match(cookie, /;\s*Secure/i, cookie);
    const page = await fetch(`${proxied.base}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    assert.match(page.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
    for (const cookie of await signIn(proxied.base)) assert.doesNotMatch(cookie, /;\s*Secure/i, "the proxy's plain http stays plain");
    await stop(proxied);

    // PUBLIC_URL with https decides on its own.
    const published = await npmStart(db, { PUBLIC_URL: "https://samhandling.example.no" });
    assert.match(published.output(), /Open https:\/\/samhandling\.example\.no/);
    for (const cookie of await signIn(published.base)) assert.match(cookie, /;\s*Secure/i, cookie);
    await stop(published);
  });

  it("lists no demo accounts when the demo is not seeded", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "portal-start-")), "portal.db");
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: db, SMTP_URL: "", SEED_DEMO: "false" };
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    running.push(child);
    let text = "";
    child.stdout!.on("data", (d) => (text += d));
    child.stderr!.on("data", (d) => (text += d));
    while (!/is running\. Open/.test(text)) {
      if (child.exitCode !== null) throw new Error(text);
      await new Promise((r) => setTimeout(r, 100));
    }
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text)![1];
    const login = await (await fetch(`http://127.0.0.1:${port}/login`)).text();
    assert.doesNotMatch(login, /samhandling-demo|Demokontoer/);
    assert.doesNotMatch(text, /Demo accounts/);
    child.kill("SIGTERM");
  });
});
