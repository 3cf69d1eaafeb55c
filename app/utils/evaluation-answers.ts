/**
 * What the evaluation forms send, turned into what the evaluation model stores. Client-safe leaf
 * helpers, so the rules can be tested without a database.
 */
export type QuestionKind = "likert" | "text";

export interface AnswerInput {
  questionId: number;
  /** 1–5, or "dontKnow" where the question allows it. */
  value?: number | "dontKnow";
  text?: string;
}

/**
 * The answer form's fields (`q<question id>` → "1"–"5" or "dontKnow" for a scale question, the text
 * for a free-text one) as answers. A scale value that is no single digit becomes -1 and a field
 * whose question the survey does not have is read as a scale answer, so the model refuses both
 * (out of range, unknown question) rather than this function dropping them.
 */
export function answersFromFields(fields: Record<string, string>, kinds: ReadonlyMap<number, QuestionKind>): AnswerInput[] {
  return Object.entries(fields).map(([name, value]) => {
    const questionId = Number(name.slice(1));
    if (kinds.get(questionId) === "text") return { questionId, text: value };
    return { questionId, value: value === "dontKnow" ? "dontKnow" : /^\d$/.test(value) ? Number(value) : -1 };
  });
}

export const MAX_THEMES = 5;
export const MAX_THEME_LENGTH = 60;

/** Themes typed as a comma-separated list: each trimmed and cut to 60 characters, empty ones dropped, at most five. */
export function themesFromText(text: string): string[] {
  return text
    .split(",")
    .map((theme) => theme.trim().slice(0, MAX_THEME_LENGTH))
    .filter(Boolean)
    .slice(0, MAX_THEMES);
}
