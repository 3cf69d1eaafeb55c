/**
 * One issuer: an oidc-provider instance configured to behave like Ansattporten, ID-porten or an
 * Entra ID tenant. The protocol is oidc-provider's; this file only chooses its options.
 */
import { randomBytes } from "node:crypto";
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { parseRequestedDetails } from "./authorization-details";
import { pickLocale } from "./catalogue";
import { claimsOf, type LoginChoice } from "./claims";
import { frontchannelMetadata, toClientMetadata, type IdpClient } from "./clients";
import { findIdentity, type IssuerKind } from "./identities";
import { profiles } from "./issuers";
import { signingJwks } from "./keys";
import { renderErrorPage, renderLoggedOutPage, renderLogoutPage } from "./logout-pages";

export interface Issuer {
  kind: IssuerKind;
  url: string;
  provider: Provider;
  /** The login page's answers, by grant id, for the claims of the tokens issued from that grant. */
  choices: Map<string, LoginChoice>;
}

const { Check } = interactionPolicy;

/** Each authorization request shows the login page, so every test and developer chooses who signs in. */
function askEveryTime() {
  const policy = interactionPolicy.base();
  policy
    .get("login")!
    .checks.add(
      new Check("every_request", "the test provider asks on every request", (ctx) =>
        ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

async function frontchannelFrames(ctx: KoaContextWithOIDC, issuerUrl: string): Promise<string[]> {
  const { session } = ctx.oidc;
  const frames: string[] = [];
  for (const clientId of Object.keys(session?.authorizations ?? {})) {
    const client = await ctx.oidc.provider.Client.find(clientId);
    const metadata = client?.metadata() as Record<string, unknown> | undefined;
    const uri = metadata?.frontchannel_logout_uri;
    if (typeof uri !== "string") continue;
    const url = new URL(uri);
    const sid = session?.sidFor(clientId);
    if (metadata?.frontchannel_logout_session_required && sid) {
      url.searchParams.set("iss", issuerUrl);
      url.searchParams.set("sid", sid);
    }
    frames.push(url.href);
  }
  return frames;
}

export function buildIssuer(kind: IssuerKind, url: string, clients: IdpClient[]): Issuer {
  const profile = profiles[kind];
  const choices = new Map<string, LoginChoice>();

  const configuration: Configuration = {
    clients: clients.map(toClientMetadata),
    clientAuthMethods: ["private_key_jwt", "client_secret_post", "client_secret_basic"],
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email"],
    claims: profile.claims,
    // The services put these claims in the ID token itself, not only behind the userinfo endpoint.
    conformIdTokenClaims: false,
    acrValues: [...profile.acrValues],
    extraParams:
      kind === "ansattporten"
        ? {
            authorization_details(_ctx, value) {
              if (value === undefined) return;
              const parsed = parseRequestedDetails(String(value));
              if (!parsed.ok) throw new errors.InvalidRequest(parsed.message);
            },
          }
        : [],
    extraClientMetadata: {
      properties: frontchannelMetadata,
      validator(_ctx, key, value) {
        if (key === "frontchannel_logout_uri" && value !== undefined) {
          const ok = typeof value === "string" && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
          if (!ok) throw new errors.InvalidClientMetadata(`${key} must be an http(s) URL`);
        }
      },
    },
    discovery: {
      ui_locales_supported: ["nb", "nn", "en"],
      frontchannel_logout_supported: true,
      frontchannel_logout_session_supported: true,
      ...(kind === "ansattporten"
        ? { authorization_details_types_supported: ["ansattporten:altinn:service", "ansattporten:altinn:resource"] }
        : {}),
    },
    features: {
      devInteractions: { enabled: false },
      // No resource servers here; left on, it would demand a resource with every authorization_details.
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const frames = await frontchannelFrames(ctx, url);
          ctx.type = "html";
          ctx.body = renderLogoutPage({ locale: pickLocale(ctx.oidc.params?.ui_locales), service: profile.service, form, frames });
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = "html";
          ctx.body = renderLoggedOutPage({ locale: "nb", service: profile.service });
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `/${kind}/interaction/${interaction.uid}`,
      policy: askEveryTime(),
    },
    async findAccount(ctx, sub) {
      const identity = findIdentity(kind, sub);
      if (!identity) return undefined;
      return {
        accountId: sub,
        claims() {
          const grantId = ctx.oidc.entities.Grant?.jti;
          return claimsOf(identity, grantId ? choices.get(grantId) : undefined) as { sub: string };
        },
      };
    },
    jwks: signingJwks(),
    cookies: {
      names: { session: `${kind}_session`, interaction: `${kind}_interaction`, resume: `${kind}_resume` },
      keys: [randomBytes(32).toString("base64url")],
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 3600,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = renderErrorPage({ locale: "nb", error: String(out.error), description: out.error_description });
    },
  };

  const provider = new Provider(url, configuration);
  // oidc-provider puts `sid` into ID tokens only for back-channel logout clients (Client#includeSid);
  // with Front-Channel Logout gone from v9, this says the same for the clients that ask for it.
  provider.Client.prototype.includeSid = function includeSid() {
    const metadata = this.metadata() as Record<string, unknown>;
    return Boolean(metadata.frontchannel_logout_session_required || (this.backchannelLogoutUri && this.backchannelLogoutSessionRequired));
  };
  return { kind, url, provider, choices };
}
