/**
 * Audit entries are stored as a catalogue message and its values, so each reader sees them in
 * their own language. A value written as "@" and a message key (for example "@phase.execution") is
 * itself translated when the entry is shown; every other value is shown as it is (names, titles, dates).
 */
import { LOCALES, isMessageKey, translator, type MessageKey, type Translate } from "~/i18n";
import { foldText } from "~/utils/search-text";

type AuditKey = Extract<MessageKey, `audit.msg.${string}`>;

export interface AuditMessage {
  key: AuditKey;
  params?: Record<string, string | number>;
}

/** A value shown as the catalogue's words for it: `term("phase.execution")`. */
export const term = (key: MessageKey) => `@${key}`;

/** A shortened text for an entry (titles and notes people typed). */
export const clip = (text: string, max = 150) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function renderAuditMessage(t: Translate, message: AuditMessage): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    const key = typeof value === "string" && value.startsWith("@") ? value.slice(1) : null;
    params[name] = isMessageKey(key) ? t(key) : value;
  }
  return t(message.key, params);
}

/** The entry in every language, folded, so the log finds what a person types in either. */
export function auditSearchText(message: AuditMessage): string {
  return foldText(LOCALES.map((locale) => renderAuditMessage(translator(locale), message)).join(" \n "));
}
