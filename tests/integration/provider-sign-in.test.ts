/**
 * Sign-in through a provider over HTTP, against the portal's server process and the loopback
 * OpenID provider: what the browser journeys in tests/e2e/provider-sign-in.spec.ts do not show
 * (headers, a callback carried to another browser, a provider that does not answer, passwords off).
 * Needs a build: `npx remix build`.
 */
import "../helpers/test-db";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { auditLog, userIdentities } from "../../db/schema";
import { startIdp, type RunningIdp } from "../../scripts/dev-idp";
import { identities, subjectOf } from "../../scripts/dev-idp/identities";
import { portalSignIn } from "../../scripts/dev-idp/portal-env";
import { makeAgency, makeMember, makeNetwork } from "../helpers/factories";
import { CookieJar, loginThroughIdp } from "../helpers/idp-login";
import { startPortal, type Portal } from "../helpers/portal-process";

const port = 4400 + Math.floor(Math.random() * 100);
const idpPort = 4500 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;
const idpOrigin = `http://127.0.0.1:${idpPort}`;

let idp: RunningIdp;
let portal: Portal;
let userId: number;

/** GET on the portal with the jar's cookies, not following redirects. */
async function get(path: string | URL, jar: CookieJar) {
  const url = new URL(path, base);
  const response = await fetch(url, { headers: { cookie: jar.header(url) }, redirect: "manual" });
  jar.store(response);
  return response;
}

/** The provider's authorization URL for a sign-in the portal begins in this jar's browser. */
async function begin(provider: string, jar: CookieJar) {
  const started = await get(`/auth/${provider}`, jar);
  assert.equal(started.status, 302);
  return new URL(started.headers.get("location")!);
}

before(async () => {
  const signIn = portalSignIn({
    portalUrl: base,
    idpOrigin,
    keyFile: join(mkdtempSync(join(tmpdir(), "idp-key-")), "key.json"),
    providers: ["idporten"],
  });
  idp = await startIdp({ port: idpPort, clients: signIn.clients });
  // A second provider nobody answers for: its discovery fails.
  portal = await startPortal(port, {
    ...signIn.env,
    PUBLIC_URL: base,
    SIGN_IN_PROVIDERS: "idporten,idporten-nede",
    OIDC_IDPORTEN_NEDE_ISSUER: "http://127.0.0.1:9/idporten",
    OIDC_IDPORTEN_NEDE_CLIENT_ID: "portal",
    OIDC_IDPORTEN_NEDE_CLIENT_SECRET: "x",
  });
  const network = makeNetwork();
  const member = await makeMember(network, "participant", { agencyId: makeAgency().id });
  userId = member.userId;
  db.insert(userIdentities).values({ userId, provider: "idporten", subject: "not-yet-known" }).run();
});

after(async () => {
  await portal?.stop();
  await idp?.close();
});

describe("sign-in through a provider, over HTTP", () => {
  it("signs a linked person in, in the browser that began it, and refuses an identity linked to nobody", async () => {
    const jar = new CookieJar();
    const unlinked = await loginThroughIdp(await begin("idporten", jar), { identity: "ida-innbygger", acr: "idporten-loa-high" }, jar);
    assert.equal((await get(unlinked.callbackUrl, jar)).headers.get("location"), "/login?refused=notLinked");

    // Linked as an invitation would link her: by the provider's subject for her.
    const ida = identities.find((identity) => identity.key === "ida-innbygger")!;
    db.update(userIdentities)
      .set({ subject: subjectOf(ida) })
      .where(eq(userIdentities.userId, userId))
      .run();
    const { callbackUrl } = await loginThroughIdp(
      await begin("idporten", jar),
      { identity: "ida-innbygger", acr: "idporten-loa-high" },
      jar,
    );
    const signedIn = await get(callbackUrl, jar);
    assert.equal(signedIn.status, 302);
    assert.equal(signedIn.headers.get("location"), "/");
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("__session="));
    assert.ok(cookie, "a session cookie");
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.equal((await get("/", jar)).status, 200);
  });

  it("refuses a callback carried into another browser, and spends it for the browser that began it too", async () => {
    const jar = new CookieJar();
    const { callbackUrl } = await loginThroughIdp(
      await begin("idporten", jar),
      { identity: "ida-innbygger", acr: "idporten-loa-high" },
      jar,
    );
    const elsewhere = await get(callbackUrl, new CookieJar());
    assert.equal(elsewhere.headers.get("location"), "/login?refused=noPending");
    assert.equal(elsewhere.headers.getSetCookie().filter((c) => c.startsWith("__session=") && !c.startsWith("__session=;")).length, 0);
    const own = await get(callbackUrl, jar);
    assert.equal(own.headers.get("location"), "/login?refused=noPending");
  });

  it("says so when the provider does not answer, and logs it", async () => {
    const answer = await get("/auth/idporten-nede", new CookieJar());
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.get("location"), "/login?refused=unavailable");
    const page = await (await get(answer.headers.get("location")!, new CookieJar())).text();
    assert.match(page, /Innloggingstjenesten svarer ikke akkurat nå/);
    assert.ok(
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, "login.refused"))
        .all()
        .some((e) => e.entityId === "idporten-nede"),
    );
  });

  it("lets only the provider frame its front-channel logout, and lets sign-out forms lead to it", async () => {
    const frame = await get("/auth/idporten/frontchannel-logout?sid=none", new CookieJar());
    assert.equal(frame.status, 200);
    assert.equal(frame.headers.get("x-frame-options"), null);
    assert.match(frame.headers.get("content-security-policy")!, new RegExp(`frame-ancestors ${idpOrigin}(;|$)`));
    const page = await get("/login", new CookieJar());
    assert.equal(page.headers.get("x-frame-options"), "DENY");
    const csp = page.headers.get("content-security-policy")!;
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, new RegExp(`form-action 'self' ${idpOrigin}`));
    // Another provider's id in the path is framed by nobody.
    const unknown = await get("/auth/finnes-ikke/frontchannel-logout?sid=x", new CookieJar());
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get("x-frame-options"), "DENY");
  });

  it("answers an unknown provider with 404 and a start with a malformed invitation with the sign-in page", async () => {
    assert.equal((await get("/auth/finnes-ikke", new CookieJar())).status, 404);
    const malformed = await get("/auth/idporten?invitation=%3Cscript%3E", new CookieJar());
    assert.equal(malformed.headers.get("location"), "/login?refused=noPending");
  });
});
