/** zod schemas of the figure forms, shared by the routes that take them. */
import { z } from "zod";
import { CADENCES, JOURNEY_STAGES, parseNumber } from "~/utils/figures";
import { idField, msg, optionalDate, optionalText, requiredText } from "./validation";

export const MetricSchema = z.object({
  name: requiredText(120),
  description: optionalText(1000),
  unit: requiredText(40),
  stage: z.enum(JOURNEY_STAGES, { error: msg("figures.stageInvalid") }),
  agencyId: idField("validation.agency"),
  cadence: z.enum(CADENCES, { error: msg("figures.cadenceInvalid") }),
  threshold: z.coerce
    .number({ error: msg("figures.thresholdInvalid") })
    .int(msg("figures.thresholdInvalid"))
    .min(0, msg("figures.thresholdInvalid"))
    .max(1000, msg("figures.thresholdInvalid")),
  inFlow: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

export const FigureEntrySchema = z.object({
  metricId: idField("figures.metricUnknown"),
  period: requiredText(30),
  value: z
    .string({ error: msg("validation.required") })
    .trim()
    .min(1, msg("validation.required"))
    .max(30, msg("figures.valueNotNumber"))
    .transform((v, ctx) => {
      const n = parseNumber(v);
      if (n === null) {
        ctx.addIssue({ code: "custom", message: msg("figures.valueNotNumber") });
        return z.NEVER;
      }
      return n;
    })
    .pipe(z.number().min(0, msg("figures.valueNegative")).max(1e12, msg("figures.valueTooLarge"))),
  comment: optionalText(500),
});

export const PublishSchema = z.object({
  figureId: z
    .union([z.string(), z.array(z.string())], { error: msg("figures.publishNone") })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^\d{1,9}$/, msg("validation.invalid"))
            .transform(Number),
        )
        .min(1, msg("figures.publishNone"))
        .max(5000),
    ),
});

/** Periods locked through a date; no date unlocks them all. */
export const LockSchema = z.object({ through: optionalDate().transform((v) => v || null) });
