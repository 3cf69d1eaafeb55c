/**
 * The one shape every action answers with, read the same way by every page: `ok`, the `intent`
 * the form posted ("" for a form with one purpose), a success `message`, `errors` by field (the
 * whole form's under `form`), what the person typed in `values` to fill the form again, and a
 * `value` when the page needs more (the measure just made, the text a conflict found).
 * Built on the server by app/web/actions.server.ts.
 */
export type FieldErrors = Record<string, string>;

export interface Answer<V = unknown> {
  ok: boolean;
  intent: string;
  message: string | null;
  errors: FieldErrors;
  values?: Record<string, string | string[]>;
  value?: V;
}

type Answered = Pick<Answer, "intent" | "errors" | "message" | "ok"> | null | undefined;

/** The field errors of the answer to one form of the page (all of them when no intent is given). */
export function errorsOf(answer: Answered, intent?: string): FieldErrors {
  if (!answer || (intent !== undefined && answer.intent !== intent)) return {};
  return answer.errors ?? {};
}

/** The success message of the answer to one form of the page. */
export function messageOf(answer: Answered, intent?: string): string | null {
  if (!answer || !answer.ok || (intent !== undefined && answer.intent !== intent)) return null;
  return answer.message;
}
