import { createCookie, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { Ceremony } from "~/models/passkey-challenges.server";
import { CHALLENGE_TTL_MS } from "~/models/passkey-challenges.server";
import { startSecondStep } from "~/models/passkey-sign-in.server";
import { passkeyRequired } from "~/models/passkeys.server";
import { loadConfig, reachedOverHttps, sessionSecrets } from "~/utils/config.server";
import { newToken } from "~/utils/tokens.server";
import type { Translate } from "~/i18n";
import { ceremonyOrigin } from "./origin.server";
import { signIn } from "./session.server";

/**
 * The request edge of a WebAuthn ceremony: the browser's own token in a signed HttpOnly cookie
 * (the challenge itself stays in the database, see passkey-challenges), the origin it runs under,
 * and the JSON bodies of the ceremony's endpoints.
 */
const ceremonyCookie = createCookie("__passkey", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: sessionSecrets(),
  maxAge: Math.floor(CHALLENGE_TTL_MS / 1000),
});

function originOf(request: Request) {
  const reachedAt = new URL(request.url).origin;
  return ceremonyOrigin({ origin: request.headers.get("Origin") ?? undefined, reachedAt }, loadConfig().publicUrl);
}

/** A new ceremony for this browser, and the cookie that binds it to it. */
export async function newCeremony(request: Request): Promise<{ ceremony: Ceremony; headers: Headers }> {
  const browserToken = newToken();
  const headers = new Headers();
  headers.append("Set-Cookie", await ceremonyCookie.serialize(browserToken, { secure: reachedOverHttps(request) }));
  return { ceremony: { browserToken, origin: originOf(request) }, headers };
}

/** The ceremony this browser began, or null without its cookie. */
export async function currentCeremony(request: Request): Promise<Ceremony | null> {
  const value: unknown = await ceremonyCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? { browserToken: value, origin: originOf(request) } : null;
}

export async function clearCeremonyCookie(request: Request) {
  return ceremonyCookie.serialize("", { maxAge: 0, secure: reachedOverHttps(request) });
}

/**
 * A correct password: signed in, or, for a person who requires a passkey after it, sent to the
 * second step with no session yet (the pending step is bound to this browser for five minutes).
 */
export async function passwordSignedIn(request: Request, userId: number, ip: string, redirectTo: string) {
  if (!passkeyRequired(userId)) return signIn(request, userId, ip, redirectTo);
  const { ceremony, headers } = await newCeremony(request);
  startSecondStep({ ceremony, userId, redirectTo });
  return redirect("/login/passkey", { headers });
}

const MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads a ceremony endpoint's JSON body with its schema. A wrong body is one message for the whole
 * form (the browser's answer is nothing a person typed), except the passkey's name.
 */
export async function readCeremonyBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  t: Translate,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> }> {
  const text = await request.text();
  let body: unknown;
  try {
    body = text.length > MAX_JSON_BYTES ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, data: result.data };
  const onName = result.error.issues.some((issue) => issue.path[0] === "name");
  return { ok: false, errors: onName ? { name: t("passkeys.nameMissing") } : { form: t("passkeys.invalid") } };
}

/**
 * A resource route must answer with a Response (Remix would serialise the data() wrapper itself),
 * so the ceremony endpoints turn the one answer shape into JSON with its status and cookies.
 */
export function jsonAnswer(answer: { data: unknown; init: ResponseInit | null }): Response {
  const headers = new Headers(answer.init?.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(answer.data), { status: answer.init?.status ?? 200, headers });
}
