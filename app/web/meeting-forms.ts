/** zod schemas of the meeting forms, shared by the routes that take them and the meeting page's handlers. */
import { z } from "zod";
import { idField, msg, optionalDate, optionalId, optionalText, requiredText } from "./validation";

/** "" or nothing (a select left at its placeholder, a date left empty) becomes null. */
const orNull = <T>(value: T | "" | undefined): T | null => (value === "" || value === undefined ? null : value);

const date = () => z.iso.date({ error: msg("validation.date") });
const time = () => z.string({ error: msg("validation.required") }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg("meetings.invalidTime"));
const url = () =>
  z
    .string()
    .trim()
    .max(500, msg("validation.tooLong", { max: 500 }))
    .refine((v) => v === "" || /^https:\/\/\S+$/i.test(v), msg("meetings.invalidUrl"))
    .optional()
    .transform((v) => v ?? "");

/** A list of ids from checkboxes or a reordered list: none, one or many (at most 500). */
export function idList() {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^\d{1,9}$/)
            .transform(Number),
        )
        .max(500),
    );
}

export const MeetingFields = {
  title: requiredText(150),
  date: date(),
  time: time(),
  durationMinutes: z.coerce
    .number({ error: msg("meetings.invalidDuration") })
    .int(msg("meetings.invalidDuration"))
    .min(15, msg("meetings.invalidDuration"))
    .max(480, msg("meetings.invalidDuration")),
  location: optionalText(200),
  onlineUrl: url(),
};

export const NewMeetingSchema = z.object({
  ...MeetingFields,
  intervalWeeks: z.enum(["0", "1", "2", "3"], { error: msg("validation.invalid") }).transform((v) => Number(v) as 0 | 1 | 2 | 3),
  untilDate: optionalDate().transform((v) => v ?? ""),
});

export const AgendaFields = {
  title: requiredText(200),
  presenterAgencyId: optionalId("validation.agency").transform(orNull),
  plannedMinutes: z.coerce
    .number({ error: msg("meetings.invalidMinutes") })
    .int(msg("meetings.invalidMinutes"))
    .min(1, msg("meetings.invalidMinutes"))
    .max(240, msg("meetings.invalidMinutes")),
  notes: optionalText(2000),
};

export const AgendaItemSchema = z.object({ itemId: idField(), ...AgendaFields, done: z.literal("on").optional() });

export const GuestSchema = z.object({ name: requiredText(120), agencyName: optionalText(120) });

export const DecisionSchema = z.object({ text: requiredText(1000) });

export const ActionItemSchema = z.object({
  text: requiredText(500),
  agencyId: optionalId("validation.agency").transform(orNull),
  assigneeUserId: optionalId("meetings.notMember").transform(orNull),
  dueDate: optionalDate().transform(orNull),
});
