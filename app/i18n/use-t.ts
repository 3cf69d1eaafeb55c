import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, formatDate, formatDateTime, translator, type Locale } from "./index";

/** The current language and its translate/format helpers, from the root loader. */
export function useI18n() {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return {
    locale,
    t: translator(locale),
    dateTime: (value: Date | number | string) => formatDateTime(locale, value),
    date: (value: Date | number | string) => formatDate(locale, value),
  };
}
