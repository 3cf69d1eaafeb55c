import type { Role } from "~/utils/roles";
import { ForbiddenError } from "./errors.server";

/**
 * The permission matrix: which role may do what in a network. Every model function checks the
 * permission it needs with `assertCan`, so a route cannot forget it. New domains add their rows here.
 * An agency administrator is their agency's person in the network: every row a representative has,
 * plus managing their own agency's members and invitations.
 */
export const PERMISSIONS = {
  "network.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "members.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "members.export": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  /** Any member of the network, any role (appointing facilitators and agency administrators too). */
  "members.manage": ["facilitator"],
  /** Turning off a member's passkey requirement and removing their passkeys, when a device is lost. */
  "members.resetSecondStep": ["facilitator"],
  /** Only members of one's own agency, only among AGENCY_ROLES; the model checks that (member-scope.server.ts). */
  "members.manageOwnAgency": ["agency_admin"],
  /** One's own responsibility text. */
  "members.editOwnResponsibility": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "invitations.manage": ["facilitator"],
  /** Invitations to one's own agency, among AGENCY_ROLES; the model checks that. */
  "invitations.manageOwnAgency": ["agency_admin"],
  "outbox.view": ["facilitator"],
  "audit.view": ["facilitator"],
  "meetings.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "meetings.manage": ["facilitator"],
  "agenda.propose": ["facilitator", "agency_admin", "representative"],
  "minutes.viewDraft": ["facilitator"],
  "actions.tickOwn": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "measures.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "measures.manage": ["facilitator"],
  "measures.propose": ["facilitator", "agency_admin", "representative"],
  "measures.updateOwn": ["facilitator", "agency_admin", "representative"],
  "maps.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "maps.edit": ["facilitator", "agency_admin", "representative"],
  /** Restoring a map whose stored state cannot be loaded. */
  "maps.repair": ["facilitator"],
  "figures.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "figures.manageMetrics": ["facilitator"],
  "figures.lock": ["facilitator"],
  "figures.viewAllDrafts": ["facilitator"],
  "evaluations.view": ["facilitator", "agency_admin", "representative", "leader", "participant"],
  "evaluations.manage": ["facilitator"],
  /** Only for the metrics of one's own agency; the model checks that. */
  "figures.report": ["facilitator", "agency_admin", "representative"],
  /** How members may sign in to the network (linking by verified email from an agency's Entra ID). */
  "network.settings": ["facilitator"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Who acts, and in which network: passed to every model function of a network. */
export interface Actor {
  userId: number;
  name: string;
  email: string;
  agencyId: number | null;
  isAdmin: boolean;
  networkId: number;
  networkSlug: string;
  networkName: string;
  membershipId: number;
  role: Role;
  ip: string;
}

/** A signed-in user outside any network (account pages, site administration). */
export interface UserActor {
  userId: number;
  name: string;
  email: string;
  agencyId: number | null;
  isAdmin: boolean;
  ip: string;
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError(permission);
}

/** Everything a role may do, for the UI to hide what it may not (the server checks regardless). */
export function permissionsOf(role: Role): Record<Permission, boolean> {
  const out = {} as Record<Permission, boolean>;
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    out[permission] = can(role, permission);
  }
  return out;
}
