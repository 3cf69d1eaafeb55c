import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert, Button, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useEffect } from "react";
import { z } from "zod";
import { AnswerForm } from "~/components/evaluations/answer-form";
import { SurveyAdmin } from "~/components/evaluations/survey-admin";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import type { Locale, MessageKey, Translate } from "~/i18n";
import { useI18n } from "~/i18n/use-t";
import {
  addQuestion,
  closeSurvey,
  copySurvey,
  deleteQuestion,
  getSurvey,
  moveQuestion,
  openSurvey,
  reopenSurvey,
  sendReminder,
  submitAnswerForm,
  updateSurvey,
} from "~/models/evaluations.server";
import { listNetworkAgencies } from "~/models/networks.server";
import type { Actor, Permission } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { AnswerSchema, OpenSchema, QuestionRefSchema, QuestionSchema, ReopenSchema, SurveySchema } from "~/web/evaluation-forms";
import { parseForm } from "~/web/forms.server";
import { baseUrl, idParam, runModel, orHttpError } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "title.evaluation", data?.survey.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "evaluations.view");
  const surveyId = idParam(params.surveyId);
  return orHttpError(() => {
    const view = getSurvey({ actor, surveyId });
    return { slug: actor.networkSlug, userId: actor.userId, ...view, agencies: view.canManage ? listNetworkAgencies({ actor }) : [] };
  });
}

/** What every intent's handler gets: the request, its form and intent, who sent it, and the survey. */
interface Sent {
  request: Request;
  form: FormData;
  intent: string;
  actor: Actor;
  t: Translate;
  locale: Locale;
  surveyId: number;
}
type Reply = ReturnType<typeof refused<unknown>> | ReturnType<typeof redirect>;
/** Who may send an intent, and what it does. */
interface Intent {
  permission: Permission;
  run(sent: Sent): Promise<Reply>;
}
type Done<T> = MessageKey | ((t: Translate, value: T) => string);

/** An intent for those who manage evaluations: its form's schema, the model call, and the words when it is done. */
function manage<S extends z.ZodType, T>(schema: S, call: (sent: Sent, input: z.output<S>) => T, done: Done<Awaited<T>>): Intent {
  return {
    permission: "evaluations.manage",
    async run(sent) {
      const { form, intent, t } = sent;
      const parsed = parseForm(schema, form, t);
      if (!parsed.ok) return refused(parsed.errors, { intent });
      return answer(t, () => call(sent, parsed.data), {
        intent,
        message: (value) => (typeof done === "function" ? done(t, value) : t(done)),
      });
    },
  };
}

const NoFields = z.object({});

/** The page's intents: answering for those invited, building and running the survey for those who manage it. */
const INTENTS = {
  answer: {
    permission: "evaluations.view",
    async run({ form, intent, t, actor, surveyId }) {
      const parsed = parseForm(AnswerSchema, form, t);
      if (!parsed.ok) return refused(parsed.errors, { intent });
      return answer(t, () => submitAnswerForm({ actor, surveyId, fields: parsed.data }), { intent, message: null });
    },
  },
  update: manage(SurveySchema, ({ actor, surveyId }, input) => updateSurvey({ actor, surveyId, ...input }), "evaluations.done.saved"),
  addQuestion: manage(
    QuestionSchema,
    ({ actor, surveyId }, input) => addQuestion({ actor, surveyId, input }),
    "evaluations.done.questionAdded",
  ),
  deleteQuestion: manage(
    QuestionRefSchema,
    ({ actor, surveyId }, { questionId }) => deleteQuestion({ actor, surveyId, questionId }),
    "evaluations.done.questionDeleted",
  ),
  moveQuestion: manage(
    QuestionRefSchema,
    ({ actor, surveyId }, { questionId, direction }) =>
      moveQuestion({ actor, surveyId, questionId, direction: direction === "up" ? -1 : 1 }),
    "evaluations.done.questionMoved",
  ),
  open: manage(
    OpenSchema,
    ({ request, actor, surveyId, locale }, { opensOn, closesOn, roles, agencyIds }) =>
      openSurvey({ actor, surveyId, opensOn, closesOn, audience: { roles, agencyIds }, baseUrl: baseUrl(request), locale }),
    "evaluations.done.opened",
  ),
  close: manage(NoFields, ({ actor, surveyId }) => closeSurvey({ actor, surveyId }), "evaluations.done.closed"),
  reopen: manage(
    ReopenSchema,
    ({ actor, surveyId }, { closesOn }) => reopenSurvey({ actor, surveyId, closesOn }),
    "evaluations.done.reopened",
  ),
  remind: manage(
    NoFields,
    ({ request, actor, surveyId, locale }) => sendReminder({ actor, surveyId, baseUrl: baseUrl(request), locale }),
    (t, count) => t("evaluations.done.reminded", { count }),
  ),
  // The copy is a survey of its own, so its page is where this ends.
  copy: {
    permission: "evaluations.manage",
    async run({ intent, t, actor, surveyId, locale }) {
      const copied = await runModel(t, () => copySurvey({ actor, surveyId, locale }));
      if (!copied.ok) return refused(copied.errors, { intent, status: copied.status });
      return redirect(`/n/${actor.networkSlug}/evaluations/${copied.value.id}?done=copied`);
    },
  },
} satisfies Record<string, Intent>;

