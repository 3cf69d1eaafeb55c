import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { reachedOverHttps, sessionSecrets } from "./config.server";

/**
 * A browser that has signed in to an account before is a "known device" for that account: its
 * sign-in attempts are counted on their own (login-throttle.server.ts), so a stranger guessing at
 * a colleague's address cannot lock the colleague out of their own browser. The cookie is signed
 * (it cannot be made up), HttpOnly, holds a random device id and the ids of at most ten accounts,
 * and nothing about the person. It is needed for the security of sign-in, so it asks no consent.
 */
const deviceCookie = createCookie("__device", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: sessionSecrets(),
  maxAge: 365 * 24 * 60 * 60,
});

const MAX_ACCOUNTS = 10;

export interface KnownDevice {
  id: string;
  accounts: number[];
}

function isKnownDevice(value: unknown): value is KnownDevice {
  if (typeof value !== "object" || value === null) return false;
  const { id, accounts } = value as Record<string, unknown>;
  return typeof id === "string" && /^[\w-]{16,64}$/.test(id) && Array.isArray(accounts) && accounts.every((a) => Number.isInteger(a));
}

/** This browser's device id and the accounts signed in from it, when its cookie is genuine. */
export async function readDevice(request: Request): Promise<KnownDevice | null> {
  const value: unknown = await deviceCookie.parse(request.headers.get("Cookie"));
  return isKnownDevice(value) ? value : null;
}

/** The Set-Cookie value that adds `userId` to this browser's known accounts (newest first). */
export async function rememberDevice(request: Request, userId: number): Promise<string> {
  const device = (await readDevice(request)) ?? { id: randomBytes(16).toString("base64url"), accounts: [] };
  const accounts = [userId, ...device.accounts.filter((a) => a !== userId)].slice(0, MAX_ACCOUNTS);
  return deviceCookie.serialize({ id: device.id, accounts }, { secure: reachedOverHttps(request) });
}
