/**
 * The real evaluation of the Ukraine collaboration (shared/DOMAIN.md, seeds/ukraine-collaboration-
 * report.txt): sent 17 June 2022 to 63 people, 18 answered. The Likert distributions below give the
 * report's averages exactly (sums 77, 64, 76, 73, 74 over 18) and 14 of 18 (78 %) answering 4–5 on
 * question 5. Free texts are the report's own answers, some shortened.
 */
export const DEMO_SURVEY = {
  title: "Evaluering av Ukraina-samarbeidet",
  intro: "Hvordan har samarbeidet svart på behovene vi satte opp i april, og hva bør vi gjøre videre? Svarene er anonyme, også for Digdir.",
  opensOn: "2022-06-17",
  closesOn: "2022-06-28",
  invitedCount: 63,
  responses: 18,
};

const LOW = "I liten grad";
const HIGH = "I stor grad";

/** Counts of 1..5 per Likert question; each sums to 18. */
export const DEMO_LIKERT: Array<{ section: string; text: string; counts: [number, number, number, number, number] }> = [
  {
    section: "Behovene fra starten av samarbeidet",
    text: "Behov for å strukturere og forstå hindringene i ankomstfasen og identitet",
    counts: [0, 0, 3, 7, 8],
  },
  {
    section: "Behovene fra starten av samarbeidet",
    text: "Behov for å utforske helheten i integreringsfasen (NAV, IMDi, kommune)",
    counts: [0, 3, 5, 7, 3],
  },
  { section: "Behovene fra starten av samarbeidet", text: "Behov for koordinering mellom aktørene", counts: [0, 0, 3, 8, 7] },
  { section: "Behovene fra starten av samarbeidet", text: "Balansere behovet for helhet mot fart i eget arbeid", counts: [0, 1, 2, 10, 5] },
  {
    section: "Nytte",
    text: "I hvilken grad har Ukraina-samarbeidet bidratt til direkte eller indirekte nytte i din virksomhet?",
    counts: [0, 0, 4, 8, 6],
  },
];
export const LIKERT_LABELS = { low: LOW, high: HIGH };

export const DEMO_TEXTS: Array<{ section: string; text: string; answers: Array<{ text: string; theme?: string }> }> = [
  {
    section: "Nytte",
    text: "Kom gjerne med eksempler på ditt svar",
    answers: [
      { text: "Det har satt behovet for å tenke bredt på adresser på agendaen og gitt andre perspektiver på nettopp det." },
      {
        text: "Større interesse fra flere i helheten i hele brukerreisen. Større forståelse for at det må henge sammen og at det krever samarbeid.",
      },
      { text: "God nytte av innsikt i prosessene i øvrige virksomheter, det å jevnlig være oppdatert og kunne videreformidle internt." },
      { text: "Tidlig varsling av endringer hos andre aktører som påvirker data som tilflyter IMDi." },
      { text: "Bedre og raskere oversikt over status fra andre aktører. Forbedret informasjonsmateriell på Helsenorge." },
      { text: "Satt fart på arbeidet med eID for asylsøkere, som vi har strevd med å få på plass en pilot for siden 2020." },
    ],
  },
  {
    section: "Erfaringer",
    text: "Hvis vi skulle startet samarbeidet på ny, hva burde vi gjort annerledes? Hvor ser du rom for forbedringer?",
    answers: [
      {
        text: "Kartet over brukerreisen burde blitt utarbeidet umiddelbart, i fellesskap i en workshop der alle parter var med. Skille mellom «nødvendige tiltak» og «kjekt å ha»-tiltak.",
        theme: "Å jobbe sammen",
      },
      {
        text: "Hatt en liten gruppe som hadde kapasitet til å jobbe mer kontinuerlig med de tverrgående utfordringene mellom samarbeidsmøtene.",
        theme: "Å jobbe sammen",
      },
      {
        text: "Det er litt vanskelig å beholde det store bildet; diskusjonene dras ofte ned i detaljer, for eksempel om adresser og hvem som har ansvar for hva.",
        theme: "Å jobbe sammen",
      },
      {
        text: "Delt liste over hvem som er med fra ulike etater og deres rolle og ansvarsoppgaver, så det er lettere å gjenbruke kontaktene senere.",
        theme: "Å jobbe sammen",
      },
      {
        text: "Tydeliggjøre roller og ansvar mellom aktørene. Vi savner en hovedansvarlig «eier» av hele problemstillingen.",
        theme: "Organisering og styring",
      },
      {
        text: "Enda tydeligere forankring inn mot departementene på en enhetlig måte. Nå var det opp til hver enkelt aktør.",
        theme: "Organisering og styring",
      },
      {
        text: "Mer formalisert forankring i hver organisasjon og større forutsigbarhet i hvilken prioritet arbeidet får.",
        theme: "Organisering og styring",
      },
      {
        text: "Forventningsavklaring: hva vil dere bruke forumet til, hva skal vi oppnå, hva kan hver enkelt bidra med?",
        theme: "Organisering og styring",
      },
    ],
  },
  {
    section: "Erfaringer",
    text: "Hvordan vurderer du muligheten for å bruke denne typen arbeidsform for andre områder eller problemstillinger?",
    answers: [
      { text: "Opplagt nyttig i arbeidet med å realisere livshendelsene og andre tverrgående samarbeid." },
      { text: "Jo mer ting haster, jo viktigere er slike samarbeidsfora. Viktig at de som deltar har ryggdekning i egen organisasjon." },
      { text: "Ja takk, gjerne. Med tydelige rammer er dette veldig nyttig for å bli dratt ut av siloen vår." },
      {
        text: "Veldig bra med digitale møter med berørte aktører en gang i uken ved komplekse problemstillinger, og med strukturert møteledelse.",
      },
      { text: "Kan med fordel brukes ellers også, men krever da mer forankring i forkant og underveis for å bli bra." },
    ],
  },
  {
    section: "Erfaringer",
    text: "Hvordan kan arbeidsformen og resultatene skape verdi for det pågående forbedringsarbeidet i virksomhetene?",
    answers: [
      { text: "Utbredelse av eID og realisering av livshendelsen Ny i Norge." },
      { text: "Arbeidsformen har gitt oss et større nettverk på tvers av etatene, og lavere terskel for å ta kontakt." },
      {
        text: "Arbeidsformen er ok, men møtene er for store. Møtene bør spisses mot det enkelte behov og rapportere opp til et team med helhetsansvar.",
      },
      { text: "Bedre forståelse av helheten og egen virksomhets rolle i den." },
    ],
  },
  {
    section: "Videre",
    text: "Ønsker du at samarbeidet skal fortsette etter sommeren, eller er det nok å fortsette på enkelte områder? Hvilke?",
    answers: [
      { text: "Ja, gjerne innen utbredelse av eID." },
      { text: "Fortsette med helhetlig og felles informasjon, og lage en tydeligere visualisering av dataflyten for hele prosessen." },
      { text: "Situasjonsbetinget, men med dagens situasjon kan oppdateringsmøter holdes hver andre eller tredje uke." },
      { text: "Om samarbeidet skal fortsette, bør forankringen i hver virksomhet være tydeligere." },
      {
        text: "Samarbeidet på områdene som er startet opp bør fortsette, kanskje som mer bilaterale samarbeid, for eksempel om kvalitet på adresser.",
      },
    ],
  },
];
