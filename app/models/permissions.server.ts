import type { Role } from "~/utils/roles";
import { ForbiddenError } from "./errors.server";

/**
 * The permission matrix: which role may do what in a network. Every model function checks the
 * permission it needs with `assertCan`, so a route cannot forget it. New domains add their rows here.
 */
export const PERMISSIONS = {
  "network.view": ["facilitator", "representative", "leader", "participant"],
  "members.view": ["facilitator", "representative", "leader", "participant"],
  "members.export": ["facilitator", "representative", "leader", "participant"],
  "members.manage": ["facilitator"],
  /** Turning off a member's passkey requirement and removing their passkeys, when a device is lost. */
  "members.resetSecondStep": ["facilitator"],
  "invitations.manage": ["facilitator"],
  "outbox.view": ["facilitator"],
  "audit.view": ["facilitator"],
  "meetings.view": ["facilitator", "representative", "leader", "participant"],
  "meetings.manage": ["facilitator"],
  "agenda.propose": ["facilitator", "representative"],
  "minutes.viewDraft": ["facilitator"],
  "actions.tickOwn": ["facilitator", "representative", "leader", "participant"],
  "measures.view": ["facilitator", "representative", "leader", "participant"],
  "measures.manage": ["facilitator"],
  "measures.propose": ["facilitator", "representative"],
  "measures.updateOwn": ["facilitator", "representative"],
  "maps.view": ["facilitator", "representative", "leader", "participant"],
  "maps.edit": ["facilitator", "representative"],
  /** Restoring a map whose stored state cannot be loaded. */
  "maps.repair": ["facilitator"],
  "figures.view": ["facilitator", "representative", "leader", "participant"],
  "figures.manageMetrics": ["facilitator"],
  "figures.lock": ["facilitator"],
  "figures.viewAllDrafts": ["facilitator"],
  "evaluations.view": ["facilitator", "representative", "leader", "participant"],
  "evaluations.manage": ["facilitator"],
  /** Only for the metrics of one's own agency; the model checks that. */
  "figures.report": ["facilitator", "representative"],
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
