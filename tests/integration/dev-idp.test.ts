/**
 * The test OpenID provider (scripts/dev-idp) through a real OpenID Connect client (openid-client),
 * over HTTP on loopback: the authorization code flow with PKCE, state and nonce through its login
 * page, the claims each issuer gives, and RP-initiated logout with its front-channel calls.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as client from "openid-client";
import { startIdp, type RunningIdp } from "../../scripts/dev-idp";
import { objectIdOf, entraTenantId, identities } from "../../scripts/dev-idp/identities";
import { ensureClientKey, publicPart } from "../../scripts/dev-idp/keys";
import { CookieJar, loginThroughIdp, logoutThroughIdp, type IdpLoginChoice } from "../helpers/idp-login";

const portal = "http://127.0.0.1:65000";
const redirectUri = (id: string) => `${portal}/auth/${id}/callback`;
const postLogoutUri = `${portal}/login?signedOut=1`;
const frontchannelUri = (id: string) => `${portal}/auth/${id}/frontchannel-logout`;
const authorizationDetails = [{ type: "ansattporten:altinn:service", resource: "urn:altinn:resource:samhandlingsportalen" }];

function endpoints(id: string) {
  return { redirectUris: [redirectUri(id)], postLogoutRedirectUris: [postLogoutUri], frontchannelLogoutUri: frontchannelUri(id) };
}

function decodeSegment(jwt: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[index], "base64url").toString("utf8"));
}

describe("the test OpenID provider", () => {
  let idp: RunningIdp;
  let keyDir: string;
  const configs: Record<"ansattporten" | "idporten" | "entra", client.Configuration> = {} as never;

  before(async () => {
    keyDir = mkdtempSync(join(tmpdir(), "dev-idp-"));
    const key = ensureClientKey(join(keyDir, "client-key.json"));
    idp = await startIdp({
      port: 0,
      clients: [
        {
          issuer: "ansattporten",
          clientId: "portal-ansattporten",
          auth: { method: "private_key_jwt", jwks: { keys: [publicPart(key)] } },
          ...endpoints("ansattporten"),
        },
        {
          issuer: "idporten",
          clientId: "portal-idporten",
          auth: { method: "client_secret_post", secret: "idporten-secret" },
          ...endpoints("idporten"),
        },
        {
          issuer: "entra",
          clientId: "portal-entra",
          auth: { method: "client_secret_post", secret: "entra-secret" },
          ...endpoints("entra-nav"),
        },
      ],
    });
    const insecure = { execute: [client.allowInsecureRequests] };
    const privateKey = await crypto.subtle.importKey("jwk", key, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    configs.ansattporten = await client.discovery(
      new URL(idp.issuers.ansattporten),
      "portal-ansattporten",
      undefined,
      client.PrivateKeyJwt({ key: privateKey, kid: key.kid }),
      insecure,
    );
    configs.idporten = await client.discovery(
      new URL(idp.issuers.idporten),
      "portal-idporten",
      undefined,
      client.ClientSecretPost("idporten-secret"),
      insecure,
    );
    configs.entra = await client.discovery(
      new URL(idp.issuers.entra),
      "portal-entra",
      undefined,
      client.ClientSecretPost("entra-secret"),
      insecure,
    );
  });

  after(async () => {
    await idp?.close();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  async function authorize(kind: keyof typeof configs, redirectId: string, parameters: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const checks = { pkceCodeVerifier: verifier, expectedState: client.randomState(), expectedNonce: client.randomNonce() };
    const url = client.buildAuthorizationUrl(configs[kind], {
      redirect_uri: redirectUri(redirectId),
      scope: "openid profile email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: checks.expectedState,
      nonce: checks.expectedNonce,
      ...parameters,
    });
    return { url, checks };
  }

  async function signIn(kind: keyof typeof configs, redirectId: string, choice: IdpLoginChoice, parameters: Record<string, string> = {}) {
    const { url, checks } = await authorize(kind, redirectId, parameters);
    const jar = new CookieJar();
    const { callbackUrl, loginPage } = await loginThroughIdp(url, choice, jar);
    const tokens = await client.authorizationCodeGrant(configs[kind], callbackUrl, checks);
    const claims = tokens.claims();
    assert.ok(claims, "an ID token came back");
    return { tokens, claims, jar, loginPage, callbackUrl, checks };
  }

  const ansattporten = (choice: IdpLoginChoice, parameters: Record<string, string> = {}) =>
    signIn("ansattporten", "ansattporten", choice, {
      acr_values: "idporten-loa-substantial",
      authorization_details: JSON.stringify(authorizationDetails),
      ...parameters,
    });

  it("Ansattporten: an employee with the right gets the organisation in authorization_details, signed RS256 with sid", async () => {
    const { tokens, claims, callbackUrl } = await ansattporten({ identity: "nora-navesen" }, { acr_values: "idporten-loa-high" });
    assert.equal(callbackUrl.searchParams.get("iss"), idp.issuers.ansattporten, "the authorization response names its issuer");
    assert.equal(decodeSegment(tokens.id_token!, 0).alg, "RS256");
    assert.equal(claims.iss, idp.issuers.ansattporten);
    assert.equal(claims.acr, "idporten-loa-high", "the requested level was preselected");
    assert.equal(claims.pid, "12888540006");
    assert.equal(claims.name, "Nora Navesen");
    assert.equal(typeof claims.sid, "string");
    assert.deepEqual(claims.authorization_details, [
      {
        ...authorizationDetails[0],
        reportees: [
          { Rights: ["Read", "Write"], Authority: "iso6523-actorid-upis", ID: "0192:889640782", Name: "ARBEIDS- OG VELFERDSETATEN" },
        ],
      },
    ]);
  });

  it("Ansattporten: the chosen organisation decides, and without the right the list is empty but the person logs in", async () => {
    const inKs = await ansattporten({ identity: "kari-kombinert", organisation: "971032146" });
    assert.deepEqual((inKs.claims.authorization_details as Array<{ reportees: unknown[] }>)[0].reportees, []);
    const inNav = await ansattporten({ identity: "kari-kombinert", organisation: "889640782" });
    const [reportee] = (inNav.claims.authorization_details as Array<{ reportees: Array<{ ID: string }> }>)[0].reportees;
    assert.equal(reportee.ID, "0192:889640782");
    assert.equal(inKs.claims.sub, inNav.claims.sub, "one person, one subject, whichever organisation");

    const without = await ansattporten({ identity: "per-utenrett" });
    assert.equal(without.claims.pid, "17856640086");
    assert.deepEqual((without.claims.authorization_details as Array<{ reportees: unknown[] }>)[0].reportees, []);
  });

  it("Ansattporten: a tester may report a lower level than was asked for", async () => {
    const { claims } = await ansattporten(
      { identity: "ulrik-udisen", acr: "idporten-loa-substantial" },
      { acr_values: "idporten-loa-high" },
    );
    assert.equal(claims.acr, "idporten-loa-substantial");
  });

  it("Ansattporten: refuses an organisation the person does not work for, and an unknown person, on the page", async () => {
    await assert.rejects(
      ansattporten({ identity: "nora-navesen", organisation: "971032146" }),
      /answered 400 .*Velg en virksomhet personen er ansatt i/,
    );
    await assert.rejects(ansattporten({ identity: "ida-innbygger" }), /answered 400 .*Velg hvem du vil logge inn som/);
  });

  it("Ansattporten: malformed authorization_details go back to the client as invalid_request", async () => {
    for (const bad of ["not json", JSON.stringify([{ type: "altinn:other", resource: "x" }]), JSON.stringify([])]) {
      const { url } = await authorize("ansattporten", "ansattporten", { authorization_details: bad });
      const response = await fetch(url, { redirect: "manual" });
      const location = new URL(response.headers.get("location")!);
      assert.equal(location.origin + location.pathname, redirectUri("ansattporten"));
      assert.equal(location.searchParams.get("error"), "invalid_request", bad);
    }
  });

  it("requires PKCE with S256", async () => {
    const url = client.buildAuthorizationUrl(configs.idporten, { redirect_uri: redirectUri("idporten"), scope: "openid", state: "s" });
    const location = new URL((await fetch(url, { redirect: "manual" })).headers.get("location")!);
    assert.equal(location.searchParams.get("error"), "invalid_request");
    assert.match(location.searchParams.get("error_description") ?? "", /PKCE/);
  });

  it("ID-porten: pid, a stable sub, locale, amr and acr, with client_secret_post", async () => {
    const first = await signIn(
      "idporten",
      "idporten",
      { identity: "ida-innbygger" },
      { acr_values: "idporten-loa-substantial", ui_locales: "en" },
    );
    const second = await signIn("idporten", "idporten", { identity: "ida-innbygger" });
    assert.equal(first.claims.pid, "09910140008");
    assert.match(first.claims.pid as string, /^\d{11}$/);
    assert.equal(first.claims.sub, second.claims.sub, "the same person has the same sub every time");
    assert.equal(first.claims.locale, "en");
    assert.equal(second.claims.locale, "nb");
    assert.deepEqual(first.claims.amr, ["TestID"]);
    assert.equal(first.claims.acr, "idporten-loa-substantial");
    assert.equal(first.claims.authorization_details, undefined);
  });

  it("Entra ID: sub, oid, tid, email, name and preferred_username, and no acr", async () => {
    const { claims } = await signIn("entra", "entra-nav", { identity: "nils-representant" });
    const nils = identities.find((identity) => identity.key === "nils-representant")!;
    assert.equal(claims.email, "representant@nav.example");
    assert.equal(claims.preferred_username, "representant@nav.example");
    assert.equal(claims.name, "Nils Representant");
    assert.equal(claims.oid, objectIdOf(nils));
    assert.equal(claims.tid, entraTenantId);
    assert.equal(claims.acr, undefined);
    assert.equal(typeof claims.sid, "string");
    const ola = await signIn("entra", "entra-nav", { identity: "ola-entra" });
    assert.equal(ola.claims.email, "ola.entra@nav.example");
    assert.notEqual(ola.claims.sub, claims.sub);
  });

  it("shows its login page in the language ui_locales asks for, and says what was asked", async () => {
    const nynorsk = await ansattporten({ identity: "nora-navesen" }, { ui_locales: "nn en" });
    assert.match(nynorsk.loginPage, /<html lang="nn">/);
    assert.match(nynorsk.loginPage, /<legend>Kven vil du logge inn som\?<\/legend>/);
    assert.match(nynorsk.loginPage, /<label class="field" for="organisation">Verksemd<\/label>/);
    assert.match(nynorsk.loginPage, /Språk i førespurnaden \(ui_locales\): nn en/);
    assert.match(nynorsk.loginPage, /<h1>Testinnlogging – Ansattporten<\/h1>/);

    const english = await signIn("entra", "entra-nav", { identity: "ola-entra" }, { ui_locales: "en" });
    assert.match(english.loginPage, /<html lang="en">[\s\S]*<h1>Test sign-in – Microsoft Entra ID<\/h1>/);
    const bokmal = await signIn("idporten", "idporten", { identity: "ida-innbygger" });
    assert.match(bokmal.loginPage, /<html lang="nb">[\s\S]*ui_locales\): ikke oppgitt[\s\S]*Hvem vil du logge inn som\?/);
    assert.match(bokmal.loginPage, /<label class="field" for="acr">Sikkerhetsnivå<\/label>/);
  });

  it("an authorization code cannot be exchanged twice", async () => {
    const { callbackUrl, checks } = await signIn("idporten", "idporten", { identity: "ida-innbygger" });
    await assert.rejects(client.authorizationCodeGrant(configs.idporten, callbackUrl, checks), (error: { error?: string }) => {
      assert.equal(error.error, "invalid_grant");
      return true;
    });
  });

  it("Avbryt sends access_denied back to the client with its state", async () => {
    const { url, checks } = await authorize("ansattporten", "ansattporten");
    const { callbackUrl } = await loginThroughIdp(url, { identity: "nora-navesen", cancel: true });
    assert.equal(callbackUrl.origin + callbackUrl.pathname, redirectUri("ansattporten"));
    assert.equal(callbackUrl.searchParams.get("error"), "access_denied");
    assert.equal(callbackUrl.searchParams.get("state"), checks.expectedState);
    assert.equal(callbackUrl.searchParams.get("code"), null);
  });

  it("RP-initiated logout calls the front-channel URI with iss and sid, then returns to the post-logout URI", async () => {
    const { tokens, claims, jar } = await ansattporten({ identity: "nora-navesen" });
    const endSession = client.buildEndSessionUrl(configs.ansattporten, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: postLogoutUri,
      state: "after-logout",
    });
    const { frontchannelUris, logoutPage, redirectUrl } = await logoutThroughIdp(endSession, jar);
    assert.equal(frontchannelUris.length, 1, "one client in the session, one iframe");
    const [frame] = frontchannelUris;
    assert.equal(frame.origin + frame.pathname, frontchannelUri("ansattporten"));
    assert.equal(frame.searchParams.get("iss"), idp.issuers.ansattporten);
    assert.equal(frame.searchParams.get("sid"), claims.sid);
    assert.match(logoutPage, /<script>[\s\S]*button\.click\(\)/, "the page confirms by itself once the iframes have loaded");
    assert.equal(redirectUrl.origin + redirectUrl.pathname + "?signedOut=1", postLogoutUri);
    assert.equal(redirectUrl.searchParams.get("state"), "after-logout");

    // The session is gone: the same browser logging out again has nothing to tell the client.
    const again = await logoutThroughIdp(
      client.buildEndSessionUrl(configs.ansattporten, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: postLogoutUri }),
      jar,
    );
    assert.deepEqual(again.frontchannelUris, []);
  });

  it("refuses a post_logout_redirect_uri the client did not register", async () => {
    const { tokens, jar } = await signIn("idporten", "idporten", { identity: "ida-innbygger" });
    const url = client.buildEndSessionUrl(configs.idporten, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: "https://evil.example/",
    });
    await assert.rejects(logoutThroughIdp(url, jar), /answered 400 .*post_logout_redirect_uri not registered/);
  });
});
