import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { AGENCY_ROLES, type Role } from "~/utils/roles";
import { DomainValidationError, ForbiddenError } from "./errors.server";
import { can, type Actor } from "./permissions.server";

/**
 * Whose membership (or invitation) the actor may manage: the whole network (a facilitator), or only
 * people of their own agency in the agency roles (an agency administrator). "Own agency" is the
 * actor's user's agency; a member's agency is their user's agency, an invitation's the agency it
 * names. This is the one place that rule is written: the model functions put `where` in their
 * queries and pass what they are asked to give through `assertGrantable`.
 */
export type ManageScope = { kind: "network" } | { kind: "agency"; agencyId: number; roles: readonly Role[] };

type Kind = "members" | "invitations";

/** The actor's scope for members or invitations; Forbidden when they may manage neither. */
export function manageScope(actor: Actor, kind: Kind): ManageScope {
  if (can(actor.role, `${kind}.manage`)) return { kind: "network" };
  // An agency administrator without an agency (a user whose agency was taken away) manages no one.
  if (can(actor.role, `${kind}.manageOwnAgency`) && actor.agencyId !== null) {
    return { kind: "agency", agencyId: actor.agencyId, roles: AGENCY_ROLES };
  }
  throw new ForbiddenError(`${kind}.manageOwnAgency`);
}

/** The scope or null, for pages that show controls only to those who may use them. */
export function manageScopeOrNull(actor: Actor, kind: Kind): ManageScope | null {
  try {
    return manageScope(actor, kind);
  } catch (error) {
    if (error instanceof ForbiddenError) return null;
    throw error;
  }
}

/** The condition on a row's agency and role columns that keeps it inside the scope. */
export function withinScope(scope: ManageScope, agencyColumn: SQLiteColumn, roleColumn: SQLiteColumn): SQL {
  if (scope.kind === "network") return sql`1 = 1`;
  return and(eq(agencyColumn, scope.agencyId), inArray(roleColumn, [...scope.roles]))!;
}

/**
 * What the actor asks to give (a role, and for an invitation an agency) must be inside the scope
 * too; refused on the field, in words, since a person may have picked it from a tampered form.
 */
export function assertGrantable(scope: ManageScope, { role, agencyId }: { role: Role; agencyId?: number }) {
  if (scope.kind === "network") return;
  if (!scope.roles.includes(role)) throw new DomainValidationError("role", "agencyAdmin.roleNotAllowed");
  if (agencyId !== undefined && agencyId !== scope.agencyId) throw new DomainValidationError("agencyId", "agencyAdmin.otherAgency");
}
