import { createCookie, redirect } from "@remix-run/node";
import { reachedOverHttps, sessionSecrets } from "~/utils/config.server";
import { rememberDevice } from "~/utils/known-device.server";
import { createSession, deleteSessionByToken, SESSION_IDLE_MS, userForSessionToken, type ProviderSession } from "~/models/sessions.server";
import { findProvider } from "~/utils/sign-in-config.server";
import { baseUrl } from "./http.server";
import { endSessionUrl } from "./oidc-client.server";

/** The session cookie: HttpOnly, SameSite=Lax, signed; Secure when the portal is reached over https. */
const sessionCookie = createCookie("__session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: sessionSecrets(),
  maxAge: Math.floor(SESSION_IDLE_MS / 1000),
});

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user and session id, or null. */
export async function getSessionUser(request: Request) {
  const token = await readSessionToken(request);
  if (!token) return null;
  return userForSessionToken(token);
}

/**
 * Signs a user in: any session the browser already had is ended, and a new one with a new id is
 * started (so a session id planted before sign-in is worthless after it).
 */
export async function signIn(
  request: Request,
  userId: number,
  ip: string,
  redirectTo: string,
  via: ProviderSession | null = null,
  extraHeaders?: Headers,
) {
  return redirect(redirectTo, { headers: await startSession(request, userId, ip, via, extraHeaders) });
}

/** The cookies of a new session, for an answer that is not a redirect (a sign-in by fetch). */
export async function startSession(
  request: Request,
  userId: number,
  ip: string,
  via: ProviderSession | null = null,
  extraHeaders?: Headers,
) {
  const previous = await readSessionToken(request);
  if (previous) deleteSessionByToken(previous);
  const token = createSession({
    userId,
    userAgent: request.headers.get("User-Agent") ?? "",
    ip,
    via,
  });
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", await sessionCookie.serialize(token, { secure: reachedOverHttps(request) }));
  headers.append("Set-Cookie", await rememberDevice(request, userId));
  return headers;
}

/**
 * Ends the portal session. A session started through a provider that offers RP-initiated logout
 * sends the browser on to end the provider's session too, which returns it to the sign-in page.
 */
export async function signOut(request: Request, redirectTo = "/login?signedOut=1") {
  const token = await readSessionToken(request);
  const ended = token ? deleteSessionByToken(token) : null;
  const provider = ended?.provider ? findProvider(ended.provider) : null;
  const atProvider = provider && ended?.idToken ? await endSessionUrl(provider, ended.idToken, `${baseUrl(request)}${redirectTo}`) : null;
  return redirect(atProvider ?? redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0, secure: reachedOverHttps(request) }) },
  });
}
