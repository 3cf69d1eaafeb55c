import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from "~/i18n";

/** The chosen language, remembered for a year (and on the account when signed in). */
export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

/**
 * The language of a request: the user's saved choice, then the cookie, else bokmål. The browser's
 * Accept-Language is deliberately not used: the portal is Norwegian first, English on request.
 */
export async function resolveLocale(request: Request, userLocale?: Locale | null): Promise<Locale> {
  if (userLocale && isLocale(userLocale)) return userLocale;
  const cookie = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
}

export async function translatorFor(request: Request, userLocale?: Locale | null) {
  const locale = await resolveLocale(request, userLocale);
  return { locale, t: translator(locale) };
}
