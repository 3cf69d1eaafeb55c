/**
 * The two legs of a sign-in through an OpenID provider. Leaving: a pending sign-in is stored
 * (state, nonce and PKCE verifier; single use, 10 minutes) and the browser gets the state in a
 * signed cookie too, so a callback carried into another browser is worthless. Coming back: the
 * pending sign-in is spent, the code exchanged and the id token validated (oidc-client.server.ts),
 * and the model decides who comes in. Every refusal is audited and shown on the sign-in page in the
 * person's language; nothing is created on refusal.
 */
import { createCookie, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { logger } from "~/utils/logger.server";
import { findProvider, type ProviderConfig } from "~/utils/sign-in-config.server";
import { reachedOverHttps, sessionSecrets } from "~/utils/config.server";
import {
  beginPendingSignIn,
  recordProviderSignIn,
  recordSignInRefused,
  resolveProviderSignIn,
  SignInRefusedError,
  takePendingSignIn,
} from "~/models/identities.server";
import type { RefusalReason } from "~/utils/sign-in-refusals";
import { clientIp } from "./access.server";
import { baseUrl } from "./http.server";
import { translatorFor } from "./locale.server";
import { authorizationRequest, exchangeCode } from "./oidc-client.server";
import { safeRedirect } from "./safe-redirect";
import { getSessionUser, signIn } from "./session.server";

/** Holds the state of the sign-in this browser started; path-limited to the callback's folder. */
const stateCookie = createCookie("__signin_state", {
  httpOnly: true,
  sameSite: "lax",
  path: "/auth",
  secrets: sessionSecrets(),
  maxAge: 10 * 60,
});

const StartQuery = z.object({
  redirectTo: z.string().max(2000).optional(),
  invitation: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,200}$/)
    .optional(),
  link: z.literal("1").optional(),
});

/** The provider named in the path, or a 404 page saying there is no such sign-in service. */
export function providerOr404(id: string | undefined): ProviderConfig {
  const provider = findProvider(id);
  if (!provider) throw data(null, { status: 404 });
  return provider;
}

const callbackUrlOf = (request: Request, provider: ProviderConfig) => `${baseUrl(request)}/auth/${provider.id}/callback`;

export async function startProviderSignIn(request: Request, context: unknown, provider: ProviderConfig) {
  const url = new URL(request.url);
  const query = StartQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return refusedPage(provider, "noPending", null, clientIp(context));
  const { redirectTo, invitation, link } = query.data;
  let linkUserId: number | null = null;
  if (link) {
    const session = await getSessionUser(request);
    if (!session) throw redirect(`/login?redirectTo=${encodeURIComponent("/account/sign-ins")}`);
    linkUserId = session.user.id;
  }
  const { locale } = await translatorFor(request);
  let started;
  try {
    started = await authorizationRequest(provider, callbackUrlOf(request, provider), locale);
  } catch (error) {
    logger.error({ provider: provider.id, err: String(error) }, "sign-in provider unavailable");
    return refusedPage(provider, "unavailable", null, clientIp(context), request);
  }
  beginPendingSignIn({
    providerId: provider.id,
    state: started.state,
    nonce: started.nonce,
    codeVerifier: started.codeVerifier,
    redirectTo: link ? "/account/sign-ins?linked=1" : safeRedirect(redirectTo),
    invitationToken: invitation ?? null,
    linkUserId,
  });
  return redirect(started.url.href, {
    headers: { "Set-Cookie": await stateCookie.serialize(started.state, { secure: reachedOverHttps(request) }) },
  });
}

async function clearStateCookie(request: Request) {
  return stateCookie.serialize("", { maxAge: 0, secure: reachedOverHttps(request) });
}

async function refusedPage(
  provider: ProviderConfig | null,
  reason: RefusalReason,
  networkId: number | null,
  ip: string,
  request?: Request,
) {
  recordSignInRefused({ provider, reason, networkId, ip });
  const headers = new Headers();
  if (request) headers.append("Set-Cookie", await clearStateCookie(request));
  return redirect(`/login?refused=${reason}`, { headers });
}

export async function completeProviderSignIn(request: Request, context: unknown, provider: ProviderConfig) {
  const ip = clientIp(context);
  const url = new URL(request.url);
  const state = url.searchParams.get("state");
  const browserState = await stateCookie.parse(request.headers.get("Cookie"));
  // The pending sign-in is spent whatever happens next: a callback cannot be played twice.
  const pending = state ? takePendingSignIn({ providerId: provider.id, state }) : null;
  if (!pending || typeof browserState !== "string" || browserState !== state) {
    return refusedPage(provider, "noPending", null, ip, request);
  }
  const error = url.searchParams.get("error");
  if (error) return refusedPage(provider, error === "access_denied" ? "cancelled" : "failed", null, ip, request);

  let identity;
  try {
    identity = await exchangeCode(provider, new URL(`${callbackUrlOf(request, provider)}${url.search}`), {
      state: browserState,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
  } catch (failure) {
    // What openid-client says went wrong (never the tokens themselves).
    const { code, message } = failure as { code?: string; message?: string };
    logger.warn({ provider: provider.id, code, message }, "sign-in response refused");
    return refusedPage(provider, "failed", null, ip, request);
  }

  try {
    const resolved = resolveProviderSignIn({ provider, identity, pending, ip });
    const headers = new Headers({ "Set-Cookie": await clearStateCookie(request) });
    // Linking from the account page keeps the session the person already has.
    if (pending.linkUserId !== null) return redirect(pending.redirectTo, { headers });
    recordProviderSignIn({ provider, userId: resolved.userId, ip });
    const target = resolved.joined ? `/n/${resolved.joined.networkSlug}?welcome=1` : pending.redirectTo;
    const sid = typeof identity.claims.sid === "string" ? identity.claims.sid : null;
    return signIn(
      request,
      resolved.userId,
      ip,
      target,
      { provider: provider.id, sid, idToken: identity.idToken, idleMs: provider.idleMs, maxMs: provider.maxSessionMs },
      headers,
    );
  } catch (failure) {
    if (failure instanceof SignInRefusedError) return refusedPage(provider, failure.reason, failure.networkId, ip, request);
    throw failure;
  }
}
