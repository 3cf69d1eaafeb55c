import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Checkbox, Fieldset, Heading, Link, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { BarFigure } from "~/components/measures/dashboard-charts";
import { CsvLink, NumbersTable } from "~/components/figures/numbers-table";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { SuccessMessage } from "~/components/ui/success-message";
import { LANGUAGE_TAGS } from "~/i18n";
import { useI18n } from "~/i18n/use-t";
import { shareResults, surveyReport, tagAnswer } from "~/models/evaluations.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { ShareSchema, TagSchema } from "~/web/evaluation-forms";
import { parseForm } from "~/web/forms.server";
import { idParam, orHttpError } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evaluations.report");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "evaluations.view");
  const surveyId = idParam(params.surveyId);
  return orHttpError(() => {
    return { slug: actor.networkSlug, ...surveyReport({ actor, surveyId }) };
  });
}

const ActionSchema = z.discriminatedUnion("intent", [
  TagSchema.extend({ intent: z.literal("tag") }),
  ShareSchema.extend({ intent: z.literal("share") }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "evaluations.manage");
  const surveyId = idParam(params.surveyId);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "tag") {
    const { answerId, themes } = input;
    return answer(t, () => tagAnswer({ actor, surveyId, answerId, themes }), { intent, message: t("evaluations.tagged") });
  }
  const questionIds = input.questionId;
  const message = t(questionIds.length > 0 ? "evaluations.shared" : "evaluations.unshared");
  return answer(t, () => shareResults({ actor, surveyId, questionIds }), { intent, message });
}

