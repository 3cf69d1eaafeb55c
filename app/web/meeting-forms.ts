/** zod schemas of the meeting forms, shared by the routes that take them. */
import { z } from "zod";
import { msg, optionalText, requiredText } from "./validation";

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
  untilDate: z
    .union([z.literal(""), date()])
    .optional()
    .transform((v) => v ?? ""),
});

export const AgendaFields = {
  title: requiredText(200),
  presenterAgencyId: z
    .union([z.literal(""), z.coerce.number().int().positive()], { error: msg("validation.agency") })
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
  plannedMinutes: z.coerce
    .number({ error: msg("meetings.invalidMinutes") })
    .int(msg("meetings.invalidMinutes"))
    .min(1, msg("meetings.invalidMinutes"))
    .max(240, msg("meetings.invalidMinutes")),
  notes: optionalText(2000),
};
