/**
 * Building blocks for zod schemas whose error messages are i18n keys ("validation.tooLong|max=200"),
 * so that one schema serves the server (translated field errors) and, where wanted, the client.
 */
import { z } from "zod";
import { ROLES } from "~/utils/roles";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** A message key with parameters, encoded in the zod message string. */
export function msg(key: string, params?: Record<string, string | number>) {
  if (!params) return key;
  return `${key}|${Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join("|")}`;
}

export function decodeMessage(message: string): { key: string; params: Record<string, string> } {
  const [key, ...rest] = message.split("|");
  const params: Record<string, string> = {};
  for (const part of rest) {
    const at = part.indexOf("=");
    if (at > 0) params[part.slice(0, at)] = part.slice(at + 1);
  }
  return { key, params };
}

/** Required single-line text, trimmed. */
export function requiredText(max: number) {
  return z
    .string({ error: msg("validation.required") })
    .trim()
    .min(1, msg("validation.required"))
    .max(max, msg("validation.tooLong", { max }));
}

/** Optional text: a missing field becomes "". */
export function optionalText(max: number) {
  return z
    .string({ error: msg("validation.invalid") })
    .trim()
    .max(max, msg("validation.tooLong", { max }))
    .optional()
    .transform((v) => v ?? "");
}

/** Email, trimmed and lower-cased so the same address always matches the same account. */
export function emailField() {
  return z
    .string({ error: msg("validation.required") })
    .trim()
    .min(1, msg("validation.required"))
    .max(254, msg("validation.tooLong", { max: 254 }))
    .toLowerCase()
    .pipe(z.email({ error: msg("validation.email") }));
}

// A short list of the passwords people pick first; a real breach list would be better, but this
// alone stops the worst ones. Lower-case comparison.
const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "passord",
  "passord123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "qwerty1234",
  "asdfghjkl1",
  "iloveyou12",
  "sommer2022",
  "sommer2023",
  "sommer2024",
  "vinter2022",
  "vinter2023",
  "welcome123",
  "velkommen1",
  "velkommen123",
  "administrator",
  "samhandling",
  "abcdefghij",
  "0123456789",
  "1111111111",
  "letmein123",
]);

export function newPasswordField() {
  return z
    .string({ error: msg("validation.required") })
    .min(PASSWORD_MIN, msg("validation.passwordShort", { min: PASSWORD_MIN }))
    .max(PASSWORD_MAX, msg("validation.passwordLong", { max: PASSWORD_MAX }))
    .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), msg("validation.passwordCommon"));
}

export function roleField() {
  return z.enum(ROLES, { error: msg("validation.role") });
}

/** A positive integer id from a form or URL. */
export function idField(key = "validation.invalid") {
  return z.coerce
    .number({ error: msg(key) })
    .int(msg(key))
    .positive(msg(key));
}

/** An optional id from a select: "" (nothing chosen) or a positive integer. */
export function optionalId(key = "validation.invalid") {
  return z.union([z.literal(""), z.coerce.number().int().positive()], { error: msg(key) }).optional();
}

/** An optional date from a date field: "" or YYYY-MM-DD. */
export function optionalDate(key = "validation.date") {
  return z.union([z.literal(""), z.iso.date({ error: msg(key) })], { error: msg(key) }).optional();
}

/** An optional role from a select or a filter: "" (any role) or one of the roles. */
export function optionalRole() {
  return z.union([z.literal(""), roleField()]).optional();
}
