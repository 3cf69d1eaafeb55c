/** Roles in a network. Client-safe: the UI lists them; the rules about them live in app/models. */
export const ROLES = ["facilitator", "representative", "leader", "participant"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
