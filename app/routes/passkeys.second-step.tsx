import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { beginSecondStep, finishSecondStep } from "~/models/passkey-sign-in.server";
import { readDevice } from "~/utils/known-device.server";
import { clientIp } from "~/web/access.server";
import { answer, refused, succeeded } from "~/web/actions.server";
import { translatorFor } from "~/web/locale.server";
import { clearCeremonyCookie, jsonAnswer, currentCeremony, readCeremonyBody } from "~/web/passkey-ceremony.server";
import { SecondStepBody } from "~/web/passkey-forms";
import { startSession } from "~/web/session.server";

/**
 * The passkey after a correct password (JSON): the options for the pending user's passkeys, then
 * the browser's answer. The pending step is the one this browser's cookie names (set at /login).
 */
export const loader = () => redirect("/login/passkey");

export const action = async (args: ActionFunctionArgs) => jsonAnswer(await ceremony(args));

async function ceremony({ request, context }: ActionFunctionArgs) {
  const { t } = await translatorFor(request);
  const body = await readCeremonyBody(request, SecondStepBody, t);
  if (!body.ok) return refused(body.errors);
  const ceremony = await currentCeremony(request);
  if (!ceremony) return refused({ form: t("passkeys.stepExpired") }, { status: 401 });
  const input = body.data;
  if (input.step === "options") return answer(t, () => beginSecondStep({ ceremony }), { message: null, value: (options) => options });
  const ip = clientIp(context);
  const result = await finishSecondStep({ ceremony, response: input.response, ip, device: await readDevice(request) });
  if (!result.ok) {
    if ("retryAfterMs" in result) {
      const retryAfter = String(Math.ceil(result.retryAfterMs / 1000));
      return refused({ form: t(result.messageKey, result.params) }, { status: 429, headers: { "Retry-After": retryAfter } });
    }
    return refused({ form: t(result.messageKey) }, { status: result.messageKey === "passkeys.stepExpired" ? 401 : 400 });
  }
  const headers = await startSession(request, result.userId, ip);
  headers.append("Set-Cookie", await clearCeremonyCookie(request));
  return succeeded(null, { value: { redirectTo: result.redirectTo }, headers });
}
