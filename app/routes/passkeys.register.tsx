import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { beginRegistration, finishRegistration } from "~/models/passkeys.server";
import { requireUser } from "~/web/access.server";
import { answer, refused } from "~/web/actions.server";
import { clearCeremonyCookie, jsonAnswer, currentCeremony, newCeremony, readCeremonyBody } from "~/web/passkey-ceremony.server";
import { RegisterBody } from "~/web/passkey-forms";

/** Adding a passkey to the signed-in person's account: the options, then the browser's answer (JSON). */
export const loader = () => redirect("/account/passkeys");

export const action = async (args: ActionFunctionArgs) => jsonAnswer(await ceremony(args));

async function ceremony({ request, context }: ActionFunctionArgs) {
  const { actor, t } = await requireUser(request, context);
  const body = await readCeremonyBody(request, RegisterBody, t);
  if (!body.ok) return refused(body.errors);
  const input = body.data;
  if (input.step === "options") {
    const { ceremony, headers } = await newCeremony(request);
    return answer(t, () => beginRegistration({ actor, ceremony }), { message: null, value: (options) => options, headers });
  }
  const ceremony = await currentCeremony(request);
  const headers = { "Set-Cookie": await clearCeremonyCookie(request) };
  if (!ceremony) return refused({ form: t("passkeys.expired") }, { headers });
  return answer(t, () => finishRegistration({ actor, ceremony, name: input.name, response: input.response }), {
    message: (added) => t("passkeys.added", { name: added.name }),
    headers,
  });
}
