/** Roles in a network. Client-safe: the UI lists them; the rules about them live in app/models. */
export const ROLES = ["facilitator", "agency_admin", "representative", "leader", "participant"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles an agency administrator may give, change and take away within their own agency. Only a
 * facilitator appoints facilitators and agency administrators.
 */
export const AGENCY_ROLES = ["representative", "leader", "participant"] as const satisfies readonly Role[];
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
