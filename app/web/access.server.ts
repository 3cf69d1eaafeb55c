import { data, redirect } from "@remix-run/node";
import { recordAccessDenied } from "~/models/audit.server";
import { findMembership, findNetworkBySlug } from "~/models/networks.server";
import { can, type Actor, type Permission, type UserActor } from "~/models/permissions.server";
import { getSessionUser } from "./session.server";
import { translatorFor } from "./locale.server";

/** The client address Remix got from server.ts (express' req.ip). */
export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: string } | undefined)?.clientIp;
  return typeof ip === "string" ? ip : "";
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const target = `${url.pathname}${url.search}`;
  return redirect(target === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(target)}`);
}

/** The signed-in user with translate helpers; a signed-out visitor is sent to /login. */
export async function requireUser(request: Request, context: unknown) {
  const session = await getSessionUser(request);
  if (!session) throw loginRedirect(request);
  const { user, sessionId } = session;
  const actor: UserActor = {
    userId: user.id,
    name: user.name,
    email: user.email,
    agencyId: user.agencyId,
    isAdmin: user.isAdmin,
    ip: clientIp(context),
  };
  const { locale, t } = await translatorFor(request, user.locale);
  return { actor, sessionId, locale, t };
}

export async function requireAdmin(request: Request, context: unknown) {
  const result = await requireUser(request, context);
  if (!result.actor.isAdmin) throw data(null, { status: 403 });
  return result;
}

/**
 * The signed-in member of a network, as an Actor for the model layer. Not a member (or no such
 * network): 404, so outsiders cannot tell which networks exist. A role without the permission (or
 * without any of a list of them): 403. Both refusals are written to the audit log.
 */
export async function requireMember(
  request: Request,
  context: unknown,
  networkSlug: string | undefined,
  permission: Permission | readonly Permission[] = "network.view",
) {
  const { actor: user, sessionId, locale, t } = await requireUser(request, context);
  const path = new URL(request.url).pathname;
  const membership = networkSlug ? findMembership(user.userId, networkSlug) : null;
  if (!membership) {
    const network = networkSlug ? findNetworkBySlug(networkSlug) : null;
    if (network) recordAccessDenied({ actor: user, networkId: network.id, path });
    throw data(null, { status: 404 });
  }
  const actor: Actor = {
    ...user,
    networkId: membership.networkId,
    networkSlug: membership.networkSlug,
    networkName: membership.networkName,
    membershipId: membership.membershipId,
    role: membership.role,
  };
  const wanted: readonly Permission[] = typeof permission === "string" ? [permission] : permission;
  if (!wanted.some((p) => can(actor.role, p))) {
    recordAccessDenied({ actor, networkId: actor.networkId, path, role: actor.role });
    throw data(null, { status: 403 });
  }
  return { actor, sessionId, locale, t };
}
