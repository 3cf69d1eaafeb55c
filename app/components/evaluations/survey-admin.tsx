import { Form, Link as RemixLink } from "@remix-run/react";
import { Button, Card, Checkbox, Fieldset, Heading, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useState } from "react";
import { FormErrors } from "~/components/ui/form-errors";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { ROLES } from "~/utils/roles";
import type { Question } from "./answer-form";

interface SurveyView {
  slug: string;
  survey: {
    id: number;
    title: string;
    intro: string;
    minResponses: number;
    invitedCount: number;
    reminderSentAt: string | Date | null;
    closesOn: string | null;
  };
  questions: Question[];
  phase: "draft" | "scheduled" | "open" | "closed";
  responses: number;
  reportReady: boolean;
  agencies: Array<{ id: number; name: string; shortName: string }>;
}

const todayPlus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** What a facilitator does with a survey: build it while a draft, open, remind, close, reopen, copy. */
export function SurveyAdmin({ d, errors, busy }: { d: SurveyView; errors: Record<string, string>; busy: boolean }) {
  const { t, dateTime } = useI18n();
  const [kind, setKind] = useState<"likert" | "text">("likert");
  const base = `/n/${d.slug}/evaluations/${d.survey.id}`;
  const intent = (name: string) => <input type="hidden" name="intent" value={name} />;
  // The question form shows the Likert fields for Likert questions only.
  useEffect(() => {
    const select = document.getElementById("kind") as HTMLSelectElement | null;
    if (!select) return;
    const onChange = () => setKind(select.value === "text" ? "text" : "likert");
    select.addEventListener("change", onChange);
    return () => select.removeEventListener("change", onChange);
  }, [d.phase]);
  return (
    <Card className="stack" data-testid="survey-admin">
      <Heading level={2} data-size="sm">
        {t("evaluations.manage")}
      </Heading>
      <FormErrors errors={errors} />
      {d.phase !== "draft" ? (
        <Paragraph data-testid="response-rate">
          <strong>{t("evaluations.rate", { count: d.responses, invited: d.survey.invitedCount })}</strong>
          {d.survey.reminderSentAt ? ` · ${t("evaluations.remindedAt", { at: dateTime(d.survey.reminderSentAt) })}` : ""}
        </Paragraph>
      ) : null}

      {d.phase === "draft" ? (
        <>
          <Form method="post" className="form" noValidate>
            {intent("update")}
            <Textfield
              id="title"
              name="title"
              label={t("evaluations.title")}
              defaultValue={d.survey.title}
              maxLength={200}
              error={errors.title}
            />
            <Textfield
              id="intro"
              name="intro"
              label={t("evaluations.intro")}
              multiline
              rows={3}
              defaultValue={d.survey.intro}
              maxLength={2000}
              error={errors.intro}
            />
            <Textfield
              id="minResponses"
              name="minResponses"
              type="number"
              min={3}
              max={100}
              label={t("evaluations.minResponses")}
              description={t("evaluations.minResponsesHelp")}
              defaultValue={String(d.survey.minResponses)}
              error={errors.minResponses}
            />
            <div>
              <Button type="submit" variant="secondary">
                {t("evaluations.saveSurvey")}
              </Button>
            </div>
          </Form>

          <Heading level={3} data-size="xs">
            {t("evaluations.questions")}
          </Heading>
          {d.questions.length === 0 ? (
            <Paragraph>{t("evaluations.noQuestionsYet")}</Paragraph>
          ) : (
            <div className="table-wrap">
              <Table data-size="sm">
                <caption className="visually-hidden">{t("evaluations.questions")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("evaluations.section")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("evaluations.question")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("evaluations.kind")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("evaluations.change")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {d.questions.map((q, i) => (
                    <Table.Row key={q.id}>
                      <Table.Cell>{q.section}</Table.Cell>
                      <Table.Cell>{q.text}</Table.Cell>
                      <Table.Cell>{t(`evaluations.kind.${q.kind}`)}</Table.Cell>
                      <Table.Cell>
                        <div className="row">
                          <Form method="post" className="row">
                            {intent("moveQuestion")}
                            <input type="hidden" name="questionId" value={q.id} />
                            {i > 0 ? (
                              <Button
                                type="submit"
                                name="direction"
                                value="up"
                                variant="tertiary"
                                data-size="sm"
                                aria-label={t("evaluations.moveUp", { question: q.text })}
                              >
                                ↑
                              </Button>
                            ) : null}
                            {i < d.questions.length - 1 ? (
                              <Button
                                type="submit"
                                name="direction"
                                value="down"
                                variant="tertiary"
                                data-size="sm"
                                aria-label={t("evaluations.moveDown", { question: q.text })}
                              >
                                ↓
                              </Button>
                            ) : null}
                          </Form>
                          <Form method="post">
                            {intent("deleteQuestion")}
                            <input type="hidden" name="questionId" value={q.id} />
                            <Button
                              type="submit"
                              variant="tertiary"
                              data-color="danger"
                              data-size="sm"
                              aria-label={t("evaluations.deleteQuestion", { question: q.text })}
                            >
                              {t("maps.delete")}
                            </Button>
                          </Form>
                        </div>
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}

          <Form method="post" className="form" noValidate>
            {intent("addQuestion")}
            <Fieldset>
              <Fieldset.Legend>{t("evaluations.addQuestion")}</Fieldset.Legend>
              <Textfield
                id="section"
                name="section"
                label={t("evaluations.section")}
                description={t("evaluations.sectionHelp")}
                defaultValue={d.questions.at(-1)?.section ?? ""}
                maxLength={120}
                error={errors.section}
              />
              <SelectField
                id="kind"
                name="kind"
                label={t("evaluations.kind")}
                defaultValue={kind}
                options={[
                  { value: "likert", label: t("evaluations.kind.likert") },
                  { value: "text", label: t("evaluations.kind.text") },
                ]}
              />
              <Textfield id="text" name="text" label={t("evaluations.question")} maxLength={500} error={errors.text} />
              {kind === "likert" ? (
                <>
                  <Textfield
                    id="lowLabel"
                    name="lowLabel"
                    label={t("evaluations.lowLabel")}
                    defaultValue={t("evaluations.lowDefault")}
                    maxLength={60}
                  />
                  <Textfield
                    id="highLabel"
                    name="highLabel"
                    label={t("evaluations.highLabel")}
                    defaultValue={t("evaluations.highDefault")}
                    maxLength={60}
                  />
                  <Checkbox id="allowDontKnow" name="allowDontKnow" label={t("evaluations.allowDontKnow")} />
                </>
              ) : null}
            </Fieldset>
            <div>
              <Button type="submit" variant="secondary">
                {t("evaluations.addQuestionButton")}
              </Button>
            </div>
          </Form>
          <Paragraph>
            <Button asChild variant="tertiary">
              <RemixLink to={`${base}?preview=1`}>{t("evaluations.preview")}</RemixLink>
            </Button>
          </Paragraph>

          <Form method="post" className="form" noValidate>
            {intent("open")}
            <Fieldset>
              <Fieldset.Legend>{t("evaluations.openTitle")}</Fieldset.Legend>
              <Fieldset.Description>{t("evaluations.openHelp")}</Fieldset.Description>
              <Textfield
                id="opensOn"
                name="opensOn"
                type="date"
                label={t("evaluations.opensOn")}
                defaultValue={todayPlus(0)}
                error={errors.opensOn}
              />
              <Textfield
                id="closesOn"
                name="closesOn"
                type="date"
                label={t("evaluations.closesOn")}
                defaultValue={todayPlus(14)}
                error={errors.closesOn}
              />
            </Fieldset>
            <Fieldset id="audience">
              <Fieldset.Legend>{t("evaluations.audienceRoles")}</Fieldset.Legend>
              <Fieldset.Description>{t("evaluations.audienceHelp")}</Fieldset.Description>
              {ROLES.map((r) => (
                <Checkbox key={r} name="roles" value={r} label={t(`role.${r}`)} />
              ))}
            </Fieldset>
            <Fieldset>
              <Fieldset.Legend>{t("evaluations.audienceAgencies")}</Fieldset.Legend>
              <div className="checkbox-columns">
                {d.agencies.map((a) => (
                  <Checkbox key={a.id} name="agencyIds" value={String(a.id)} label={a.shortName} />
                ))}
              </div>
            </Fieldset>
            <div>
              <Button type="submit" loading={busy}>
                {t("evaluations.openButton")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}

      {d.phase === "open" || d.phase === "scheduled" ? (
        <div className="row">
          <Form method="post">
            {intent("remind")}
            <Button type="submit" variant="secondary">
              {t("evaluations.remindNow")}
            </Button>
          </Form>
          <Form method="post">
            {intent("close")}
            <Button type="submit" variant="secondary" data-color="danger">
              {t("evaluations.closeNow")}
            </Button>
          </Form>
        </div>
      ) : null}

      {d.phase === "closed" && !d.reportReady ? (
        <Form method="post" className="form" noValidate>
          {intent("reopen")}
          <Paragraph>{t("evaluations.belowMinimum", { count: d.responses, min: d.survey.minResponses })}</Paragraph>
          <Textfield
            id="reopenCloses"
            name="closesOn"
            type="date"
            label={t("evaluations.reopenUntil")}
            defaultValue={todayPlus(7)}
            error={errors.closesOn}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("evaluations.reopen")}
            </Button>
          </div>
        </Form>
      ) : null}

      <div className="row">
        {d.phase !== "draft" ? (
          <Button asChild variant="secondary">
            <RemixLink to={`${base}/report`}>{t("evaluations.report")}</RemixLink>
          </Button>
        ) : null}
        <Form method="post">
          {intent("copy")}
          <Button type="submit" variant="tertiary">
            {t("evaluations.copy")}
          </Button>
        </Form>
      </div>
    </Card>
  );
}
