/**
 * Meetings are planned in Norwegian local time. These helpers turn a local date and time in
 * Europe/Oslo into an instant and back, right across the summer-time changes.
 */
export const TIME_ZONE = "Europe/Oslo";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The local date ("2022-04-07") and time ("13:00") of an instant in Oslo. */
export function osloParts(instant: Date | number): { date: string; time: string } {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes Oslo is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: number): number {
  const { date, time } = osloParts(instant);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant of a local date and time in Oslo. */
export function osloToInstant(date: string, time: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive)) throw new RangeError(`not a date and time: ${date} ${time}`);
  // Two rounds settle the offset also on the days the clocks change.
  let instant = naive - offsetMinutes(naive) * 60_000;
  instant = naive - offsetMinutes(instant) * 60_000;
  return new Date(instant);
}

/** A calendar date plus whole days, as a date string. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date in Oslo. */
export function osloToday(now = Date.now()): string {
  return osloParts(now).date;
}
