/**
 * The demo network "Ukraina-samarbeidet" (facts from shared/DOMAIN.md). People other than the demo
 * accounts are fictional; the email domains are .example so nothing can ever be delivered to them.
 */
export const DEMO_PASSWORD = "samhandling-demo";

/** The accounts a newcomer is offered on the sign-in page (one per role, and the site admin). */
export const DEMO_SIGN_INS = [
  "fasilitator@digdir.example",
  "representant@nav.example",
  "representant@udi.example",
  "leder@imdi.example",
  "deltaker@skatteetaten.example",
  "virksomhetsadmin@nav.example",
  "admin@digdir.example",
];
export const DEMO_NETWORK = {
  slug: "ukraina",
  name: "Ukraina-samarbeidet",
  description:
    "Tverretatlig nettverk etablert av Digdir våren 2022 for å koordinere tjenestene til flyktninger fra Ukraina: ankomst og identitet, bosetting og integrering.",
};

export interface DemoAgency {
  key: string;
  name: string;
  shortName: string;
  orgNumber: string | null;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  { key: "digdir", name: "Digitaliseringsdirektoratet", shortName: "Digdir", orgNumber: "991825827" },
  { key: "politiet", name: "Politiet (Politiets utlendingsenhet)", shortName: "Politiet/PU", orgNumber: "982531950" },
  { key: "udi", name: "Utlendingsdirektoratet", shortName: "UDI", orgNumber: "974760746" },
  { key: "imdi", name: "Integrerings- og mangfoldsdirektoratet", shortName: "IMDi", orgNumber: "987879696" },
  { key: "ks", name: "KS – kommunesektorens organisasjon", shortName: "KS", orgNumber: "971032146" },
  { key: "skatteetaten", name: "Skatteetaten", shortName: "Skatteetaten", orgNumber: "974761076" },
  { key: "nav", name: "Arbeids- og velferdsetaten", shortName: "NAV", orgNumber: "889640782" },
  { key: "hdir", name: "Helsedirektoratet", shortName: "Hdir", orgNumber: "983544622" },
  { key: "fhi", name: "Folkehelseinstituttet", shortName: "FHI", orgNumber: "983744516" },
  { key: "dfo", name: "Direktoratet for forvaltning og økonomistyring", shortName: "DFØ", orgNumber: "986252932" },
  { key: "bufdir", name: "Barne-, ungdoms- og familiedirektoratet", shortName: "Bufdir", orgNumber: "986128433" },
];

export type DemoRole = "facilitator" | "agency_admin" | "representative" | "leader" | "participant";

export interface DemoPerson {
  email: string;
  name: string;
  agency: string;
  role: DemoRole | null;
  responsibility: string;
  isAdmin?: boolean;
}

/**
 * The accounts of the contract in ARCHITECTURE.md come first. New people go at the end, so the ids of
 * those seeded before them stay what they were.
 */
