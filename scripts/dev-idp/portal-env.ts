/**
 * The one description of how the portal signs in through the test provider: which clients the
 * provider registers and which variables the portal is given. `npm run dev:idp` and
 * playwright.config.ts both build from here, so the two sides cannot drift apart.
 * No oidc-provider import: playwright.config.ts loads this file.
 */
import type { IdpClient } from "./clients";
import type { IssuerKind } from "./identities";
import { organisations } from "./identities";
import { ensureClientKey, publicPart } from "./keys";

export const portalAuthorizationDetails = [{ type: "ansattporten:altinn:service", resource: "urn:altinn:resource:samhandlingsportalen" }];

interface PortalProvider {
  kind: IssuerKind;
  /** Entra: the agency whose tenant it is (org number). */
  agency?: string;
  /** Entra: minutes of inactivity before the portal signs the person out. */
  idleMinutes?: number;
  /** The portal's button, where two providers would otherwise read the same. */
  label?: string;
}

export const portalProviders = {
  ansattporten: { kind: "ansattporten" },
  idporten: { kind: "idporten" },
  "entra-nav": { kind: "entra", agency: organisations.nav.orgNumber, label: "NAV (Entra ID)" },
  // Same tenant, its own client: the portal gives it a 20-second idle time for the idle-timeout test.
  "entra-kort": { kind: "entra", agency: organisations.nav.orgNumber, idleMinutes: 0.34, label: "NAV (Entra ID, kort økt)" },
} satisfies Record<string, PortalProvider>;

export type PortalProviderId = keyof typeof portalProviders;

export function isPortalProviderId(value: string): value is PortalProviderId {
  return Object.hasOwn(portalProviders, value);
}

export interface PortalSignInOptions {
  portalUrl: string;
  /** The provider's origin, e.g. http://127.0.0.1:4010; each issuer is this plus /<kind>. */
  idpOrigin: string;
  /** Where the private_key_jwt client key lives (made on first use). */
  keyFile: string;
  providers: readonly PortalProviderId[];
}

/** Fixed development secrets: the provider only ever listens on loopback. */
export function devSecret(id: PortalProviderId): string {
  return `dev-secret-${id}-not-for-production`;
}

export function clientIdOf(id: PortalProviderId): string {
  return `samhandlingsportalen-${id}`;
}

const envName = (id: PortalProviderId) => id.toUpperCase().replaceAll("-", "_");

export function portalSignIn(options: PortalSignInOptions): { clients: IdpClient[]; env: Record<string, string> } {
  const portal = options.portalUrl.replace(/\/$/, "");
  const clients: IdpClient[] = [];
  const env: Record<string, string> = {
    SIGN_IN_PROVIDERS: options.providers.join(","),
    OIDC_ALLOW_HTTP: "true",
  };
  for (const id of options.providers) {
    const provider: PortalProvider = portalProviders[id];
    const prefix = `OIDC_${envName(id)}_`;
    const issuer = `${options.idpOrigin}/${provider.kind}`;
    const usesKey = provider.kind === "ansattporten";
    clients.push({
      issuer: provider.kind,
      clientId: clientIdOf(id),
      auth: usesKey
        ? { method: "private_key_jwt", jwks: { keys: [publicPart(ensureClientKey(options.keyFile))] } }
        : // The portal's defaults: client_secret_post for ID-porten, client_secret_basic for Entra ID.
          { method: provider.kind === "entra" ? "client_secret_basic" : "client_secret_post", secret: devSecret(id) },
      redirectUris: [`${portal}/auth/${id}/callback`],
      postLogoutRedirectUris: [`${portal}/login?signedOut=1`],
      frontchannelLogoutUri: `${portal}/auth/${id}/frontchannel-logout`,
    });
    env[`${prefix}KIND`] = provider.kind;
    env[`${prefix}ISSUER`] = issuer;
    env[`${prefix}CLIENT_ID`] = clientIdOf(id);
    if (usesKey) env[`${prefix}PRIVATE_KEY_FILE`] = options.keyFile;
    else env[`${prefix}CLIENT_SECRET`] = devSecret(id);
    // ID-porten asks for the highest level, so a person answering with "substantial" shows the refusal.
    if (provider.kind !== "entra") env[`${prefix}ACR`] = provider.kind === "idporten" ? "idporten-loa-high" : "idporten-loa-substantial";
    if (provider.label) env[`${prefix}LABEL`] = provider.label;
    if (provider.kind === "ansattporten") env[`${prefix}AUTHORIZATION_DETAILS`] = JSON.stringify(portalAuthorizationDetails);
    if (provider.agency) env[`${prefix}AGENCY`] = provider.agency;
    if (provider.idleMinutes !== undefined) env[`${prefix}IDLE_MINUTES`] = String(provider.idleMinutes);
  }
  return { clients, env };
}

/**
 * The variables as lines a shell can source (`set -a; . file`) and Node's `--env-file` can read:
 * a value with characters a shell would change (the JSON's quotes) is single-quoted.
 */
export function toEnvLines(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([name, value]) => {
    const safe = /^[\w./:,@+=-]*$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
    const line = `${name}=${safe}`;
    return name === "OIDC_ALLOW_HTTP" ? ["# only for loopback issuers in development and tests", line] : [line];
  });
}
