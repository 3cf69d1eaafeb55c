import { data } from "@remix-run/node";
import { ConflictError, DamagedMapError, DomainValidationError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { isMessageKey, type Translate } from "~/i18n";
import { loadConfig } from "~/utils/config.server";

/** Throws the HTTP answer a model error stands for; anything else is rethrown as it is. */
export function throwHttpError(error: unknown): never {
  if (error instanceof NotFoundError) throw data(null, { status: 404 });
  if (error instanceof ForbiddenError) throw data(null, { status: 403 });
  if (error instanceof DamagedMapError) throw data(null, { status: 409 });
  throw error;
}

/**
 * A loader's model calls, with the model's typed errors as pages: not found 404, forbidden 403, a
 * damaged map 409. The models are synchronous (better-sqlite3), so this is too.
 */
export function orHttpError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    throwHttpError(error);
  }
}

export type ModelResult<T> = { ok: true; value: T } | { ok: false; status: 400 | 409; errors: Record<string, string>; current?: unknown };

/**
 * Runs a model call. Not found / forbidden are thrown as 404 / 403; a broken domain rule comes back
 * as a 400 with the message on its field, a conflict as a 409 with the message on the whole form
 * and what is there now (returned, not thrown, so the form shows them). See actions.server.ts.
 */
export async function runModel<T>(t: Translate, call: () => T | Promise<T>): Promise<ModelResult<Awaited<T>>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof DomainValidationError) {
      const message = isMessageKey(error.messageKey) ? t(error.messageKey, error.params) : t("validation.invalid");
      return { ok: false, status: 400, errors: { [error.field]: message } };
    }
    if (error instanceof ConflictError) {
      const message = isMessageKey(error.messageKey) ? t(error.messageKey, error.params) : t("validation.invalid");
      return { ok: false, status: 409, errors: { form: message }, current: error.current };
    }
    throwHttpError(error);
  }
}

/** The portal's own address for links in emails: PUBLIC_URL, or the origin the request came to. */
export function baseUrl(request: Request): string {
  return loadConfig().publicUrl ?? new URL(request.url).origin;
}

/** A numeric id from the URL; anything else is a 404 (the page does not exist). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw data(null, { status: 404 });
  return id;
}
