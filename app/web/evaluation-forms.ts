/** zod schemas of the evaluation forms, shared by the routes that take them. */
import { z } from "zod";
import { themesFromText } from "~/utils/evaluation-answers";
import { ROLES } from "~/utils/roles";
import { idField, msg, optionalText, requiredText } from "./validation";

const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");
const list = <T extends z.ZodType<unknown, string>>(item: T, max = 100) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(item).max(max));
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

/** The answer form: the fields named q<question id> that were filled in, each a short string (the model checks the rest). */
export const AnswerSchema = z.preprocess(
  (form) =>
    Object.fromEntries(
      Object.entries(form as Record<string, string | string[]>)
        .map(([name, value]) => [name, Array.isArray(value) ? value.filter(Boolean).at(-1) : value] as const)
        .filter(([name, value]) => /^q\d+$/.test(name) && value),
    ),
  z.record(z.string().regex(/^q\d{1,9}$/), z.string().max(4000, msg("validation.tooLong", { max: 4000 }))),
);

/** Themes of one free-text answer in the report, typed as a comma-separated list. */
export const TagSchema = z.object({
  answerId: z.string().regex(/^[0-9a-f]{32}$/),
  themes: z.string().max(300).transform(themesFromText),
});

/** The questions whose results are shared with the members (none: the sharing ends). */
export const ShareSchema = z.object({
  questionId: list(
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
    200,
  ),
});
