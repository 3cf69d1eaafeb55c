/**
 * Demo production figures: weekly values for April–June 2022 (ISO weeks 14–26), plausible and in
 * line with shared/DOMAIN.md: UDI decided 300–400 cases a day with its robot; about 400 Ukrainian
 * refugees were in work by July (NAV). Arrivals fall through the spring while settlement in the
 * municipalities catches up. Unaccompanied minors are few, so that metric hides values below 5.
 */
export interface DemoMetric {
  name: string;
  description: string;
  unit: string;
  stage: "arrival" | "decision" | "identity" | "settlement" | "work";
  agency: string;
  cadence: "weekly" | "monthly";
  threshold: number;
  inFlow: boolean;
  values: number[];
  /** Comments on some values, by index. */
  comments?: Record<number, string>;
  /** How many of the latest values are still drafts. */
  drafts?: number;
}

/** The Mondays of ISO weeks 14–26 of 2022. */
export const DEMO_WEEKS = Array.from({ length: 13 }, (_, i) =>
  new Date(Date.UTC(2022, 3, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10),
);
export const DEMO_MONTHS = ["2022-04-01", "2022-05-01", "2022-06-01"];

const decisionsPerDay = [310, 345, 372, 390, 385, 362, 352, 338, 330, 318, 305, 301, 302];

export const DEMO_METRICS: DemoMetric[] = [
  {
    name: "Registrerte ankomster",
    description: "Personer fra Ukraina registrert av politiet (PU) per uke, også forhåndsregistrert i appen.",
    unit: "personer",
    stage: "arrival",
    agency: "politiet",
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    values: [2380, 2150, 1960, 1820, 1650, 1540, 1410, 1280, 1150, 1060, 980, 910, 860],
  },
  {
    name: "Vedtak om kollektiv beskyttelse",
    description: "Vedtak per uke. Automatisert behandling ga 300–400 vedtak om dagen.",
    unit: "vedtak",
    stage: "decision",
    agency: "udi",
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    values: decisionsPerDay.map((d) => d * 7),
    comments: { 1: "Robotbehandling i full drift" },
  },
  {
    name: "Vedtak per dag",
    description: "Gjennomsnittlig antall vedtak om kollektiv beskyttelse per dag i uken.",
    unit: "vedtak per dag",
    stage: "decision",
    agency: "udi",
    cadence: "weekly",
    threshold: 0,
    inFlow: false,
    values: decisionsPerDay,
  },
  {
    name: "D-nummer tildelt",
    description: "D-nummer i Folkeregisteret tildelt personer med kollektiv beskyttelse.",
    unit: "personer",
    stage: "identity",
    agency: "skatteetaten",
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    values: [1900, 2050, 1980, 1850, 1700, 1580, 1450, 1320, 1200, 1100, 1010, 940, 880],
    comments: { 3: "Etterslep etter systemendring" },
    drafts: 1,
  },
  {
    name: "eID utstedt",
    description: "Elektronisk ID (MinID/Buypass) utstedt til personer med D-nummer.",
    unit: "personer",
    stage: "identity",
    agency: "digdir",
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    values: [40, 85, 160, 320, 610, 890, 1020, 1090, 1040, 980, 930, 880, 850],
    comments: { 4: "Ny løsning for eID uten norsk pass i drift" },
  },
  {
    name: "Bosatt i kommune",
    description: "Personer bosatt i en kommune etter anmodning fra IMDi.",
    unit: "personer",
    stage: "settlement",
    agency: "imdi",
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    values: [420, 560, 710, 830, 960, 1080, 1150, 1210, 1260, 1230, 1190, 1150, 1120],
  },
  {
    name: "Enslige mindreårige bosatt",
    description: "Enslige mindreårige under 15 år bosatt per uke. Små tall skjules for andre enn Bufdir.",
    unit: "personer",
    stage: "settlement",
    agency: "bufdir",
    cadence: "weekly",
    threshold: 5,
    inFlow: false,
    values: [2, 4, 3, 6, 5, 3, 7, 4, 2, 6, 3, 5, 4],
  },
  {
    name: "Kommuner som har bosatt",
    description: "Kommuner som har tatt imot flyktninger fra Ukraina, ved utgangen av måneden.",
    unit: "kommuner",
    stage: "settlement",
    agency: "ks",
    cadence: "monthly",
    threshold: 0,
    inFlow: false,
    values: [182, 276, 331],
  },
  {
    name: "Flyktninger fra Ukraina i arbeid",
    description: "Personer med kollektiv beskyttelse registrert i arbeid (NAV), ved utgangen av uken.",
    unit: "personer",
    stage: "work",
    agency: "nav",
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    values: [38, 52, 70, 95, 122, 150, 182, 215, 250, 288, 325, 360, 392],
  },
];
