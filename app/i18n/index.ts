import { nb, type MessageKey } from "./nb";
import { en } from "./en";

export type { MessageKey };
export const LOCALES = ["nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nb";

const catalogs: Record<Locale, Record<MessageKey, string>> = { nb, en };

/** BCP 47 tags for Intl and the html lang attribute. */
export const LANGUAGE_TAGS: Record<Locale, string> = { nb: "nb-NO", en: "en-GB" };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in nb;
}

/** A translate function for one language. Numbers in params are formatted for that language. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const numberFormat = new Intl.NumberFormat(LANGUAGE_TAGS[locale]);
  return (key, params) => {
    const template = catalog[key] ?? nb[key] ?? key;
    if (!params) return template;
    // "{count}" is the value; "{count|rad|rader}" is the word for one or for several of it.
    return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      if (one !== undefined) return Number(value) === 1 ? one : (other ?? "");
      return typeof value === "number" ? numberFormat.format(value) : value;
    });
  };
}

export function formatDateTime(locale: Locale, value: Date | number | string) {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Oslo",
  }).format(new Date(value));
}

export function formatDate(locale: Locale, value: Date | number | string) {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    dateStyle: "long",
    timeZone: "Europe/Oslo",
  }).format(new Date(value));
}
