import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { acrMeets, loadSignInConfig, SignInConfigError } from "./sign-in-config.server";

const dir = mkdtempSync(join(tmpdir(), "sign-in-config-"));
const keyFile = join(dir, "key.json");
writeFileSync(keyFile, JSON.stringify({ kty: "RSA", n: "AQAB", e: "AQAB", d: "c2VjcmV0", kid: "k1", alg: "RS256" }));

const base = {
  SIGN_IN_PROVIDERS: "ansattporten,idporten,entra-nav",
  OIDC_ANSATTPORTEN_ISSUER: "https://test.ansattporten.no",
  OIDC_ANSATTPORTEN_CLIENT_ID: "portal",
  OIDC_ANSATTPORTEN_PRIVATE_KEY_FILE: keyFile,
  OIDC_ANSATTPORTEN_AUTHORIZATION_DETAILS: '[{"type":"ansattporten:altinn:service","resource":"urn:altinn:resource:5613:1"}]',
  OIDC_IDPORTEN_ISSUER: "https://test.idporten.no",
  OIDC_IDPORTEN_CLIENT_ID: "portal",
  OIDC_IDPORTEN_CLIENT_SECRET: "not-logged",
  OIDC_IDPORTEN_ACR: "idporten-loa-high",
  OIDC_ENTRA_NAV_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
  OIDC_ENTRA_NAV_CLIENT_ID: "portal",
  OIDC_ENTRA_NAV_CLIENT_SECRET_FILE: keyFile,
  OIDC_ENTRA_NAV_AGENCY: "889640782",
};

const failsOn = (env: Record<string, string | undefined>, variable: string) =>
  assert.throws(
    () => loadSignInConfig(env),
    (error: unknown) => error instanceof SignInConfigError && error.message.startsWith(variable) && !error.message.includes("not-logged"),
  );

describe("sign-in settings", () => {
  it("reads the three kinds of provider with their defaults and the providers' session rules", () => {
    const config = loadSignInConfig(base);
    assert.equal(config.passwordSignIn, true);
    const [ansattporten, idporten, entra] = config.providers;
    assert.equal(ansattporten.kind, "ansattporten");
    assert.equal(ansattporten.clientAuth.method, "private_key_jwt");
    assert.equal(ansattporten.acr, "idporten-loa-substantial");
    assert.equal(ansattporten.maxSessionMs, 120 * 60_000);
    assert.equal(ansattporten.idleMs, 30 * 60_000);
    assert.deepEqual(ansattporten.authorizationDetails, [{ type: "ansattporten:altinn:service", resource: "urn:altinn:resource:5613:1" }]);
    assert.equal(idporten.acr, "idporten-loa-high");
    assert.deepEqual(idporten.clientAuth, { method: "client_secret_post", secret: "not-logged" });
    assert.equal(entra.kind, "entra", "the kind follows from the id when not given");
    assert.equal(entra.acr, null);
    assert.equal(entra.agencyOrgNumber, "889640782");
    assert.equal(entra.clientAuth.method, "client_secret_basic");
    assert.equal(entra.maxSessionMs, null);
  });

  it("makes a session stricter than the provider's policy, never longer", () => {
    const config = loadSignInConfig({
      ...base,
      OIDC_ANSATTPORTEN_IDLE_MINUTES: "10",
      OIDC_IDPORTEN_MAX_MINUTES: "600",
      OIDC_ENTRA_NAV_IDLE_MINUTES: "0.5",
    });
    assert.equal(config.providers[0].idleMs, 10 * 60_000);
    assert.equal(config.providers[1].maxSessionMs, 120 * 60_000);
    assert.equal(config.providers[2].idleMs, 30_000);
  });

  it("stops the start with the variable's name, and never the secret, when a setting is wrong", () => {
    failsOn({ ...base, OIDC_IDPORTEN_ISSUER: "http://test.idporten.no" }, "OIDC_IDPORTEN_ISSUER");
    assert.equal(
      loadSignInConfig({ ...base, OIDC_IDPORTEN_ISSUER: "http://127.0.0.1:4010/idporten", OIDC_ALLOW_HTTP: "true" }).allowHttp,
      true,
    );
    failsOn({ ...base, OIDC_IDPORTEN_CLIENT_SECRET: undefined }, "OIDC_IDPORTEN_CLIENT_SECRET");
    failsOn({ ...base, OIDC_IDPORTEN_ACR: "idporten-loa-low" }, "OIDC_IDPORTEN_ACR");
    failsOn({ ...base, OIDC_ENTRA_NAV_AGENCY: undefined }, "OIDC_ENTRA_NAV_AGENCY");
    failsOn({ ...base, OIDC_ENTRA_NAV_AGENCY: "0192:889640782" }, "OIDC_ENTRA_NAV_AGENCY");
    failsOn({ ...base, OIDC_ANSATTPORTEN_PRIVATE_KEY_FILE: join(dir, "missing.json") }, "OIDC_ANSATTPORTEN_PRIVATE_KEY_FILE");
    failsOn(
      { ...base, OIDC_ANSATTPORTEN_PRIVATE_KEY_FILE: undefined, OIDC_ANSATTPORTEN_PRIVATE_KEY: '{"kty":"RSA","n":"x","e":"AQAB"}' },
      "OIDC_ANSATTPORTEN_PRIVATE_KEY",
    );
    failsOn({ ...base, OIDC_ANSATTPORTEN_AUTHORIZATION_DETAILS: '[{"type":"altinn:other"}]' }, "OIDC_ANSATTPORTEN_AUTHORIZATION_DETAILS");
    failsOn(
      { ...base, OIDC_IDPORTEN_AUTHORIZATION_DETAILS: '[{"type":"ansattporten:altinn:service"}]' },
      "OIDC_IDPORTEN_AUTHORIZATION_DETAILS",
    );
    failsOn({ ...base, OIDC_IDPORTEN_IDLE_MINUTES: "-1" }, "OIDC_IDPORTEN_IDLE_MINUTES");
    failsOn({ ...base, SIGN_IN_PROVIDERS: "idporten,idporten" }, "SIGN_IN_PROVIDERS");
    failsOn({ ...base, SIGN_IN_PROVIDERS: "../x" }, "SIGN_IN_PROVIDERS");
    failsOn({ SIGN_IN_PROVIDERS: "", PASSWORD_SIGN_IN: "false" }, "PASSWORD_SIGN_IN");
  });

  it("needs no provider for the demo: password sign-in alone", () => {
    assert.deepEqual(loadSignInConfig({}), { passwordSignIn: true, allowHttp: false, providers: [] });
  });

  it("accepts a higher level than required, never a lower or unknown one", () => {
    assert.equal(acrMeets("idporten-loa-high", "idporten-loa-substantial"), true);
    assert.equal(acrMeets("idporten-loa-substantial", "idporten-loa-substantial"), true);
    assert.equal(acrMeets("idporten-loa-substantial", "idporten-loa-high"), false);
    assert.equal(acrMeets("Level4", "idporten-loa-substantial"), false);
    assert.equal(acrMeets(undefined, "idporten-loa-substantial"), false);
  });
});
