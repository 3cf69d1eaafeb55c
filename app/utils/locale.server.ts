import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from "~/i18n";

/** The chosen language, remembered for a year (and on the account when signed in). */
export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 365 * 24 * 60 * 60,
});

/**
 * The language of a request: the user's saved choice, then the cookie, then the browser's
 * Accept-Language if it asks for English before Norwegian, else bokmål.
 */
export async function resolveLocale(request: Request, userLocale?: Locale | null): Promise<Locale> {
  if (userLocale && isLocale(userLocale)) return userLocale;
  const cookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(cookie)) return cookie;
  const accept = (request.headers.get("Accept-Language") ?? "").toLowerCase();
  const en = accept.search(/\ben\b|\ben-/);
  const no = accept.search(/\b(nb|no|nn)\b|\b(nb|no|nn)-/);
  if (en >= 0 && (no < 0 || en < no)) return "en";
  return DEFAULT_LOCALE;
}

export async function translatorFor(request: Request, userLocale?: Locale | null) {
  const locale = await resolveLocale(request, userLocale);
  return { locale, t: translator(locale) };
}
