import { randomUUID } from "node:crypto";
import { pino } from "pino";

/**
 * The server's log: one JSON object per line on stdout (pino), for a log collector to read.
 * Nothing secret goes in: cookies, passwords and authorization headers are censored by key, and
 * paths that carry a secret (invitation links, calendar addresses) are shortened before logging.
 * LOG_LEVEL sets the level (default info; "silent" turns it off).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL?.trim() || "info",
  base: { service: "samhandlingsportalen" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["password", "*.password", "cookie", "*.cookie", "*.headers.cookie", "*.headers.authorization", "token", "*.token", "smtpUrl"],
    censor: "[redacted]",
  },
});

/** Paths whose last segments are a secret: the secret is replaced, the shape kept for reading logs. */
const SECRET_PATHS: [RegExp, string][] = [
  [/^\/invitation\/[^/?#]+/, "/invitation/[redacted]"],
  [/^\/calendar\/([^/?#]+)\/[^/?#]+/, "/calendar/$1/[redacted]"],
];

/** The path of a request as it may be logged: no query string (search words, filters), no secrets. */
export function loggablePath(url: string): string {
  let path = url.split(/[?#]/, 1)[0] || "/";
  for (const [pattern, replacement] of SECRET_PATHS) path = path.replace(pattern, replacement);
  return path.length > 300 ? `${path.slice(0, 300)}…` : path;
}

/** A request id: the proxy's X-Request-Id when it looks like one, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._-]{8,128}$/.test(given) ? given : randomUUID();
}
