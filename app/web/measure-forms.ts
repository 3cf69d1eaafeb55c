/** zod schemas of the measure forms, shared by the routes that take them. */
import { z } from "zod";
import { MEASURE_STATUSES, PHASES, PRIORITIES } from "~/utils/measures";
import { msg, optionalText, requiredText } from "./validation";

const optionalId = (key: string) =>
  z
    .union([z.literal(""), z.coerce.number().int().positive()], { error: msg(key) })
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d{1,9}$/, msg("validation.agency"))
          .transform(Number),
      )
      .max(100),
  );
const optionalDate = z
  .union([z.literal(""), z.iso.date({ error: msg("validation.date") })])
  .optional()
  .transform((v) => v || null);

export const MeasureFields = {
  title: requiredText(150),
  description: optionalText(4000),
  needId: optionalId("measures.unknownNeed"),
  responsibleAgencyId: optionalId("validation.agency"),
  agencyIds: ids,
  nextStep: optionalText(500),
  status: z.enum(MEASURE_STATUSES, { error: msg("validation.invalid") }),
  priority: z.enum(PRIORITIES, { error: msg("validation.invalid") }),
  startDate: optionalDate,
  endDate: optionalDate,
};

export const NewMeasureSchema = z
  .object({
    ...MeasureFields,
    phase: z
      .enum(PHASES, { error: msg("measures.unknownPhase") })
      .optional()
      .default("identified"),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, { message: msg("meetings.endBeforeStart"), path: ["endDate"] });