const isIntent = (intent: string): intent is keyof typeof INTENTS => Object.hasOwn(INTENTS, intent);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = intentOf(form);
  const handler = isIntent(intent) ? INTENTS[intent] : null;
  const { actor, t, locale } = await requireMember(request, context, params.slug, handler?.permission ?? "evaluations.view");
  const surveyId = idParam(params.surveyId);
  if (!handler) return refused({ form: t("validation.invalid") }, { intent });
  return handler.run({ request, form, intent, actor, t, locale, surveyId });
}

export default function SurveyPage() {
  const { t, date } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  // A survey just made or copied arrives with ?done=; what is done on this page answers with its message.
  const done = params.get("done");
  const arrived = done === "created" || done === "copied" ? t(`evaluations.done.${done}`) : null;
  const answered = Boolean(actionData?.ok && actionData.intent === "answer");
  const preview = params.get("preview") === "1" && d.canManage;
  const answerErrors = errorsOf(actionData, "answer");
  const dates =
    d.survey.opensOn && d.survey.closesOn ? t("evaluations.dates", { from: date(d.survey.opensOn), to: date(d.survey.closesOn) }) : null;
  const canAnswer = d.invited && !d.answered && d.phase === "open";

  return (
    <Page title={d.survey.title} lead={d.survey.intro || undefined}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${d.slug}/evaluations`}>{t("evaluations.back")}</RemixLink>
        </Link>
      </Paragraph>
      <div className="row">
        <Tag data-color={d.phase === "open" ? "success" : d.phase === "closed" ? "neutral" : "info"}>
          {t(`evaluations.phase.${d.phase}`)}
        </Tag>
        {dates ? <span>{dates}</span> : null}
      </div>
      <SuccessMessage message={messageOf(actionData) ?? arrived} />

      {d.canManage && !preview ? (
        <SurveyAdmin d={d} errors={actionData?.intent === "answer" ? {} : errorsOf(actionData)} busy={navigation.state !== "idle"} />
      ) : null}

      {preview ? (
        <>
          <Alert data-color="info">{t("evaluations.previewNote")}</Alert>
          <AnswerForm questions={d.questions} draftKey="preview" preview />
        </>
      ) : null}

      {!preview ? <FormErrors errors={answerErrors} /> : null}
      {!preview && d.invited ? (
        d.answered ? (
          <Alert data-color="success" role="status">
            {t("evaluations.youAnswered")}
          </Alert>
        ) : canAnswer ? (
          <AnswerForm
            questions={d.questions}
            draftKey={`survey-draft:${d.survey.id}:${d.userId}`}
            errors={answerErrors}
            sending={navigation.state === "submitting"}
          />
        ) : (
          <Alert data-color="info">{d.phase === "closed" ? t("evaluations.closedNoAnswers") : t("evaluations.notOpenYet")}</Alert>
        )
      ) : null}
      <AnsweredCleanup answered={answered} draftKey={`survey-draft:${d.survey.id}:${d.userId}`} />

      {d.survey.resultsShared && !d.canManage ? (
        <Paragraph>
          <Button asChild variant="secondary">
            <RemixLink to={`/n/${d.slug}/evaluations/${d.survey.id}/report`}>{t("evaluations.seeResults")}</RemixLink>
          </Button>
        </Paragraph>
      ) : null}
    </Page>
  );
}

/** After sending, the draft kept on this device is forgotten. */
function AnsweredCleanup({ answered, draftKey }: { answered: boolean; draftKey: string }) {
  useEffect(() => {
    if (answered) window.localStorage.removeItem(draftKey);
  }, [answered, draftKey]);
  return null;
}
