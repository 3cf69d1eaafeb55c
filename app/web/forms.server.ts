import { data } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey, type Translate } from "~/i18n";
import { decodeMessage } from "./validation";

export type FieldErrors = Record<string, string>;

/** Turns zod issues into one translated message per field (the first issue of each field). */
export function fieldErrors(error: z.ZodError, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    // `intent` is no field a person fills in; a bad one is shown as an error of the whole form.
    const field = issue.path.length > 0 && issue.path[0] !== "intent" ? issue.path.map(String).join(".") : "form";
    if (errors[field]) continue;
    const { key, params } = decodeMessage(issue.message);
    errors[field] = isMessageKey(key) ? t(key, params) : t("validation.invalid");
  }
  return errors;
}

/** Reads a form into a plain object: repeated fields become arrays, files are ignored. */
export function formToObject(form: FormData | URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, form: FormData | URLSearchParams, t: Translate): ParseResult<z.output<S>> {
  const result = schema.safeParse(formToObject(form));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrors(result.error, t) };
}

/** The 400 answer for a form with errors; the page shows them by its fields. */
export function invalid(errors: FieldErrors, values?: Record<string, unknown>) {
  return data({ ok: false as const, errors, values: values ?? {} }, { status: 400 });
}
