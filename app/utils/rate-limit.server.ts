import { data, type HeadersFunction } from "@remix-run/node";
import type { Translate } from "~/i18n";

/**
 * Limits on how often one person may do something costly: send invitations (each is an email),
 * upload files (parsed in memory) and open realtime connections (each loads a document). Sign-in has
 * its own throttle of failures in the database (login-throttle.server.ts).
 *
 * The counters live in this process's memory: the portal runs as one process (README, Decisions),
 * and a restart forgetting them is harmless. Each key keeps the times of its recent uses (a sliding
 * window), so a burst cannot slip through at a window's edge.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export type RateLimitKind = "invitations" | "uploads" | "realtime";

/** Defaults; the realtime limit can be set with RATE_LIMIT_REALTIME_PER_MINUTE. */
export function limitFor(kind: RateLimitKind, env: Record<string, string | undefined> = process.env): Limit {
  switch (kind) {
    // A facilitator inviting a whole network (the real one had 63 people) does it within an hour.
    case "invitations":
      return { max: 100, windowMs: 60 * 60_000 };
    case "uploads":
      return { max: 30, windowMs: 10 * 60_000 };
    case "realtime": {
      const perMinute = Number(env.RATE_LIMIT_REALTIME_PER_MINUTE ?? 60);
      return { max: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : 60, windowMs: 60_000 };
    }
  }
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

const uses = new Map<string, number[]>();
let lastSweep = 0;

/** Counts one use of `kind` by `key` if it is within its limit; refused uses are not counted. */
export function takeRateLimit(kind: RateLimitKind, key: string, now = Date.now(), limit = limitFor(kind)): RateVerdict {
  sweep(now);
  const id = `${kind}:${key}`;
  const recent = (uses.get(id) ?? []).filter((time) => now - time < limit.windowMs);
  if (recent.length >= limit.max) {
    uses.set(id, recent);
    return { allowed: false, retryAfterMs: recent[0] + limit.windowMs - now };
  }
  recent.push(now);
  uses.set(id, recent);
  return { allowed: true };
}

/** Drops keys with no use inside the longest window, at most once a minute. */
function sweep(now: number) {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  const longest = 60 * 60_000;
  for (const [id, times] of uses) if (times.length === 0 || now - times[times.length - 1] >= longest) uses.delete(id);
}

export function resetRateLimits() {
  uses.clear();
  lastSweep = 0;
}

/** Whole minutes to wait, at least one, for messages. */
export function minutesToWait(retryAfterMs: number) {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

/**
 * For a route: throws nothing, returns null when allowed, or the 429 answer with a Retry-After header
 * and the message on the form's field, in the shape the route's form expects.
 */
export function rateLimitAnswer<T>(kind: Exclude<RateLimitKind, "realtime">, userId: number, t: Translate, body: (message: string) => T) {
  const verdict = takeRateLimit(kind, `user:${userId}`);
  if (verdict.allowed) return null;
  const message = t(kind === "invitations" ? "rateLimit.invitations" : "rateLimit.uploads", {
    minutes: minutesToWait(verdict.retryAfterMs),
  });
  return data(body(message), { status: 429, headers: { "Retry-After": String(Math.ceil(verdict.retryAfterMs / 1000)) } });
}

/** A route's `headers` export, so the document response of a refused action carries Retry-After too. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
