import { Form } from "@remix-run/react";
import { Button, Fieldset, Heading, Paragraph, Radio, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-t";

export interface Question {
  id: number;
  section: string;
  kind: "likert" | "text";
  text: string;
  lowLabel: string;
  highLabel: string;
  allowDontKnow: boolean;
}

/** Consecutive questions under the same heading make a section. */
export function sections(questions: Question[]) {
  const out: Array<{ title: string; questions: Question[] }> = [];
  for (const q of questions) {
    const last = out.at(-1);
    if (last && last.title === q.section) last.questions.push(q);
    else out.push({ title: q.section, questions: [q] });
  }
  return out;
}

/**
 * The answer form: Likert questions as radio groups (1–5 with labelled ends, and "don't know" where
 * allowed), free-text questions as text areas. A draft is kept on this device only (localStorage),
 * never on the server, and forgotten once the answers are sent.
 */
export function AnswerForm({
  questions,
  draftKey,
  preview = false,
  errors = {},
  sending = false,
}: {
  questions: Question[];
  draftKey: string;
  preview?: boolean;
  errors?: Record<string, string>;
  sending?: boolean;
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const [draftNote, setDraftNote] = useState("");

  // Bring back a draft saved on this device, once, when the form first shows.
  const restoredMessage = useRef(t("evaluations.draftRestored"));
  useEffect(() => {
    if (preview || !form.current) return;
    const saved = window.localStorage.getItem(draftKey);
    if (!saved) return;
    try {
      const values = JSON.parse(saved) as Record<string, string>;
      for (const [name, value] of Object.entries(values)) {
        const fields = form.current.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
        fields.forEach((field) => {
          if (field instanceof HTMLInputElement && field.type === "radio") field.checked = field.value === value;
          else field.value = value;
        });
      }
      setDraftNote(restoredMessage.current);
    } catch {
      window.localStorage.removeItem(draftKey);
    }
  }, [draftKey, preview]);

  function saveDraft(announce: boolean) {
    if (preview || !form.current) return;
    const values: Record<string, string> = {};
    new FormData(form.current).forEach((value, name) => {
      if (typeof value === "string" && value !== "" && name.startsWith("q")) values[name] = value;
    });
    window.localStorage.setItem(draftKey, JSON.stringify(values));
    if (announce) setDraftNote(t("evaluations.draftSaved"));
  }

  return (
    <Form
      method="post"
      ref={form}
      className="stack"
      noValidate
      onChange={() => saveDraft(false)}
      onSubmit={(e) => {
        if (preview) e.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="answer" />
      {sections(questions).map((section, s) => (
        <section key={s} className="stack" aria-labelledby={section.title ? `section-${s}` : undefined}>
          {section.title ? (
            <Heading level={2} data-size="sm" id={`section-${s}`}>
              {section.title}
            </Heading>
          ) : null}
          {section.questions.map((q) =>
            q.kind === "likert" ? (
              <Fieldset key={q.id} id={`q${q.id}`} aria-invalid={errors[`q${q.id}`] ? true : undefined}>
                <Fieldset.Legend>{q.text}</Fieldset.Legend>
                <Fieldset.Description>
                  {t("evaluations.scale", {
                    low: q.lowLabel || t("evaluations.lowDefault"),
                    high: q.highLabel || t("evaluations.highDefault"),
                  })}
                </Fieldset.Description>
                <div className="likert-row">
                  {[1, 2, 3, 4, 5].map((v) => (
                    <Radio
                      key={v}
                      name={`q${q.id}`}
                      value={String(v)}
                      label={v === 1 && q.lowLabel ? `1 – ${q.lowLabel}` : v === 5 && q.highLabel ? `5 – ${q.highLabel}` : String(v)}
                    />
                  ))}
                  {q.allowDontKnow ? <Radio name={`q${q.id}`} value="dontKnow" label={t("evaluations.dontKnow")} /> : null}
                </div>
                {errors[`q${q.id}`] ? <ValidationMessage>{errors[`q${q.id}`]}</ValidationMessage> : null}
              </Fieldset>
            ) : (
              <Textfield
                key={q.id}
                id={`q${q.id}`}
                name={`q${q.id}`}
                label={q.text}
                multiline
                rows={4}
                maxLength={4000}
                error={errors[`q${q.id}`]}
              />
            ),
          )}
        </section>
      ))}
      <Paragraph data-size="sm">{t("evaluations.anonymousNote")}</Paragraph>
      <div className="row">
        <Button type="submit" disabled={preview} loading={sending}>
          {t("evaluations.send")}
        </Button>
        {preview ? null : (
          <Button type="button" variant="secondary" onClick={() => saveDraft(true)}>
            {t("evaluations.saveDraft")}
          </Button>
        )}
        <span role="status" aria-live="polite">
          {draftNote}
        </span>
      </div>
    </Form>
  );
}
