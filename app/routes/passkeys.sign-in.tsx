import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { beginPasskeySignIn, finishPasskeySignIn } from "~/models/passkey-sign-in.server";
import { clientIp } from "~/web/access.server";
import { answer, refused, succeeded } from "~/web/actions.server";
import { runModel } from "~/web/http.server";
import { translatorFor } from "~/web/locale.server";
import { clearCeremonyCookie, jsonAnswer, currentCeremony, newCeremony, readCeremonyBody } from "~/web/passkey-ceremony.server";
import { SignInBody } from "~/web/passkey-forms";
import { safeRedirect } from "~/web/safe-redirect";
import { startSession } from "~/web/session.server";

/** Signing in with a passkey alone (no email typed): the options, then the browser's answer (JSON). */
export const loader = () => redirect("/login");

export const action = async (args: ActionFunctionArgs) => jsonAnswer(await ceremony(args));

async function ceremony({ request, context }: ActionFunctionArgs) {
  const { t } = await translatorFor(request);
  const body = await readCeremonyBody(request, SignInBody, t);
  if (!body.ok) return refused(body.errors);
  const input = body.data;
  if (input.step === "options") {
    const { ceremony, headers } = await newCeremony(request);
    return answer(t, () => beginPasskeySignIn({ ceremony }), { message: null, value: (options) => options, headers });
  }
  const ceremony = await currentCeremony(request);
  const cleared = await clearCeremonyCookie(request);
  if (!ceremony) return refused({ form: t("passkeys.expired") }, { headers: { "Set-Cookie": cleared } });
  const ip = clientIp(context);
  const result = await runModel(t, () => finishPasskeySignIn({ ceremony, response: input.response, ip }));
  if (!result.ok) return refused(result.errors, { status: result.status, headers: { "Set-Cookie": cleared } });
  const headers = await startSession(request, result.value.userId, ip);
  headers.append("Set-Cookie", cleared);
  return succeeded(null, { value: { redirectTo: safeRedirect(input.redirectTo) }, headers });
}
