/**
 * Answers a real provider never gives, from a provider that lies: id tokens for another audience,
 * expired, unsigned, signed with another key, with another issuer or nonce, and callbacks whose
 * state or issuer were changed on the way. The portal's code exchange must refuse every one. (The
 * loopback oidc-provider in the other tests cannot be made to misbehave; this small server can.)
 */
import "../helpers/test-db";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";

process.env.OIDC_ALLOW_HTTP = "true";
const { exchangeCode } = await import("../../app/web/oidc-client.server");
type ProviderConfig = import("../../app/utils/sign-in-config.server").ProviderConfig;

let server: Server;
let issuer = "";
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
/** What the token endpoint answers next. */
let nextIdToken: () => Promise<string>;

const CLIENT_ID = "portal-client";
const NONCE = "the-nonce-the-portal-sent";
const STATE = "the-state-the-portal-sent";

function claims(over: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, aud: CLIENT_ID, sub: "person-1", nonce: NONCE, iat: now, exp: now + 120, acr: "idporten-loa-high", ...over };
}

const signed = (payload: Record<string, unknown>, key = signingKey) =>
  new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(key);

const unsigned = (payload: Record<string, unknown>) =>
  `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.`;

before(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  server = createServer((req, res) => {
    const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === "/.well-known/openid-configuration") {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        id_token_signing_alg_values_supported: ["RS256"],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (req.url === "/jwks") return json({ keys: [publicJwk] });
    if (req.url === "/token" && req.method === "POST") {
      req.resume();
      return void nextIdToken().then((id_token) => json({ access_token: "at", token_type: "Bearer", expires_in: 60, id_token }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const provider = (): ProviderConfig => ({
  id: "liar",
  kind: "idporten",
  label: "Løgner",
  issuer,
  clientId: CLIENT_ID,
  clientAuth: { method: "client_secret_post", secret: "s" },
  scopes: "openid",
  acr: "idporten-loa-substantial",
  authorizationDetails: null,
  agencyOrgNumber: null,
  maxSessionMs: null,
  idleMs: null,
});

const callback = (query: Record<string, string> = {}) =>
  new URL(`http://portal.example/auth/liar/callback?${new URLSearchParams({ code: "c", state: STATE, iss: issuer, ...query })}`);

const exchange = (url = callback()) => exchangeCode(provider(), url, { state: STATE, nonce: NONCE, codeVerifier: "v".repeat(43) });

describe("the code exchange refuses what a lying provider answers", () => {
  it("accepts a proper answer (the control)", async () => {
    nextIdToken = () => signed(claims());
    const identity = await exchange();
    assert.equal(identity.claims.sub, "person-1");
  });

  const hostile: Array<[string, () => Promise<string>, URL?]> = [
    ["an id token for another audience", () => signed(claims({ aud: "someone-else" }))],
    ["an expired id token", () => signed(claims({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }))],
    ["an unsigned id token (alg none)", async () => unsigned(claims())],
    ["an id token signed with another key", () => signed(claims(), strangerKey)],
    ["an id token from another issuer", () => signed(claims({ iss: "https://idporten.no" }))],
    ["an id token with another nonce (replayed from another sign-in)", () => signed(claims({ nonce: "another" }))],
    ["an id token without a subject", () => signed(claims({ sub: undefined }))],
    ["a callback whose state was changed", () => signed(claims()), callback({ state: "tampered" })],
    ["a callback from another issuer", () => signed(claims()), callback({ iss: "https://evil.example" })],
  ];
  for (const [what, answer, url] of hostile) {
    it(`refuses ${what}`, async () => {
      nextIdToken = answer;
      await assert.rejects(exchange(url));
    });
  }
});
