/**
 * The network's four needs and its eight measures as the report's portfolio shows them, with a
 * plausible history over April–June 2022 (moves on meeting days, next steps from the report).
 */
export const DEMO_NEEDS = [
  "Strukturere og forstå hindringene i ankomstfasen og identitet",
  "Utforske helheten i integreringsfasen (NAV, IMDi, kommune)",
  "Koordinering mellom aktørene",
  "Balansere behovet for helhet mot fart i eget arbeid",
];

type Phase = "identified" | "establishment" | "execution" | "outside";

export interface DemoMeasure {
  title: string;
  description: string;
  need: number;
  responsible: string | null;
  others: string[];
  priority: "necessary" | "nice_to_have";
  status: "on_track" | "at_risk" | "stopped";
  nextStep: string;
  created: string;
  /** Phase changes: date of the meeting, the phase moved to, and the note. */
  moves: Array<{ date: string; to: Phase; note: string }>;
}

export const DEMO_MEASURES: DemoMeasure[] = [
  {
    title: "Flyt og oppdatering av adresser",
    description:
      "Adresser oppstår og endres hos flere etater i ankomstfasen. Målet er at riktig adresse når Folkeregisteret og alle som henter derfra.",
    need: 1,
    responsible: "digdir",
    others: ["politiet", "udi", "skatteetaten", "imdi", "ks"],
    priority: "necessary",
    status: "on_track",
    nextStep: "Avklare behovet for videre arbeid og hvem som deltar/er i lead. Digdir vil invitere til et oppsummerende møte i august.",
    created: "2022-04-21",
    moves: [],
  },
  {
    title: "Sammenhengende informasjon til flyktninger",
    description: "Samordnet informasjon fra etatene på språk flyktningene forstår, samlet ett sted.",
    need: 3,
    responsible: "nav",
    others: ["udi", "imdi", "hdir", "ks", "digdir"],
    priority: "necessary",
    status: "on_track",
    nextStep: "Kommunikasjonsaktiviteter mot allerede bosatte flyktninger er fokus fremover.",
    created: "2022-04-28",
    moves: [
      { date: "2022-05-12", to: "establishment", note: "NAV tar ansvar, arbeidsgruppe etablert" },
      { date: "2022-06-02", to: "execution", note: "Felles informasjonsside publisert" },
    ],
  },
  {
    title: "Datakvalitet på relasjoner og adresser",
    description: "Relasjoner (familie) og adresser registrert ved ankomst må bli riktige i Folkeregisteret.",
    need: 1,
    responsible: "skatteetaten",
    others: ["udi"],
    priority: "necessary",
    status: "at_risk",
    nextStep: "Rette opp registrerte relasjoner; avhenger av kapasitet hos UDI.",
    created: "2022-04-21",
    moves: [{ date: "2022-05-12", to: "establishment", note: "Skatteetaten ansvarlig" }],
  },
  {
    title: "Adresse på D-nummer",
    description: "D-nummer tildeles uten adresse, så brev og tjenester når ikke fram.",
    need: 1,
    responsible: "udi",
    others: [],
    priority: "necessary",
    status: "on_track",
    nextStep: "UDI undersøker registrering av adresse ved tildeling av D-nummer.",
    created: "2022-04-21",
    moves: [{ date: "2022-05-19", to: "establishment", note: "Løsning skissert med Skatteetaten" }],
  },
  {
    title: "eID",
    description: "Elektronisk ID for flyktninger med D-nummer, utlevert ved oppmøte og id-kontroll.",
    need: 1,
    responsible: "digdir",
    others: ["politiet", "udi"],
    priority: "necessary",
    status: "on_track",
    nextStep: "eID er klar for utrulling, implementering gjenstår.",
    created: "2022-04-07",
    moves: [
      { date: "2022-04-21", to: "establishment", note: "Digdir, PU og UDI i gang" },
      { date: "2022-06-02", to: "execution", note: "eID klar for utrulling" },
    ],
  },
  {
    title: "Kommunens rolle i tjenestekjeden",
    description: "Hva kommunene trenger av data og varsler fra staten når flyktninger bosettes.",
    need: 2,
    responsible: null,
    others: ["ks"],
    priority: "nice_to_have",
    status: "on_track",
    nextStep: "Finne en ansvarlig virksomhet.",
    created: "2022-05-05",
    moves: [],
  },
  {
    title: "Helse – barn",
    description: "Helsetjenester til barn som kommer: vaksiner, helseundersøkelse, fastlege.",
    need: 2,
    responsible: "hdir",
    others: ["udi", "bufdir"],
    priority: "nice_to_have",
    status: "stopped",
    nextStep: "Avklart, ikke behov for Ukraina-flyktningene.",
    created: "2022-05-05",
    moves: [{ date: "2022-06-09", to: "outside", note: "Avklart, ikke behov for Ukraina-flyktningene" }],
  },
  {
    title: "Betalingskortet",
    description: "Betalingskort for flyktninger som ennå ikke har bankkonto.",
    need: 2,
    responsible: "dfo",
    others: ["digdir", "udi", "nav", "skatteetaten"],
    priority: "necessary",
    status: "stopped",
    nextStep: "På grunn av manglende finansiering er arbeidet overført hovedprosjektet.",
    created: "2022-04-28",
    moves: [
      { date: "2022-05-12", to: "establishment", note: "DFØ utreder" },
      { date: "2022-06-16", to: "outside", note: "Overført hovedprosjektet" },
    ],
  },
];