export default function Report() {
  const { t, locale } = useI18n();
  const r = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const number = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 0 });
  const base = `/n/${r.slug}/evaluations/${r.survey.id}`;
  return (
    <Page title={t("evaluations.reportTitle", { title: r.survey.title })}>
      <Paragraph className="no-print">
        <Link asChild>
          <RemixLink to={base}>{t("evaluations.backToSurvey")}</RemixLink>
        </Link>
      </Paragraph>
      <SuccessMessage message={messageOf(actionData)} />
      <FormErrors errors={errorsOf(actionData)} />
      <Paragraph data-testid="report-rate">
        <strong>{t("evaluations.rate", { count: r.responses, invited: r.survey.invitedCount })}</strong>
      </Paragraph>
      {!r.ready ? (
        <Alert data-color="info" data-testid="report-hidden">
          {r.phase === "closed"
            ? t("evaluations.hiddenBelowMinimum", { min: r.survey.minResponses })
            : t("evaluations.hiddenWhileOpen", { min: r.survey.minResponses })}
        </Alert>
      ) : (
        <>
          <div className="row no-print">
            <Button type="button" variant="secondary" onClick={() => window.print()}>
              {t("evaluations.print")}
            </Button>
            {r.canManage ? <CsvLink href={`${base}/report.csv`} label={t("evaluations.csv")} /> : null}
          </div>
          <section aria-labelledby="likert" className="stack">
            <Heading level={2} data-size="sm" id="likert">
              {t("evaluations.scaleQuestions")}
            </Heading>
            <NumbersTable
              caption={t("evaluations.scaleQuestions")}
              columns={[
                t("evaluations.question"),
                t("evaluations.average"),
                t("evaluations.topTwo"),
                t("evaluations.answeredCount"),
                t("evaluations.dontKnow"),
              ]}
              numeric={[1, 2, 3, 4]}
              rows={r.likert.map((l) => [
                l.question.text,
                l.average === null ? "–" : number.format(l.average),
                l.topTwo === null ? "–" : `${percent.format(l.topTwo)} %`,
                l.answered,
                l.dontKnow,
              ])}
            />
            <div className="charts">
              {r.likert.map((l) => (
                <Card key={l.question.id} className="stack-sm">
                  <Heading level={3} data-size="2xs">
                    {l.question.text}
                  </Heading>
                  <Paragraph data-size="sm">
                    {t("evaluations.averageLine", {
                      average: l.average === null ? "–" : number.format(l.average),
                      top: l.topTwo === null ? "–" : percent.format(l.topTwo),
                    })}
                  </Paragraph>
                  <BarFigure
                    label={t("evaluations.distributionOf", { question: l.question.text })}
                    data={l.distribution.map((count, i) => ({ name: String(i + 1), value: count }))}
                  />
                  <NumbersTable
                    caption={t("evaluations.distributionOf", { question: l.question.text })}
                    columns={[t("evaluations.value"), t("evaluations.count")]}
                    numeric={[1]}
                    rows={[
                      ...l.distribution.map((count, i) => [
                        i === 0 && l.question.lowLabel
                          ? `1 – ${l.question.lowLabel}`
                          : i === 4 && l.question.highLabel
                            ? `5 – ${l.question.highLabel}`
                            : String(i + 1),
                        count,
                      ]),
                      ...(l.question.allowDontKnow ? [[t("evaluations.dontKnow"), l.dontKnow]] : []),
                    ]}
                    collapsed={t("figures.showNumbers")}
                  />
                </Card>
              ))}
            </div>
          </section>
          {r.texts.map((q) => (
            <section key={q.question.id} aria-labelledby={`t-${q.question.id}`} className="stack-sm">
              <Heading level={2} data-size="sm" id={`t-${q.question.id}`}>
                {q.question.text}
              </Heading>
              <Paragraph data-size="sm">{t("evaluations.textCount", { count: q.answers.length })}</Paragraph>
              <ThemeGroups answers={q.answers} />
              {r.canManage ? (
                <details className="no-print">
                  <summary>{t("evaluations.tagAnswers")}</summary>
                  <ul className="plain-list stack-sm">
                    {q.answers.map((a) => (
                      <li key={a.id} id={`a-${a.id}`}>
                        <Form method="post" className="row" preventScrollReset>
                          <input type="hidden" name="intent" value="tag" />
                          <input type="hidden" name="answerId" value={a.id} />
                          <span className="answer-text">«{a.text}»</span>
                          <Textfield
                            name="themes"
                            label={t("evaluations.themes")}
                            data-size="sm"
                            defaultValue={a.themes.join(", ")}
                            maxLength={300}
                          />
                          <Button
                            type="submit"
                            variant="secondary"
                            data-size="sm"
                            aria-label={t("evaluations.saveThemesFor", { text: a.text.slice(0, 40) })}
                          >
                            {t("evaluations.saveThemes")}
                          </Button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </section>
          ))}
          {r.canManage ? (
            <Form method="post" className="form no-print" data-testid="share-form">
              <input type="hidden" name="intent" value="share" />
              <Fieldset>
                <Fieldset.Legend>{t("evaluations.shareTitle")}</Fieldset.Legend>
                <Fieldset.Description>
                  {r.survey.resultsShared ? t("evaluations.sharedNow") : t("evaluations.notSharedYet")}
                </Fieldset.Description>
                {r.questions.map((q) => (
                  <Checkbox
                    key={q.id}
                    name="questionId"
                    value={String(q.id)}
                    defaultChecked={r.survey.resultsShared ? q.shared : true}
                    label={q.text}
                  />
                ))}
              </Fieldset>
              <div>
                <Button type="submit">{t("evaluations.share")}</Button>
              </div>
            </Form>
          ) : null}
        </>
      )}
    </Page>
  );
}

/** Free-text answers grouped by the facilitator's themes; those without a theme last. */
function ThemeGroups({ answers }: { answers: Array<{ id: string; text: string; themes: string[] }> }) {
  const { t } = useI18n();
  const themes = [...new Set(answers.flatMap((a) => a.themes))].sort((a, b) => a.localeCompare(b, "nb"));
  const untagged = answers.filter((a) => a.themes.length === 0);
  const groups = [
    ...themes.map((theme) => ({ theme, answers: answers.filter((a) => a.themes.includes(theme)) })),
    ...(untagged.length ? [{ theme: null, answers: untagged }] : []),
  ];
  return (
    <div className="stack-sm" data-testid="theme-groups">
      {groups.map((g) => (
        <div key={g.theme ?? ""} className="stack-sm">
          <Heading level={3} data-size="2xs">
            {g.theme ? <Tag data-color="info">{g.theme}</Tag> : t("evaluations.noTheme")} ({g.answers.length})
          </Heading>
          <ul className="answer-list">
            {g.answers.map((a) => (
              <li key={a.id}>{a.text}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
