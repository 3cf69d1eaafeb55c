import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { setUserLocale } from "~/models/users.server";
import { reachedOverHttps } from "~/utils/config.server";
import { localeCookie } from "~/web/locale.server";
import { safeRedirect } from "~/web/safe-redirect";
import { getSessionUser } from "~/web/session.server";

export const loader = () => redirect("/");

/** Chooses the language: remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const target = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(target);
  const session = await getSessionUser(request);
  if (session) setUserLocale(session.user.id, locale);
  return redirect(target, { headers: { "Set-Cookie": await localeCookie.serialize(locale, { secure: reachedOverHttps(request) }) } });
}
