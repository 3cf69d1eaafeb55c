/**
 * The ten meetings of the real network, 7 April to 23 June 2022, Thursdays 13:00–14:00 on Teams.
 * Agenda items, decisions and action items are drawn from the report (shared/DOMAIN.md); attendance
 * follows its pattern: 8 agencies at first, a peak of 12 organisations midway, 7–8 at the end.
 */
export interface DemoMeeting {
  date: string;
  agencies: string[];
  guests?: Array<{ name: string; agencyName: string }>;
  agenda: Array<{ title: string; presenter?: string; minutes: number; notes?: string }>;
  minutes: string;
  decisions?: string[];
  actions?: Array<{ text: string; agency?: string; due?: string; done?: boolean }>;
}

const FIRST_EIGHT = ["digdir", "politiet", "udi", "imdi", "ks", "skatteetaten", "nav", "hdir"];

export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    date: "2022-04-07",
    agencies: FIRST_EIGHT,
    agenda: [
      { title: "Velkommen og bakgrunn for samarbeidet", presenter: "digdir", minutes: 10 },
      { title: "Status fra hver virksomhet: ankomst, registrering og bosetting", minutes: 30 },
      { title: "Hvilke behov skal nettverket utforske sammen?", presenter: "digdir", minutes: 15 },
      { title: "Arbeidsform og neste møte", presenter: "digdir", minutes: 5 },
    ],
    minutes: `## Oppsummering

Åtte virksomheter deltok i det første samarbeidsmøtet. Digdir innledet om bakgrunnen: mange flyktninger fra Ukraina følger ikke den planlagte rekkefølgen ankomstsenter → registrering → vedtak om beskyttelse → bosetting i kommune, og det gir brudd mellom tjenestene.

## Behov nettverket skal utforske

1. Strukturere og forstå hindringene i ankomstfasen og identitet
2. Utforske helheten i integreringsfasen (NAV, IMDi, kommune)
3. Koordinering mellom aktørene
4. Balansere behovet for helhet mot fart i eget arbeid

## Rolle

Nettverket tar ansvar for kartlegging av forslag som ikke naturlig ivaretas av én aktør, deler informasjon på tvers og tegner opp hele flyten for å finne hindringer og muligheter.`,
    decisions: [
      "Nettverket møtes hver torsdag kl. 13–14 på Teams, med Digdir som fasilitator.",
      "De fire behovene er utgangspunktet for arbeidet.",
    ],
    actions: [
      { text: "Sende referat og presentasjoner til alle deltakere", agency: "digdir", due: "2022-04-08", done: true },
      { text: "Tegne første utkast til tjenestekjedekart for ankomstfasen", agency: "digdir", due: "2022-04-21", done: true },
    ],
  },
  {
    date: "2022-04-21",
    agencies: [...FIRST_EIGHT, "dfo"],
    agenda: [
      {
        title: "eID for flyktninger: MinID og Buypass",
        presenter: "digdir",
        minutes: 15,
        notes: "Flyktninger med D-nummer skal kunne få eID ved oppmøte på postkontor.",
      },
      { title: "Adresse på D-nummer", presenter: "udi", minutes: 15 },
      { title: "Flyt og oppdatering av adresser mellom UDI og Folkeregisteret", presenter: "skatteetaten", minutes: 20 },
      { title: "Runde rundt bordet", minutes: 10 },
    ],
    minutes: `## eID

Digdir orienterte om arbeidet med eID for flyktninger sammen med Politiet/PU og UDI. Løsningen bygger på D-nummer og personlig oppmøte med id-kontroll.

## Adresser

Manglende adresse på D-nummer gjør at brev og tjenester ikke når fram. Adresseendringer i UDIs system når ikke Folkeregisteret, og private adresser skrives som fritekst når flyktninger flytter ut av mottak.`,
    decisions: ["Digdir leder tiltaket «Flyt og oppdatering av adresser» med Politiet, UDI, Skatteetaten, IMDi og KS."],
    actions: [
      { text: "Kartlegge hvor adresser oppstår og endres i tjenestekjeden", agency: "skatteetaten", due: "2022-05-05", done: true },
      { text: "Undersøke om UDI kan registrere adresse ved tildeling av D-nummer", agency: "udi", due: "2022-05-12", done: true },
    ],
  },
  {
    date: "2022-04-28",
    agencies: [...FIRST_EIGHT, "dfo", "fhi"],
    agenda: [
      {
        title: "Samordnet informasjon til flyktninger",
        presenter: "nav",
        minutes: 20,
        notes: "Innsikt fra intervjuer med fem frivillige organisasjoner.",
      },
      { title: "Betalingskortet", presenter: "dfo", minutes: 15 },
      { title: "Status eID", presenter: "digdir", minutes: 10 },
      { title: "Tjenestekjedekart: gjennomgang av utkast", presenter: "digdir", minutes: 15 },
    ],
    minutes: `## Informasjon til flyktninger

NAV delte innsikt om hvordan flyktningene opplever å komme til Norge. Informasjonen er spredt på mange nettsteder og språk. NAV tar ansvar for tiltaket «Sammenhengende informasjon til flyktninger».

## Betalingskortet

DFØ orienterte om betalingskortet for flyktninger som ennå ikke har bankkonto.`,
    decisions: ["NAV er ansvarlig for tiltaket «Sammenhengende informasjon til flyktninger»."],
    actions: [{ text: "Samle lenker til informasjon på ukrainsk og russisk", agency: "nav", due: "2022-05-12", done: true }],
  },
  {
    date: "2022-05-05",
    agencies: [...FIRST_EIGHT, "dfo", "fhi", "bufdir"],
    guests: [{ name: "Kari Bergseth", agencyName: "Bergen kommune" }],
    agenda: [
      { title: "Bosetting: anmodninger og kommunenes kapasitet", presenter: "imdi", minutes: 20 },
      { title: "Helse – barn", presenter: "hdir", minutes: 15 },
      { title: "Kommunenes rolle i tjenestekjeden", presenter: "ks", minutes: 15 },
    ],
    minutes: `## Bosetting

IMDi orienterte om bosettingsløsningen og anmodningene til kommunene. Bergen kommune fortalte om flyktninger som har ventet 53 dager på hotell før bosetting.

## Helse – barn

Helsedirektoratet tar ansvar for tiltaket om barns helse sammen med UDI og Bufdir.`,
    decisions: ["Helsedirektoratet er ansvarlig for tiltaket «Helse – barn»."],
    actions: [{ text: "Beskrive kommunenes rolle i tjenestekjeden", agency: "ks", due: "2022-05-19" }],
  },
  {
    date: "2022-05-12",
    agencies: [...FIRST_EIGHT, "dfo", "fhi", "bufdir"],
    guests: [{ name: "Ola Nordmann", agencyName: "Oslo kommune" }],
    agenda: [
      { title: "Produksjonstall fra virksomhetene", minutes: 25 },
      { title: "Datakvalitet på relasjoner og adresser", presenter: "skatteetaten", minutes: 20 },
    ],
    minutes: "Virksomhetene delte produksjonstall. UDI fatter 300–400 vedtak om kollektiv beskyttelse om dagen.",
    decisions: ["Skatteetaten er ansvarlig for tiltaket «Datakvalitet på relasjoner og adresser»."],
  },
  {
    date: "2022-05-19",
    agencies: [...FIRST_EIGHT, "dfo", "fhi", "bufdir"],
    agenda: [
      { title: "FHIs erfaringer fra feltbesøk i Polen", presenter: "fhi", minutes: 20 },
      { title: "Status tiltakene", minutes: 25 },
    ],
    minutes: "FHI presenterte erfaringer fra feltbesøket i Polen. Rapporten er delt med deltakerne.",
  },
  {
    date: "2022-06-02",
    agencies: [...FIRST_EIGHT, "dfo", "fhi"],
    agenda: [
      { title: "eID klar for utrulling", presenter: "digdir", minutes: 15 },
      { title: "Status tiltakene", minutes: 25 },
    ],
    minutes: "eID for flyktninger er klar for utrulling; implementering gjenstår.",
    decisions: ["eID-tiltaket går over i gjennomføring."],
  },
  {
    date: "2022-06-09",
    agencies: ["digdir", "udi", "imdi", "ks", "skatteetaten", "nav", "hdir", "dfo", "fhi"],
    agenda: [
      { title: "Kommunikasjon mot allerede bosatte flyktninger", presenter: "nav", minutes: 20 },
      { title: "Evaluering av samarbeidet", presenter: "digdir", minutes: 10 },
    ],
    minutes: "Informasjonstiltaket retter nå innsatsen mot flyktninger som allerede er bosatt.",
  },
  {
    date: "2022-06-16",
    agencies: ["digdir", "udi", "imdi", "skatteetaten", "nav", "hdir", "dfo", "ks"],
    agenda: [
      { title: "Betalingskortet: videre arbeid", presenter: "dfo", minutes: 15 },
      { title: "Evalueringen er sendt ut", presenter: "digdir", minutes: 10 },
    ],
    minutes:
      "Evalueringen ble sendt ut 17. juni til 63 personer. På grunn av manglende finansiering overføres arbeidet med betalingskortet til hovedprosjektet.",
  },
  {
    date: "2022-06-23",
    agencies: ["digdir", "udi", "imdi", "skatteetaten", "nav", "ks", "politiet"],
    agenda: [
      { title: "Oppsummering og anbefalinger", presenter: "digdir", minutes: 30 },
      { title: "Veien videre etter sommeren", minutes: 20 },
    ],
    minutes: "Siste ukentlige møte. Digdir vil invitere til et oppsummerende møte i august.",
    actions: [{ text: "Invitere til oppsummerende møte i august", agency: "digdir", due: "2022-08-15" }],
  },
];
