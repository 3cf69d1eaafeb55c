import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert, Button, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useEffect } from "react";
import { AnswerForm } from "~/components/evaluations/answer-form";
import { SurveyAdmin } from "~/components/evaluations/survey-admin";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import type { MessageKey } from "~/i18n";
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
  submitResponse,
  updateSurvey,
  type AnswerInput,
} from "~/models/evaluations.server";
import { listNetworkAgencies } from "~/models/networks.server";
import { requireMember } from "~/web/access.server";
import { AnswerFieldsSchema, OpenSchema, QuestionRefSchema, QuestionSchema, ReopenSchema, SurveySchema } from "~/web/evaluation-forms";
import { fieldErrors, parseForm } from "~/web/forms.server";
import { baseUrl, idParam, runModel, throwHttpError } from "~/web/http.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "title.evaluation", data?.survey.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "evaluations.view");
  const surveyId = idParam(params.surveyId);
  try {
    const view = getSurvey({ actor, surveyId });
    return { slug: actor.networkSlug, userId: actor.userId, ...view, agencies: view.canManage ? listNetworkAgencies({ actor }) : [] };
  } catch (error) {
    throwHttpError(error);
  }
}

const MANAGE_INTENTS = ["update", "addQuestion", "deleteQuestion", "moveQuestion", "open", "close", "reopen", "remind", "copy"] as const;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const manage = (MANAGE_INTENTS as readonly string[]).includes(intent);
  const { actor, t, locale } = await requireMember(request, context, params.slug, manage ? "evaluations.manage" : "evaluations.view");
  const surveyId = idParam(params.surveyId);
  const here = `/n/${actor.networkSlug}/evaluations/${surveyId}`;
  const fail = (errors: Record<string, string>) => data({ intent, errors }, { status: 400 });
  const run = async (call: () => unknown, done: string) => {
    const result = await runModel(t, call);
    return result.ok ? redirect(`${here}?done=${done}`) : fail(result.errors);
  };

  switch (intent) {
    case "answer": {
      const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => /^q\d+$/.test(k) && typeof v === "string" && v !== ""));
      const parsed = AnswerFieldsSchema.safeParse(fields);
      if (!parsed.success) return fail(fieldErrors(parsed.error, t));
      let view: ReturnType<typeof getSurvey>;
      try {
        view = getSurvey({ actor, surveyId });
      } catch (error) {
        throwHttpError(error);
      }
      const kinds = new Map(view.questions.map((q) => [q.id, q.kind]));
      const answers: AnswerInput[] = Object.entries(parsed.data).map(([name, value]) => {
        const questionId = Number(name.slice(1));
        if (kinds.get(questionId) === "text") return { questionId, text: value };
        return { questionId, value: value === "dontKnow" ? "dontKnow" : /^\d$/.test(value) ? Number(value) : -1 };
      });
      return run(() => submitResponse({ actor, surveyId, answers }), "answered");
    }
    case "update": {
      const parsed = parseForm(SurveySchema, form, t);
      if (!parsed.ok) return fail(parsed.errors);
      return run(() => updateSurvey({ actor, surveyId, ...parsed.data }), "saved");
    }
    case "addQuestion": {
      const parsed = parseForm(QuestionSchema, form, t);
      if (!parsed.ok) return fail(parsed.errors);
      return run(() => addQuestion({ actor, surveyId, input: parsed.data }), "questionAdded");
    }
    case "deleteQuestion":
    case "moveQuestion": {
      const parsed = parseForm(QuestionRefSchema, form, t);
      if (!parsed.ok) return fail(parsed.errors);
      const { questionId, direction } = parsed.data;
      return run(
        () =>
          intent === "deleteQuestion"
            ? deleteQuestion({ actor, surveyId, questionId })
            : moveQuestion({ actor, surveyId, questionId, direction: direction === "up" ? -1 : 1 }),
        intent === "deleteQuestion" ? "questionDeleted" : "questionMoved",
      );
    }
    case "open": {
      const parsed = parseForm(OpenSchema, form, t);
      if (!parsed.ok) return fail(parsed.errors);
      const { opensOn, closesOn, roles, agencyIds } = parsed.data;
      return run(
        () => openSurvey({ actor, surveyId, opensOn, closesOn, audience: { roles, agencyIds }, baseUrl: baseUrl(request), locale }),
        "opened",
      );
    }
    case "close":
      return run(() => closeSurvey({ actor, surveyId }), "closed");
    case "reopen": {
      const parsed = parseForm(ReopenSchema, form, t);
      if (!parsed.ok) return fail(parsed.errors);
      return run(() => reopenSurvey({ actor, surveyId, closesOn: parsed.data.closesOn }), "reopened");
    }
    case "remind": {
      const result = await runModel(t, () => sendReminder({ actor, surveyId, baseUrl: baseUrl(request), locale }));
      return result.ok ? redirect(`${here}?done=reminded&count=${result.value}`) : fail(result.errors);
    }
    case "copy": {
      const result = await runModel(t, () => copySurvey({ actor, surveyId }));
      return result.ok ? redirect(`/n/${actor.networkSlug}/evaluations/${result.value.id}?done=copied`) : fail(result.errors);
    }
  }
  throw data(null, { status: 400 });
}

export default function SurveyPage() {
  const { t, date } = useI18n();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const preview = params.get("preview") === "1" && d.canManage;
  const errors = actionData?.errors ?? {};
  const answerErrors = actionData?.intent === "answer" ? errors : {};
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
      <SuccessMessage
        message={
          done && done !== "answered" ? t(`evaluations.done.${done}` as MessageKey, { count: Number(params.get("count") ?? 0) }) : null
        }
      />

      {d.canManage && !preview ? (
        <SurveyAdmin d={d} errors={actionData?.intent !== "answer" ? errors : {}} busy={navigation.state !== "idle"} />
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
      <AnsweredCleanup done={done} draftKey={`survey-draft:${d.survey.id}:${d.userId}`} />

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
function AnsweredCleanup({ done, draftKey }: { done: string | null; draftKey: string }) {
  useEffect(() => {
    if (done === "answered") window.localStorage.removeItem(draftKey);
  }, [done, draftKey]);
  return null;
}
