/** The claims each issuer tells about a person, the way the real services name them. */
import type { Locale } from "./catalogue";
import type { AnsweredDetails } from "./authorization-details";
import { entraTenantId, objectIdOf, subjectOf, type Identity } from "./identities";

/** What the login page settled for one grant and the ID token must carry. */
export interface LoginChoice {
  locale: Locale;
  authorizationDetails?: AnsweredDetails;
}

export function claimsOf(identity: Identity, choice: LoginChoice | undefined): Record<string, unknown> {
  const sub = subjectOf(identity);
  switch (identity.issuer) {
    case "ansattporten":
      return {
        sub,
        pid: identity.pid,
        name: identity.name,
        locale: choice?.locale ?? "nb",
        ...(choice?.authorizationDetails ? { authorization_details: choice.authorizationDetails } : {}),
      };
    case "idporten":
      return { sub, pid: identity.pid, name: identity.name, locale: choice?.locale ?? "nb" };
    case "entra":
      return {
        sub,
        oid: objectIdOf(identity),
        tid: entraTenantId,
        name: identity.name,
        email: identity.email,
        preferred_username: identity.email,
      };
  }
}
