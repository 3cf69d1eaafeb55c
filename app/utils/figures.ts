/**
 * Production figures, client-safe: the journey stages and cadences (db/ has its own copy), periods
 * and how a value is shown to someone outside the reporting agency.
 *
 * A period is stored as the date it starts: a week's Monday (ISO 8601 weeks) or a month's first day.
 */
export const JOURNEY_STAGES = ["arrival", "decision", "identity", "settlement", "work"] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];
export const CADENCES = ["weekly", "monthly"] as const;
export type Cadence = (typeof CADENCES)[number];

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday of ISO week `week` of `year`, as YYYY-MM-DD; null if the year has no such week. */
export function mondayOfIsoWeek(year: number, week: number): string | null {
  if (week < 1 || week > 53) return null;
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (week - 1) * 7 * DAY;
  return isoWeekOf(iso(monday)).week === week ? iso(monday) : null;
}

/** The ISO week (and its year) that a date falls in. */
export function isoWeekOf(date: string): { year: number; week: number } {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const thursday = ms + (3 - ((new Date(ms).getUTCDay() + 6) % 7)) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return { year, week };
}

function validDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && iso(ms) === text;
}

export type PeriodError = "figures.periodFormat" | "figures.periodNotMonday" | "figures.periodNotFirst" | "figures.periodFuture";

/**
 * Reads a period as people write it: weeks as "2022-W14" (also "2022-14", "uke 14 2022") or the
 * week's Monday; months as "2022-04" or the first of the month. A date inside the period but not at
 * its start is refused rather than moved, so a typo does not land in the wrong week.
 */
export function parsePeriod(input: string, cadence: Cadence, today = iso(Date.now())): { period: string } | { error: PeriodError } {
  const text = input.trim().toLowerCase();
  let period: string | null = null;
  if (cadence === "weekly") {
    // "2022-04" is not read as week 4: it too easily means April.
    const week = /^(\d{4})-?w(\d{1,2})$/.exec(text);
    const spoken = /^(?:uke|week|v)\s*(\d{1,2})[\s,/-]+(\d{4})$/.exec(text);
    if (week) period = mondayOfIsoWeek(Number(week[1]), Number(week[2]));
    else if (spoken) period = mondayOfIsoWeek(Number(spoken[2]), Number(spoken[1]));
    else if (/^\d{4}-\d{2}-\d{2}$/.test(text) && validDate(text)) {
      if (new Date(`${text}T00:00:00Z`).getUTCDay() !== 1) return { error: "figures.periodNotMonday" };
      period = text;
    }
  } else {
    const month = /^(\d{4})-(\d{1,2})$/.exec(text);
    if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) period = `${month[1]}-${pad(Number(month[2]))}-01`;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(text) && validDate(text)) {
      if (!text.endsWith("-01")) return { error: "figures.periodNotFirst" };
      period = text;
    }
  }
  if (!period) return { error: "figures.periodFormat" };
  if (period > today) return { error: "figures.periodFuture" };
  return { period };
}

/** The period before this one. */
export function previousPeriod(period: string, cadence: Cadence): string {
  if (cadence === "weekly") return iso(Date.parse(`${period}T00:00:00Z`) - 7 * DAY);
  const [y, m] = period.split("-").map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${pad(m - 1)}-01`;
}

/** How a period reads: "uke 14 2022" / "week 14 2022", "april 2022". */
export function formatPeriod(period: string, cadence: Cadence, locale: "nb" | "en"): string {
  if (cadence === "weekly") {
    const { year, week } = isoWeekOf(period);
    return `${locale === "nb" ? "uke" : "week"} ${week} ${year}`;
  }
  return new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${period}T00:00:00Z`),
  );
}

/** The form value of a period for <input type="week"> or <input type="month">. */
export function periodInputValue(period: string, cadence: Cadence): string {
  if (cadence === "monthly") return period.slice(0, 7);
  const { year, week } = isoWeekOf(period);
  return `${year}-W${pad(week)}`;
}

/**
 * A value as someone sees it. Below the metric's threshold, people outside the reporting agency see
 * "< threshold" and no number at all: the exact value never leaves the server for them.
 */
export interface ShownValue {
  value: number | null;
  suppressed: boolean;
}

export function shownValue(value: number, threshold: number, viewerIsReporter: boolean): ShownValue {
  if (!viewerIsReporter && threshold > 0 && value < threshold) return { value: null, suppressed: true };
  return { value, suppressed: false };
}

export function formatShown(shown: ShownValue, threshold: number, locale: "nb" | "en"): string {
  if (shown.suppressed) return `< ${threshold}`;
  if (shown.value === null) return "–";
  return new Intl.NumberFormat(locale === "nb" ? "nb-NO" : "en-GB", { maximumFractionDigits: 1 }).format(shown.value);
}

/** "1 234", "1234,5", "1.5" as written in Norwegian or English; null if not a plain number. */
export function parseNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return null;
  return Number(compact.replace(",", "."));
}
