/** zod schemas of the measure forms, shared by the routes that take them. */
import { z } from "zod";
import { MEASURE_STATUSES, PHASES, PRIORITIES } from "~/utils/measures";
import { idField, msg, optionalDate, optionalId, optionalText, requiredText } from "./validation";

/** "" or nothing chosen is null, as the models take it. */
const orNull = <T>(v: T | "" | undefined): T | null => (v === "" || v === undefined ? null : v);

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

/** The version of the measure the person saw, so a change after someone else's is refused (409). */
const version = z.coerce.number().int().min(1);
const meetingId = optionalId("measures.unknownMeeting").transform(orNull);

export const MeasureFields = {
  title: requiredText(150),
  description: optionalText(4000),
  needId: optionalId("measures.unknownNeed").transform(orNull),
  responsibleAgencyId: optionalId("validation.agency").transform(orNull),
  agencyIds: ids,
  nextStep: optionalText(500),
  status: z.enum(MEASURE_STATUSES, { error: msg("validation.invalid") }),
  priority: z.enum(PRIORITIES, { error: msg("validation.invalid") }),
  startDate: optionalDate().transform(orNull),
  endDate: optionalDate().transform(orNull),
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

/** A move to another phase, on the measure's own page (the board adds which measure: BoardMoveSchema). */
export const MoveSchema = z.object({
  intent: z.literal("move"),
  phase: z.enum(PHASES, { error: msg("measures.unknownPhase") }),
  note: optionalText(300),
  meetingId,
  version,
});

export const BoardMoveSchema = MoveSchema.extend({ measureId: idField() });

/** The measure's next step and status, with a note and the meeting that decided it. */
export const ProgressSchema = z.object({
  intent: z.literal("progress"),
  nextStep: optionalText(500),
  status: z.enum(MEASURE_STATUSES, { error: msg("validation.invalid") }),
  note: optionalText(300),
  meetingId,
  version,
});

/** A facilitator's edit of the measure's details. */
export const EditSchema = z.object({ intent: z.literal("edit"), ...MeasureFields, version });