export const DEMO_PEOPLE: DemoPerson[] = [
  {
    email: "fasilitator@digdir.example",
    name: "Ingrid Fasilitator",
    agency: "digdir",
    role: "facilitator",
    responsibility: "Fasilitator for nettverket: møter, referater og tiltaksporteføljen",
  },
  {
    email: "representant@nav.example",
    name: "Nils Representant",
    agency: "nav",
    role: "representative",
    responsibility: "NAVs kontaktperson: samordnet informasjon til flyktninger",
  },
  {
    email: "representant@udi.example",
    name: "Ulla Representant",
    agency: "udi",
    role: "representative",
    responsibility: "UDIs kontaktperson: vedtak om kollektiv beskyttelse og adresse på D-nummer",
  },
  {
    email: "leder@imdi.example",
    name: "Lars Leder",
    agency: "imdi",
    role: "leader",
    responsibility: "Avdelingsdirektør bosetting, følger porteføljen",
  },
  {
    email: "deltaker@skatteetaten.example",
    name: "Dina Deltaker",
    agency: "skatteetaten",
    role: "participant",
    responsibility: "Folkeregisteret, leser referatene",
  },
  { email: "admin@digdir.example", name: "Aksel Admin", agency: "digdir", role: null, responsibility: "", isAdmin: true },

  {
    email: "kari.nordvik@digdir.example",
    name: "Kari Nordvik",
    agency: "digdir",
    role: "facilitator",
    responsibility: "Medfasilitator, tjenestekjedekart og brukerreiser",
  },
  {
    email: "erik.haugen@digdir.example",
    name: "Erik Haugen",
    agency: "digdir",
    role: "representative",
    responsibility: "eID for flyktninger (MinID/Buypass)",
  },
  {
    email: "sigrid.lunde@politiet.example",
    name: "Sigrid Lunde",
    agency: "politiet",
    role: "representative",
    responsibility: "Registrering og identitet hos Politiets utlendingsenhet",
  },
  { email: "tor.bakke@politiet.example", name: "Tor Bakke", agency: "politiet", role: "participant", responsibility: "Registreringsappen" },
  {
    email: "hanne.moe@udi.example",
    name: "Hanne Moe",
    agency: "udi",
    role: "leader",
    responsibility: "Seksjonssjef, vedtak om kollektiv beskyttelse",
  },
  {
    email: "jonas.berg@udi.example",
    name: "Jonas Berg",
    agency: "udi",
    role: "participant",
    responsibility: "Mottaksadresser og adresseflyt",
  },
  {
    email: "amina.hassan@imdi.example",
    name: "Amina Hassan",
    agency: "imdi",
    role: "representative",
    responsibility: "Bosettingsløsningen og anmodninger til kommunene",
  },
  { email: "ole.strand@imdi.example", name: "Ole Strand", agency: "imdi", role: "participant", responsibility: "Statistikk over bosatte" },
  {
    email: "marte.dahl@ks.example",
    name: "Marte Dahl",
    agency: "ks",
    role: "representative",
    responsibility: "Kommunenes rolle i tjenestekjeden",
  },
  {
    email: "per.olsen@ks.example",
    name: "Per Olsen",
    agency: "ks",
    role: "participant",
    responsibility: "Bergen kommune, mottak og bosetting",
  },
  {
    email: "silje.aas@skatteetaten.example",
    name: "Silje Aas",
    agency: "skatteetaten",
    role: "representative",
    responsibility: "Datakvalitet på relasjoner og adresser i Folkeregisteret",
  },
  {
    email: "bjorn.ruud@skatteetaten.example",
    name: "Bjørn Ruud",
    agency: "skatteetaten",
    role: "leader",
    responsibility: "Leder for D-nummer og identitetsforvaltning",
  },
  {
    email: "camilla.vik@nav.example",
    name: "Camilla Vik",
    agency: "nav",
    role: "participant",
    responsibility: "Flyktninger i arbeid, produksjonstall",
  },
  {
    email: "henrik.eide@nav.example",
    name: "Henrik Eide",
    agency: "nav",
    role: "leader",
    responsibility: "Direktør for ytelser, følger porteføljen",
  },
  {
    email: "live.knutsen@hdir.example",
    name: "Live Knutsen",
    agency: "hdir",
    role: "representative",
    responsibility: "Helse – barn, fastlege og vaksiner",
  },
  {
    email: "anders.lie@fhi.example",
    name: "Anders Lie",
    agency: "fhi",
    role: "participant",
    responsibility: "Smittevern og helseinformasjon",
  },
  { email: "nora.sandvik@dfo.example", name: "Nora Sandvik", agency: "dfo", role: "representative", responsibility: "Betalingskortet" },
  {
    email: "kristian.holm@dfo.example",
    name: "Kristian Holm",
    agency: "dfo",
    role: "participant",
    responsibility: "Utbetalinger og økonomi",
  },
  {
    email: "eva.solberg@bufdir.example",
    name: "Eva Solberg",
    agency: "bufdir",
    role: "participant",
    responsibility: "Enslige mindreårige og barnevern",
  },
  {
    email: "thomas.nilsen@bufdir.example",
    name: "Thomas Nilsen",
    agency: "bufdir",
    role: "representative",
    responsibility: "Helse – barn, samarbeid med Hdir",
  },
  {
    email: "virksomhetsadmin@nav.example",
    name: "Nina Administrator",
    agency: "nav",
    role: "agency_admin",
    responsibility: "Virksomhetsadministrator for NAV: gir og fjerner tilgang for NAVs folk",
  },
];
