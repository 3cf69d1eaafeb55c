import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { Translate } from "~/i18n";
import type { Answer, FieldErrors } from "./answer";
import { runModel } from "./http.server";

/**
 * Building an action's answer (see ./answer.ts for the shape). An action reads:
 * require access → parse → model call → answer.
 *
 *   const parsed = parseForm(Schema, form, t);
 *   if (!parsed.ok) return refused(parsed.errors, { intent });
 *   return answer(t, () => saveThing({ actor, ...parsed.data }), { intent, message: t("thing.saved") });
 */
interface AnswerOptions<V> {
  intent?: string;
  status?: number;
  values?: Record<string, string | string[]>;
  value?: V;
  headers?: HeadersInit;
}

/** A form that was carried out. */
export function succeeded<V = undefined>(message: string | null, options: AnswerOptions<V> = {}) {
  const body: Answer<V> = { ok: true, intent: options.intent ?? "", message, errors: {}, value: options.value };
  return data(body, { status: options.status ?? 200, headers: options.headers });
}

/** A form that changed nothing: its errors by field (400 unless another status is given). */
export function refused<V = undefined>(errors: FieldErrors, options: AnswerOptions<V> = {}) {
  const body: Answer<V> = { ok: false, intent: options.intent ?? "", message: null, errors, values: options.values, value: options.value };
  return data(body, { status: options.status ?? 400, headers: options.headers });
}

/**
 * Runs the model call and answers: its success message (or one made from its value), or the
 * typed error's message and status (400 on a field, 409 on a conflict with what is there now).
 * Not found and forbidden are thrown as 404 and 403 pages.
 */
export async function answer<T, V = Awaited<T>>(
  t: Translate,
  call: () => T | Promise<T>,
  options: Omit<AnswerOptions<never>, "value"> & {
    message: string | null | ((value: Awaited<T>) => string | null);
    value?: (value: Awaited<T>) => V;
  },
) {
  const result = await runModel(t, call);
  if (!result.ok) return refused<V>(result.errors, { ...options, status: result.status, value: result.current as V | undefined });
  const message = typeof options.message === "function" ? options.message(result.value) : options.message;
  return succeeded<V>(message, { ...options, value: options.value ? options.value(result.value) : undefined });
}

/** The intent a form posted ("" when it has none). */
export function intentOf(form: FormData): string {
  const intent = form.get("intent");
  return typeof intent === "string" ? intent : "";
}

export type Upload = { ok: true; form: FormData; file: File } | { ok: false; reason: "tooLarge" | "missing" };

/**
 * Reads a multipart form with one file field (`file`) kept in memory, refusing it before reading
 * when its stated length is already over the limit. An empty or missing file is `missing`.
 */
export async function readUpload(request: Request, maxBytes: number, slackBytes = 64 * 1024): Promise<Upload> {
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes + slackBytes) return { ok: false, reason: "tooLarge" };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch (error) {
    return { ok: false, reason: error instanceof MaxPartSizeExceededError ? "tooLarge" : "missing" };
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, reason: "missing" };
  return { ok: true, form, file };
}
