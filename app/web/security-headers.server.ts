/**
 * Browser-side defences for every answer of the portal: a Content-Security-Policy with a fresh nonce
 * per request (no inline script runs without it, no eval), no framing, no sniffing, a strict referrer
 * policy, HSTS over https; and a check that state-changing requests come from the portal's own pages.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { reachedOverHttps, type Config } from "~/utils/config.server";
import { isCrossSite } from "./origin.server";

export interface Framing {
  /** Origins a sign-out form may lead to (the providers' end-session pages). */
  formTargets: string[];
  /** Origins that may frame this answer: only a provider's logout page, for its front-channel logout. */
  framedBy: string[];
}

const NO_PROVIDERS: Framing = { formTargets: [], framedBy: [] };

export function contentSecurityPolicy(nonce: string, { formTargets, framedBy }: Framing = NO_PROVIDERS): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React Flow, Recharts and Designsystemet set style attributes; no script can come in through them.
    "style-src 'self' 'unsafe-inline'",
    // Map exports draw through data: and blob: images.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    framedBy.length > 0 ? `frame-ancestors ${framedBy.join(" ")}` : "frame-ancestors 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

const FRONT_CHANNEL_LOGOUT = /^\/auth\/([a-z][a-z0-9-]{0,39})\/frontchannel-logout$/;

/** `providerOrigins(id)`: the origins of one sign-in provider; without an id, of them all. */
export function securityHeaders(config: Pick<Config, "publicUrl">, providerOrigins: (providerId?: string) => string[] = () => []) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const frontChannel = FRONT_CHANNEL_LOGOUT.exec(req.path);
    const framedBy = frontChannel ? providerOrigins(frontChannel[1]) : [];
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, { formTargets: providerOrigins(), framedBy }));
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (framedBy.length === 0) res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (reachedOverHttps(req, config)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A POST (or any other state-changing method) from another site is refused (origin.server.ts). */
export function sameOriginWrites({ publicUrl }: { publicUrl: string | null }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = { origin: req.get("origin"), fetchSite: req.get("sec-fetch-site"), reachedAt: `${req.protocol}://${req.get("host")}` };
    const foreign = isCrossSite(site, publicUrl);
    if (!foreign) return next();
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("Forespørselen kom fra et annet nettsted og ble avvist. / The request came from another site and was refused.");
  };
}
