import type { IncomingMessage } from "node:http";
import { mapAccessForUser, type MapAccess } from "../app/models/maps.server";
import { getSessionUser } from "../app/web/session.server";
import { mapIdOfDoc } from "../app/utils/map-doc-name";
import type { Config } from "../app/utils/config.server";
import { isCrossSite } from "../app/web/origin.server";

/** The documents this server serves: `map:<id>`. */
export function parseDocName(path: string): { docName: string; mapId: number } | null {
  const docName = path.startsWith("/realtime/") ? path.slice("/realtime/".length) : "";
  const mapId = mapIdOfDoc(docName);
  return mapId === null ? null : { docName, mapId };
}

/**
 * An upgrade may come only from a page of this portal, by the same rule as the HTTP side's writes
 * (app/web/origin.server.ts), so another site cannot open a socket with the member's cookie.
 */
export function originAllowed(request: IncomingMessage, config: Pick<Config, "publicUrl" | "trustProxy">): boolean {
  const forwarded = config.trustProxy
    ? String(request.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        .trim()
    : "";
  const scheme = forwarded || ((request.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
  const header = (name: string) => (typeof request.headers[name] === "string" ? (request.headers[name] as string) : undefined);
  const site = { origin: header("origin"), fetchSite: header("sec-fetch-site"), reachedAt: `${scheme}://${request.headers.host}` };
  return !isCrossSite(site, config.publicUrl);
}

/** The signed-in user behind the upgrade's session cookie, verified like any page request, or null. */
export async function upgradeUser(request: IncomingMessage): Promise<{ id: number } | null> {
  const headers = new Headers();
  if (request.headers.cookie) headers.set("Cookie", request.headers.cookie);
  const session = await getSessionUser(new Request("http://realtime.local/", { headers }));
  return session ? { id: session.user.id } : null;
}

/** The member's right to the map, or null when they are not a member or the map does not exist. */
export function accessToMap(userId: number, mapId: number): MapAccess | null {
  return mapAccessForUser(userId, mapId);
}

/**
 * Whose upgrades count against the realtime rate limit: the account the verified session belongs
 * to, never the cookie's text (the same session can be written in many ways: percent-encoded,
 * reordered, repeated), else the client's address.
 */
export function upgradeRateKey(request: IncomingMessage, user: { id: number } | null): string {
  if (user) return `user:${user.id}`;
  return `ip:${request.socket.remoteAddress ?? "unknown"}`;
}
