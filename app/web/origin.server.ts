/**
 * Which requests come from another site, for every door that changes something with the member's
 * cookie: the HTTP side's writes (security-headers.server.ts) and the realtime upgrade
 * (realtime/access.ts) use this one rule.
 *
 * The portal's own origins are the one the request came to (scheme and host, the scheme from the
 * proxy when TRUST_PROXY is on) and PUBLIC_URL's. A browser's request names its Origin; without
 * one, its Sec-Fetch-Site must not say cross-site. A request with neither comes from a program,
 * which cannot carry a member's cookie from another site.
 */
export interface RequestSite {
  /** The Origin header, if any. */
  origin: string | undefined;
  /** The Sec-Fetch-Site header, if any. */
  fetchSite: string | undefined;
  /** Scheme and host the request came to, e.g. "https://portal.example". */
  reachedAt: string;
}

/** Written the way a browser writes an Origin: lower-case host, no default port. */
function canonical(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

export function ownOrigins(reachedAt: string, publicUrl: string | null): Set<string> {
  const own = new Set<string>();
  for (const origin of [reachedAt, publicUrl]) {
    const written = origin ? canonical(origin) : null;
    if (written && written !== "null") own.add(written);
  }
  return own;
}

export function isCrossSite({ origin, fetchSite, reachedAt }: RequestSite, publicUrl: string | null): boolean {
  if (origin) return origin === "null" || !ownOrigins(reachedAt, publicUrl).has(origin);
  return fetchSite === "cross-site";
}

/**
 * The origin a WebAuthn ceremony runs under; its host is the relying party id. It is the page's own
 * Origin when that is one of the portal's (so a portal whose PUBLIC_URL names 127.0.0.1, which
 * WebAuthn refuses as an id, still works when opened at http://localhost), else PUBLIC_URL's, else
 * the one the request came to. The browser binds each passkey to the id it was made under, so an
 * origin that is not the portal's is never asked for: it could only be given a passkey made there.
 */
export function ceremonyOrigin({ origin, reachedAt }: Pick<RequestSite, "origin" | "reachedAt">, publicUrl: string | null): string {
  const own = ownOrigins(reachedAt, publicUrl);
  if (origin && own.has(origin)) return origin;
  return (publicUrl ? canonical(publicUrl) : null) ?? canonical(reachedAt) ?? reachedAt;
}
