/**
 * The portal as an OpenID Connect client, through openid-client: discovery, the authorization URL
 * (code flow with PKCE S256, state, nonce, acr_values, ui_locales, Ansattporten's
 * authorization_details), the code exchange with id-token validation (issuer, audience, signature,
 * expiry, nonce: all openid-client's), and the end-session URL. No protocol is written here by hand.
 */
import * as oidc from "openid-client";
import type { Locale } from "~/i18n";
import { logger } from "~/utils/logger.server";
import { signInConfig, type ProviderConfig } from "~/utils/sign-in-config.server";

const configurations = new Map<string, Promise<oidc.Configuration>>();

async function clientAuthentication(provider: ProviderConfig): Promise<oidc.ClientAuth> {
  const auth = provider.clientAuth;
  if (auth.method !== "private_key_jwt") {
    return auth.method === "client_secret_post" ? oidc.ClientSecretPost(auth.secret) : oidc.ClientSecretBasic(auth.secret);
  }
  const { kid, alg, ...jwk } = auth.jwk;
  const algorithm = jwk.kty === "EC" ? { name: "ECDSA", namedCurve: jwk.crv ?? "P-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const key = await crypto.subtle.importKey("jwk", { ...jwk, alg }, algorithm, false, ["sign"]);
  return oidc.PrivateKeyJwt({ key, kid });
}

/** The provider's discovered configuration, fetched once; a failed discovery is tried again next time. */
export function providerConfiguration(provider: ProviderConfig): Promise<oidc.Configuration> {
  let found = configurations.get(provider.id);
  if (!found) {
    found = (async () => {
      const options = signInConfig().allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined;
      const configuration = await oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        undefined,
        await clientAuthentication(provider),
        options,
      );
      // openid-client trusts an id token from the token endpoint on TLS alone (OpenID Connect Core
      // 3.1.3.7 allows it); the portal checks its signature against the provider's keys as well.
      oidc.enableNonRepudiationChecks(configuration);
      return configuration;
    })();
    found.catch(() => configurations.delete(provider.id));
    configurations.set(provider.id, found);
  }
  return found;
}

/**
 * The origins each provider sends the browser to for signing in and out: the issuer's, and its
 * authorization and end-session endpoints' once discovered (Ansattporten's log-in pages are on
 * another host than its issuer). For the Content-Security-Policy: sign-out is a form whose answer
 * redirects there (form-action), and the provider's logout page frames the front-channel logout.
 */
const originsByProvider = new Map<string, Set<string>>();
export function providerOrigins(providerId?: string): string[] {
  if (providerId) return [...(originsByProvider.get(providerId) ?? [])];
  return [...new Set([...originsByProvider.values()].flatMap((origins) => [...origins]))];
}

/** Discovers every configured provider at start, so misconfiguration shows in the log at once. */
export function discoverProviders() {
  for (const provider of signInConfig().providers) {
    const origins = new Set([new URL(provider.issuer).origin]);
    originsByProvider.set(provider.id, origins);
    providerConfiguration(provider).then(
      (configuration) => {
        const server = configuration.serverMetadata();
        for (const endpoint of [server.authorization_endpoint, server.end_session_endpoint]) {
          if (endpoint) origins.add(new URL(endpoint).origin);
        }
        logger.info({ provider: provider.id, issuer: server.issuer }, "sign-in provider discovered");
      },
      (error: unknown) => logger.warn({ provider: provider.id, err: String(error) }, "sign-in provider could not be discovered yet"),
    );
  }
}

export interface SignInRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A provider's language codes are ours: nb, nn and en. */
export async function authorizationRequest(provider: ProviderConfig, redirectUri: string, locale: Locale): Promise<SignInRequest> {
  const configuration = await providerConfiguration(provider);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ui_locales: locale,
  };
  if (provider.acr) parameters.acr_values = provider.acr;
  if (provider.authorizationDetails) parameters.authorization_details = JSON.stringify(provider.authorizationDetails);
  return { url: oidc.buildAuthorizationUrl(configuration, parameters), state, nonce, codeVerifier };
}

export interface ProviderIdentity {
  claims: Record<string, unknown> & { sub: string };
  idToken: string;
  /** The token response's authorization_details (Ansattporten puts them in the id token too). */
  authorizationDetails: unknown;
}

/**
 * Exchanges the code for tokens and validates the id token. `callbackUrl` is the callback as the
 * portal's own address plus the query the provider sent: the redirect_uri must be the one registered.
 */
export async function exchangeCode(
  provider: ProviderConfig,
  callbackUrl: URL,
  pending: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderIdentity> {
  const configuration = await providerConfiguration(provider);
  const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new Error("the provider returned no id token");
  return {
    claims: claims as ProviderIdentity["claims"],
    idToken: tokens.id_token,
    authorizationDetails: (tokens as { authorization_details?: unknown }).authorization_details,
  };
}

/** Where to send the browser to end the provider's session too, or null when it offers no end-session endpoint. */
export async function endSessionUrl(provider: ProviderConfig, idToken: string, postLogoutRedirectUri: string): Promise<string | null> {
  try {
    const configuration = await providerConfiguration(provider);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href;
  } catch (error) {
    logger.warn({ provider: provider.id, err: String(error) }, "end-session URL unavailable; signed out of the portal only");
    return null;
  }
}

/** The issuer the provider says it is (for front-channel logout's `iss`). */
export async function issuerOf(provider: ProviderConfig): Promise<string> {
  return (await providerConfiguration(provider)).serverMetadata().issuer;
}
