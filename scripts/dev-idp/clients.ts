/** The clients a test provider is started with, and how they become oidc-provider client metadata. */
import type { ClientMetadata, JWK } from "oidc-provider";
import type { IssuerKind } from "./identities";

export type ClientAuth =
  { method: "private_key_jwt"; jwks: { keys: JWK[] } } | { method: "client_secret_post" | "client_secret_basic"; secret: string };

export interface IdpClient {
  issuer: IssuerKind;
  clientId: string;
  auth: ClientAuth;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  frontchannelLogoutUri: string;
}

/** Every client: authorization code only, RS256 ID tokens, front-channel logout with iss and sid. */
export function toClientMetadata(client: IdpClient): ClientMetadata {
  const auth: Omit<ClientMetadata, "client_id"> =
    client.auth.method === "private_key_jwt"
      ? {
          token_endpoint_auth_method: "private_key_jwt",
          token_endpoint_auth_signing_alg: "RS256",
          jwks: client.auth.jwks,
        }
      : { token_endpoint_auth_method: client.auth.method, client_secret: client.auth.secret };
  return {
    client_id: client.clientId,
    client_name: client.clientId,
    ...auth,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    id_token_signed_response_alg: "RS256",
    frontchannel_logout_uri: client.frontchannelLogoutUri,
    frontchannel_logout_session_required: true,
  };
}

export const frontchannelMetadata = ["frontchannel_logout_uri", "frontchannel_logout_session_required"];
