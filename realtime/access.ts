import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { mapAccessForUser, type MapAccess } from "../app/models/maps.server";
import { getSessionUser } from "../app/utils/session.server";

/** The documents this server serves: `map:<id>`. */
export function parseDocName(path: string): { docName: string; mapId: number } | null {
  const match = /^\/realtime\/map:(\d{1,9})$/.exec(path);
  if (!match) return null;
  return { docName: `map:${match[1]}`, mapId: Number(match[1]) };
}

/**
 * An upgrade may come only from a page of this portal (Origin matches Host, or PUBLIC_URL), so
 * another site cannot open a socket with the member's cookie.
 */
export function originAllowed(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser: the cookie is still required below
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const publicUrl = process.env.PUBLIC_URL?.trim();
  if (publicUrl && new URL(publicUrl).host === host) return true;
  return host === request.headers.host;
}

/** The member behind the upgrade's session cookie and their right to the map, or null. */
export async function authenticate(request: IncomingMessage, mapId: number): Promise<MapAccess | null> {
  const headers = new Headers();
  if (request.headers.cookie) headers.set("Cookie", request.headers.cookie);
  const session = await getSessionUser(new Request("http://realtime.local/", { headers }));
  if (!session) return null;
  return mapAccessForUser(session.user.id, mapId);
}

/**
 * Whose upgrades count against the realtime rate limit: the session cookie (hashed, so no token sits
 * in memory as it is) when there is one, else the client's address.
 */
export function upgradeRateKey(request: IncomingMessage): string {
  const session = /(?:^|;\s*)__session=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
  if (session) return `session:${createHash("sha256").update(session).digest("base64url").slice(0, 22)}`;
  return `ip:${request.socket.remoteAddress ?? "unknown"}`;
}
