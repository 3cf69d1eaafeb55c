import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translator, type MessageKey } from "~/i18n";

type Matches = ReadonlyArray<{ id: string; data?: unknown } | undefined>;

/** The language the page is shown in, from the root loader's data (meta runs outside React context). */
function localeOf(matches: Matches) {
  const root = matches.find((match) => match?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/**
 * The document title in the user's language: a name from the page's data (a meeting's title) when
 * there is one, else the translated heading of the page.
 */
export function pageTitle(matches: Matches, key: MessageKey, name?: string | null): MetaDescriptor[] {
  return [{ title: `${name || translator(localeOf(matches))(key)} – Samhandlingsportalen` }];
}
