/** The words of the provider's own pages, in bokmål (the default), nynorsk and English. */
export const locales = ["nb", "nn", "en"] as const;
export type Locale = (typeof locales)[number];

const nb = {
  heading: "Testinnlogging – {service}",
  notReal: "Dette er en testtjeneste for utvikling og tester. Ingen ekte innlogging skjer her.",
  askedLocale: "Språk i forespørselen (ui_locales): {value}",
  askedNothing: "ikke oppgitt",
  client: "Tjenesten som ber om innlogging: {client}",
  identityLegend: "Hvem vil du logge inn som?",
  organisation: "Virksomhet",
  level: "Sikkerhetsnivå",
  levelHint: "Velg et lavere nivå for å prøve hva tjenesten gjør når nivået er for lavt.",
  "level.idporten-loa-substantial": "Betydelig (idporten-loa-substantial)",
  "level.idporten-loa-high": "Høyt (idporten-loa-high)",
  logIn: "Logg inn",
  cancel: "Avbryt",
  errorHeading: "Innloggingen kan ikke fullføres",
  "error.identity": "Velg hvem du vil logge inn som.",
  "error.organisation": "Velg en virksomhet personen er ansatt i.",
  "error.level": "Velg et sikkerhetsnivå fra listen.",
  logoutHeading: "Logger ut – {service}",
  logoutBody: "Du logges ut av tjenestene du har brukt med denne innloggingen.",
  logoutButton: "Logg ut",
  loggedOutHeading: "Du er logget ut",
  loggedOutBody: "Du er logget ut av {service}.",
  failedHeading: "Noe gikk galt",
} as const;

export type MessageKey = keyof typeof nb;

const nn: Record<MessageKey, string> = {
  heading: "Testinnlogging – {service}",
  notReal: "Dette er ei testteneste for utvikling og testar. Inga ekte innlogging skjer her.",
  askedLocale: "Språk i førespurnaden (ui_locales): {value}",
  askedNothing: "ikkje oppgitt",
  client: "Tenesta som ber om innlogging: {client}",
  identityLegend: "Kven vil du logge inn som?",
  organisation: "Verksemd",
  level: "Tryggleiksnivå",
  levelHint: "Vel eit lågare nivå for å prøve kva tenesta gjer når nivået er for lågt.",
  "level.idporten-loa-substantial": "Betydeleg (idporten-loa-substantial)",
  "level.idporten-loa-high": "Høgt (idporten-loa-high)",
  logIn: "Logg inn",
  cancel: "Avbryt",
  errorHeading: "Innlogginga kan ikkje fullførast",
  "error.identity": "Vel kven du vil logge inn som.",
  "error.organisation": "Vel ei verksemd personen er tilsett i.",
  "error.level": "Vel eit tryggleiksnivå frå lista.",
  logoutHeading: "Loggar ut – {service}",
  logoutBody: "Du vert logga ut av tenestene du har brukt med denne innlogginga.",
  logoutButton: "Logg ut",
  loggedOutHeading: "Du er logga ut",
  loggedOutBody: "Du er logga ut av {service}.",
  failedHeading: "Noko gjekk gale",
};

const en: Record<MessageKey, string> = {
  heading: "Test sign-in – {service}",
  notReal: "This is a test service for development and tests. No real sign-in happens here.",
  askedLocale: "Language in the request (ui_locales): {value}",
  askedNothing: "not given",
  client: "The service asking you to sign in: {client}",
  identityLegend: "Who do you want to sign in as?",
  organisation: "Organisation",
  level: "Level of assurance",
  levelHint: "Pick a lower level to try what the service does when the level is too low.",
  "level.idporten-loa-substantial": "Substantial (idporten-loa-substantial)",
  "level.idporten-loa-high": "High (idporten-loa-high)",
  logIn: "Sign in",
  cancel: "Cancel",
  errorHeading: "The sign-in cannot be completed",
  "error.identity": "Choose who you want to sign in as.",
  "error.organisation": "Choose an organisation the person works for.",
  "error.level": "Choose a level of assurance from the list.",
  logoutHeading: "Signing out – {service}",
  logoutBody: "You are being signed out of the services you used with this sign-in.",
  logoutButton: "Sign out",
  loggedOutHeading: "You are signed out",
  loggedOutBody: "You are signed out of {service}.",
  failedHeading: "Something went wrong",
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { nb, nn, en };

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

export function translator(locale: Locale): Translate {
  return (key, values = {}) => catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The first supported language of a space-separated `ui_locales` (nb-NO counts as nb); bokmål otherwise. */
export function pickLocale(uiLocales: unknown): Locale {
  if (typeof uiLocales !== "string") return "nb";
  for (const tag of uiLocales.split(" ")) {
    const language = tag.toLowerCase().split("-")[0];
    if (language === "no" || language === "nob") return "nb";
    if ((locales as readonly string[]).includes(language)) return language as Locale;
  }
  return "nb";
}
