import { data } from "@remix-run/node";
import { DamagedMapError, DomainValidationError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { isMessageKey, type Translate } from "~/i18n";

/** Throws the HTTP answer a model error stands for; anything else is rethrown as it is. */
export function throwHttpError(error: unknown): never {
  if (error instanceof NotFoundError) throw data(null, { status: 404 });
  if (error instanceof ForbiddenError) throw data(null, { status: 403 });
  if (error instanceof DamagedMapError) throw data(null, { status: 409 });
  throw error;
}

/**
 * Runs a model call; not found / forbidden become 404 / 403, and a broken domain rule becomes a 400
 * with the message on its field (returned, not thrown, so the form shows it).
 */
export async function runModel<T>(
  t: Translate,
  call: () => T | Promise<T>,
): Promise<{ ok: true; value: Awaited<T> } | { ok: false; errors: Record<string, string> }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof DomainValidationError) {
      const message = isMessageKey(error.messageKey) ? t(error.messageKey, error.params) : t("validation.invalid");
      return { ok: false, errors: { [error.field]: message } };
    }
    throwHttpError(error);
  }
}

/** The portal's own address for links in emails: PUBLIC_URL, or the origin the request came to. */
export function baseUrl(request: Request): string {
  const configured = process.env.PUBLIC_URL?.trim().replace(/\/+$/, "");
  return configured || new URL(request.url).origin;
}

/** A numeric id from the URL; anything else is a 404 (the page does not exist). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw data(null, { status: 404 });
  return id;
}
