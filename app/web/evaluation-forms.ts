/** zod schemas of the evaluation forms, shared by the routes that take them. */
import { z } from "zod";
import { ROLES } from "~/utils/roles";
import { idField, msg, optionalText, requiredText } from "./validation";

const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(item).max(100));
const date = z.iso.date({ error: msg("validation.date") });

export const SurveySchema = z.object({
  title: requiredText(200),
  intro: optionalText(2000),
  minResponses: z.coerce
    .number({ error: msg("evaluations.minInvalid") })
    .int(msg("evaluations.minInvalid"))
    .min(3, msg("evaluations.minInvalid"))
    .max(100, msg("evaluations.minInvalid")),
});

export const QuestionSchema = z.object({
  section: optionalText(120),
  kind: z.enum(["likert", "text"], { error: msg("evaluations.kindInvalid") }),
  text: requiredText(500),
  lowLabel: optionalText(60),
  highLabel: optionalText(60),
  allowDontKnow: checkbox,
});

export const OpenSchema = z
  .object({
    opensOn: date,
    closesOn: date,
    roles: list(z.enum(ROLES, { error: msg("validation.role") })),
    agencyIds: list(
      z
        .string()
        .regex(/^\d{1,9}$/, msg("validation.agency"))
        .transform(Number),
    ),
  })
  .refine((v) => v.closesOn >= v.opensOn, { message: msg("meetings.endBeforeStart"), path: ["closesOn"] });

export const ReopenSchema = z.object({ closesOn: date });

export const QuestionRefSchema = z.object({
  questionId: idField("evaluations.questionUnknown"),
  direction: z.enum(["up", "down"]).optional(),
});

/** The answer form: fields named q<question id>, each a short string (the model checks the rest). */
export const AnswerFieldsSchema = z.record(z.string().regex(/^q\d{1,9}$/), z.string().max(4000, msg("validation.tooLong", { max: 4000 })));
