/** What sets the three issuers apart: their names, levels of assurance and claims. */
import type { IssuerKind } from "./identities";

export const issuerKinds = ["ansattporten", "idporten", "entra"] as const satisfies readonly IssuerKind[];

export const levels = ["idporten-loa-substantial", "idporten-loa-high"] as const;
export type Level = (typeof levels)[number];

export interface IssuerProfile {
  service: string;
  /** Levels of assurance the issuer offers; none for Entra ID. */
  acrValues: readonly Level[];
  /** Scope → the claims it releases (oidc-provider's `claims` option). */
  claims: Record<string, string[]>;
  /** Whether the login page asks for an organisation (Ansattporten's organisation picker). */
  picksOrganisation: boolean;
}

export const profiles: Record<IssuerKind, IssuerProfile> = {
  ansattporten: {
    service: "Ansattporten",
    acrValues: levels,
    claims: { openid: ["sub", "pid", "amr", "authorization_details", "locale"], profile: ["name"] },
    picksOrganisation: true,
  },
  idporten: {
    service: "ID-porten",
    acrValues: levels,
    claims: { openid: ["sub", "pid", "amr", "locale"], profile: ["name"] },
    picksOrganisation: false,
  },
  entra: {
    service: "Microsoft Entra ID",
    acrValues: [],
    claims: { openid: ["sub", "oid", "tid"], profile: ["name", "preferred_username"], email: ["email"] },
    picksOrganisation: false,
  },
};

/** The level the login page preselects: the first requested one the issuer offers, else substantial. */
export function requestedLevel(acrValues: unknown): Level {
  const asked = typeof acrValues === "string" ? acrValues.split(" ") : [];
  return asked.find((value): value is Level => (levels as readonly string[]).includes(value)) ?? "idporten-loa-substantial";
}
