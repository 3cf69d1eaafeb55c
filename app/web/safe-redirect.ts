/**
 * Where the portal may send a browser after an action (sign-in, language choice): only to its own
 * pages. The target is resolved the way a browser resolves a Location header (the URL parser drops
 * tabs and newlines, reads backslashes as slashes and `//host` as another host), against a stand-in
 * origin; anything that lands elsewhere falls back. What is returned is the parsed path, query and
 * fragment, so the browser reads exactly what was checked.
 */
const HOME = "http://portal.invalid";

export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target === "") return fallback;
  let url: URL;
  try {
    url = new URL(target, `${HOME}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== HOME) return fallback;
  const location = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" parses to the path "//evil.example", which a browser would read as a host.
  if (!location.startsWith("/") || location.startsWith("//")) return fallback;
  return location;
}
