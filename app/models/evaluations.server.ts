/**
 * Evaluations: surveys a facilitator builds and opens to the network, answered anonymously.
 *
 * Anonymity is a property of the storage, not of the screens: `survey_participation` records that
 * a person answered and `survey_responses`/`survey_answers` what was answered, with random ids, no
 * user, no time, in WITHOUT ROWID tables (see the migration and README, "Anonymity"). Results are
 * only reported once the survey has closed with at least `minResponses` answers.
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { db, truncateWal } from "../../db/client";
import { answerThemes, memberships, surveyInvitees, surveyParticipation, surveyQuestions, surveys, users } from "../../db/schema";
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from "~/i18n";
import { toCsv } from "~/utils/csv";
import { answersFromFields, type AnswerInput } from "~/utils/evaluation-answers";
import type { Role } from "~/utils/roles";
import { osloToday } from "~/utils/oslo-time";
import { recordAudit } from "./audit.server";
import { DomainValidationError, NotFoundError } from "./errors.server";
import { enqueueEmail } from "./outbox.server";
import { addResponse, countResponses, readResponses } from "../../db/answer-sets";
import { assertCan, can, type Actor } from "./permissions.server";

export const MAX_TEXT_ANSWER = 4000;
export const REMINDER_AFTER_DAYS = 7;
const DAY = 86_400_000;

export interface Audience {
  roles: Role[];
  agencyIds: number[];
}

export interface QuestionInput {
  section: string;
  kind: "likert" | "text";
  text: string;
  lowLabel: string;
  highLabel: string;
  allowDontKnow: boolean;
}

type SurveyRow = typeof surveys.$inferSelect;

/** Open means: opened by the facilitator, and today inside its dates. */
export function phaseOf(
  survey: Pick<SurveyRow, "status" | "opensOn" | "closesOn">,
  today: string,
): "draft" | "scheduled" | "open" | "closed" {
  if (survey.status === "draft") return "draft";
  if (survey.status === "closed" || (survey.closesOn && today > survey.closesOn)) return "closed";
  if (survey.opensOn && today < survey.opensOn) return "scheduled";
  return "open";
}

function surveyInNetwork(actor: Actor, surveyId: number): SurveyRow {
  const survey = db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.networkId, actor.networkId)))
    .get();
  if (!survey) throw new NotFoundError("survey");
  return survey;
}

function isInvited(surveyId: number, userId: number) {
  return Boolean(
    db
      .select()
      .from(surveyInvitees)
      .where(and(eq(surveyInvitees.surveyId, surveyId), eq(surveyInvitees.userId, userId)))
      .get(),
  );
}

function hasAnswered(surveyId: number, userId: number) {
  return Boolean(
    db
      .select()
      .from(surveyParticipation)
      .where(and(eq(surveyParticipation.surveyId, surveyId), eq(surveyParticipation.userId, userId)))
      .get(),
  );
}

export function responseCount(surveyId: number): number {
  return countResponses(surveyId);
}

/**
 * A survey as the actor may see it: facilitators every survey; members the ones they were asked
 * to answer, and any whose results are shared. Drafts are the facilitators' alone.
 */
export function getSurvey({ actor, surveyId }: { actor: Actor; surveyId: number }, now = Date.now()) {
  assertCan(actor, "evaluations.view");
  const survey = surveyInNetwork(actor, surveyId);
  const manage = can(actor.role, "evaluations.manage");
  const invited = isInvited(surveyId, actor.userId);
  if (!manage && (survey.status === "draft" || (!invited && !survey.resultsShared))) throw new NotFoundError("survey");
  const questions = db
    .select()
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, surveyId))
    .orderBy(asc(surveyQuestions.position))
    .all();
  const responses = responseCount(surveyId);
  const phase = phaseOf(survey, osloToday(now));
  return {
    survey: { ...survey, audience: JSON.parse(survey.audience) as Audience },
    questions,
    phase,
    invited,
    answered: hasAnswered(surveyId, actor.userId),
    responses,
    canManage: manage,
    reportReady: phase === "closed" && responses >= survey.minResponses,
  };
}

export function listSurveys({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "evaluations.view");
  const manage = can(actor.role, "evaluations.manage");
  const today = osloToday(now);
  const rows = db
    .select()
    .from(surveys)
    .where(eq(surveys.networkId, actor.networkId))
    .orderBy(sql`${surveys.id} desc`)
    .all();
  return rows
    .map((s) => ({
      ...s,
      phase: phaseOf(s, today),
      invited: isInvited(s.id, actor.userId),
      answered: hasAnswered(s.id, actor.userId),
      responses: responseCount(s.id),
    }))
    .filter((s) => manage || (s.status !== "draft" && (s.invited || s.resultsShared)));
}

export function createSurvey({ actor, title, intro }: { actor: Actor; title: string; intro: string }) {
  assertCan(actor, "evaluations.manage");
  return db.transaction((tx) => {
    const survey = tx.insert(surveys).values({ networkId: actor.networkId, title, intro, createdBy: actor.userId }).returning().get();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "survey.created",
      entityType: "survey",
      entityId: survey.id,
      message: { key: "audit.msg.surveyCreated", params: { title } },
    });
    return survey;
  });
}

/** A new draft with an earlier survey's title (marked as a copy in the actor's language), introduction and questions (no answers). */
export function copySurvey({ actor, surveyId, locale }: { actor: Actor; surveyId: number; locale: Locale }) {
  assertCan(actor, "evaluations.manage");
  const source = surveyInNetwork(actor, surveyId);
  const t = translator(locale);
  return db.transaction((tx) => {
    const copy = tx
      .insert(surveys)
      .values({
        networkId: actor.networkId,
        title: t("evaluations.copyOf", { title: source.title }).slice(0, 200),
        intro: source.intro,
        minResponses: source.minResponses,
        copiedFromId: source.id,
        createdBy: actor.userId,
      })
      .returning()
      .get();
    const questions = tx
      .select()
      .from(surveyQuestions)
      .where(eq(surveyQuestions.surveyId, surveyId))
      .orderBy(asc(surveyQuestions.position))
      .all();
    for (const { id: _id, surveyId: _s, ...q } of questions)
      tx.insert(surveyQuestions)
        .values({ ...q, surveyId: copy.id })
        .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "survey.created",
      entityType: "survey",
      entityId: copy.id,
      message: { key: "audit.msg.surveyCopied", params: { title: copy.title, source: source.title } },
    });
    return copy;
  });
}

function draftSurvey(actor: Actor, surveyId: number) {
  assertCan(actor, "evaluations.manage");
  const survey = surveyInNetwork(actor, surveyId);
  if (survey.status !== "draft") throw new DomainValidationError("form", "evaluations.notDraft");
  return survey;
}

export function updateSurvey({
  actor,
  surveyId,
  title,
  intro,
  minResponses,
}: {
  actor: Actor;
  surveyId: number;
  title: string;
  intro: string;
  minResponses: number;
}) {
  draftSurvey(actor, surveyId);
  db.update(surveys).set({ title, intro, minResponses }).where(eq(surveys.id, surveyId)).run();
}

export function addQuestion({ actor, surveyId, input }: { actor: Actor; surveyId: number; input: QuestionInput }) {
  draftSurvey(actor, surveyId);
  const last = db
    .select({ max: sql<number | null>`max(${surveyQuestions.position})` })
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, surveyId))
    .get();
  return db
    .insert(surveyQuestions)
    .values({
      surveyId,
      position: (last?.max ?? 0) + 1,
      ...input,
      lowLabel: input.kind === "likert" ? input.lowLabel : "",
      highLabel: input.kind === "likert" ? input.highLabel : "",
      allowDontKnow: input.kind === "likert" && input.allowDontKnow,
    })
    .returning()
    .get();
}

function questionOf(surveyId: number, questionId: number) {
  const question = db
    .select()
    .from(surveyQuestions)
    .where(and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId)))
    .get();
  if (!question) throw new DomainValidationError("questionId", "evaluations.questionUnknown");
  return question;
}

export function deleteQuestion({ actor, surveyId, questionId }: { actor: Actor; surveyId: number; questionId: number }) {
  draftSurvey(actor, surveyId);
  questionOf(surveyId, questionId);
  db.delete(surveyQuestions).where(eq(surveyQuestions.id, questionId)).run();
}

/** Swaps a question with its neighbour above (-1) or below (+1). */
export function moveQuestion({
  actor,
  surveyId,
  questionId,
  direction,
}: {
  actor: Actor;
  surveyId: number;
  questionId: number;
  direction: -1 | 1;
}) {
  draftSurvey(actor, surveyId);
  const list = db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position)).all();
  const at = list.findIndex((q) => q.id === questionId);
  if (at < 0) throw new DomainValidationError("questionId", "evaluations.questionUnknown");
  const other = list[at + direction];
  if (!other) return;
  db.transaction((tx) => {
    tx.update(surveyQuestions).set({ position: other.position }).where(eq(surveyQuestions.id, list[at].id)).run();
    tx.update(surveyQuestions).set({ position: list[at].position }).where(eq(surveyQuestions.id, other.id)).run();
  });
}

/**
 * Opens a draft to the chosen members (all, or by role and agency) from `opensOn` through
 * `closesOn`, and emails each of them a link. Who was asked is fixed now, for the response rate.
 */
export function openSurvey(
  {
    actor,
    surveyId,
    opensOn,
    closesOn,
    audience,
    baseUrl,
    locale,
  }: { actor: Actor; surveyId: number; opensOn: string; closesOn: string; audience: Audience; baseUrl: string; locale: Locale },
  now = Date.now(),
) {
  const survey = draftSurvey(actor, surveyId);
  const questions = db.select({ id: surveyQuestions.id }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).all();
  if (questions.length === 0) throw new DomainValidationError("form", "evaluations.noQuestions");
  if (closesOn < opensOn) throw new DomainValidationError("closesOn", "meetings.endBeforeStart");
  if (closesOn < osloToday(now)) throw new DomainValidationError("closesOn", "evaluations.closesInPast");
  const people = db
    .select({ userId: memberships.userId, email: users.email, locale: users.locale, role: memberships.role, agencyId: users.agencyId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.networkId, actor.networkId))
    .all()
    .filter(
      (p) =>
        (audience.roles.length === 0 || audience.roles.includes(p.role)) &&
        (audience.agencyIds.length === 0 || (p.agencyId !== null && audience.agencyIds.includes(p.agencyId))),
    );
  if (people.length === 0) throw new DomainValidationError("audience", "evaluations.nobodyChosen");
  const link = `${baseUrl}/n/${actor.networkSlug}/evaluations/${surveyId}`;
  return db.transaction((tx) => {
    tx.update(surveys)
      .set({ status: "open", opensOn, closesOn, audience: JSON.stringify(audience), invitedCount: people.length })
      .where(eq(surveys.id, surveyId))
      .run();
    for (const p of people) {
      tx.insert(surveyInvitees).values({ surveyId, userId: p.userId }).run();
      const t = translator(p.locale ?? locale);
      enqueueEmail(tx, {
        networkId: actor.networkId,
        to: p.email,
        subject: t("email.survey.subject", { title: survey.title }),
        text: [
          t("email.survey.intro", { network: actor.networkName, title: survey.title, opensOn, closesOn }),
          "",
          t("email.survey.anonymous"),
          "",
          link,
        ].join("\n"),
      });
    }
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "survey.opened",
      entityType: "survey",
      entityId: surveyId,
      message: { key: "audit.msg.surveyOpened", params: { title: survey.title, count: people.length, closesOn } },
    });
    return { invited: people.length };
  });
}

/**
 * Closes a survey now. A closed survey can open again (with a later closing date) only while its
 * results have never been available: otherwise comparing two reports would single out late answers.
 */
export function closeSurvey({ actor, surveyId }: { actor: Actor; surveyId: number }, now = Date.now()) {
  assertCan(actor, "evaluations.manage");
  const survey = surveyInNetwork(actor, surveyId);
  if (survey.status === "draft") throw new DomainValidationError("form", "evaluations.notOpen");
  db.transaction((tx) => {
    tx.update(surveys)
      .set({ status: "closed", closesOn: survey.closesOn && survey.closesOn < osloToday(now) ? survey.closesOn : osloToday(now) })
      .where(eq(surveys.id, surveyId))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "survey.closed",
      entityType: "survey",
      entityId: surveyId,
      message: { key: "audit.msg.surveyClosed", params: { title: survey.title } },
    });
  });
}

export function reopenSurvey({ actor, surveyId, closesOn }: { actor: Actor; surveyId: number; closesOn: string }, now = Date.now()) {
  assertCan(actor, "evaluations.manage");
  const survey = surveyInNetwork(actor, surveyId);
  if (phaseOf(survey, osloToday(now)) !== "closed") throw new DomainValidationError("form", "evaluations.notClosed");
  if (responseCount(surveyId) >= survey.minResponses) throw new DomainValidationError("form", "evaluations.reopenAfterResults");
  if (closesOn < osloToday(now)) throw new DomainValidationError("closesOn", "evaluations.closesInPast");
  db.transaction((tx) => {
    tx.update(surveys).set({ status: "open", closesOn }).where(eq(surveys.id, surveyId)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "survey.opened",
      entityType: "survey",
      entityId: surveyId,
      message: { key: "audit.msg.surveyReopened", params: { title: survey.title, closesOn } },
    });
  });
}

/**
 * Emails everyone asked who has not answered yet, each in the language stored on their account
 * (else in `locale`). Returns how many.
 */
function remind(survey: SurveyRow, networkSlug: string, networkName: string, baseUrl: string, locale: Locale, now: number) {
  const pending = db
    .select({ email: users.email, locale: users.locale })
    .from(surveyInvitees)
    .innerJoin(users, eq(users.id, surveyInvitees.userId))
    .leftJoin(
      surveyParticipation,
      and(eq(surveyParticipation.surveyId, surveyInvitees.surveyId), eq(surveyParticipation.userId, surveyInvitees.userId)),
    )
    .where(and(eq(surveyInvitees.surveyId, survey.id), isNull(surveyParticipation.userId)))
    .all();
  const link = `${baseUrl}/n/${networkSlug}/evaluations/${survey.id}`;
  db.transaction((tx) => {
    for (const p of pending) {
      const t = translator(p.locale ?? locale);
      enqueueEmail(tx, {
        networkId: survey.networkId,
        to: p.email,
        subject: t("email.survey.reminderSubject", { title: survey.title }),
        text: [
          t("email.survey.reminder", { network: networkName, title: survey.title, closesOn: survey.closesOn ?? "" }),
          "",
          t("email.survey.anonymous"),
          "",
          link,
        ].join("\n"),
      });
    }
    tx.update(surveys)
      .set({ reminderSentAt: new Date(now) })
      .where(eq(surveys.id, survey.id))
      .run();
    recordAudit(tx, {
      actor: null,
      networkId: survey.networkId,
      action: "survey.reminded",
      entityType: "survey",
      entityId: survey.id,
      message: { key: "audit.msg.surveyReminded", params: { title: survey.title, count: pending.length } },
    });
  });
  return pending.length;
}

export function sendReminder(
  { actor, surveyId, baseUrl, locale }: { actor: Actor; surveyId: number; baseUrl: string; locale: Locale },
  now = Date.now(),
) {
  assertCan(actor, "evaluations.manage");
  const survey = surveyInNetwork(actor, surveyId);
  if (phaseOf(survey, osloToday(now)) !== "open") throw new DomainValidationError("form", "evaluations.notOpen");
  return remind(survey, actor.networkSlug, actor.networkName, baseUrl, locale, now);
}

/** The server's daily round: a reminder a week after opening to those who have not answered. */
export function sendDueReminders(baseUrl: string, now = Date.now()) {
  const today = osloToday(now);
  const weekAgo = osloToday(now - REMINDER_AFTER_DAYS * DAY);
  const due = db
    .select({
      survey: surveys,
      slug: sql<string>`(select slug from networks where id = ${surveys.networkId})`,
      name: sql<string>`(select name from networks where id = ${surveys.networkId})`,
    })
    .from(surveys)
    .where(and(eq(surveys.status, "open"), isNull(surveys.reminderSentAt), lte(surveys.opensOn, weekAgo)))
    .all()
    .filter((r) => phaseOf(r.survey, today) === "open");
  let sent = 0;
  for (const r of due) sent += remind(r.survey, r.slug, r.name, baseUrl, DEFAULT_LOCALE, now);
  return sent;
}

export type { AnswerInput };

/**
 * Stores one person's answers. Participation and answers are written in one transaction (so one
 * answer per person holds even under a race), into tables that share nothing but the survey id.
 * Afterwards the write-ahead log is checkpointed and truncated, so the frames that wrote both rows
 * together do not stay beside the database file.
 */
export function submitResponse({ actor, surveyId, answers }: { actor: Actor; surveyId: number; answers: AnswerInput[] }, now = Date.now()) {
  assertCan(actor, "evaluations.view");
  const survey = surveyInNetwork(actor, surveyId);
  if (!isInvited(surveyId, actor.userId)) throw new NotFoundError("survey");
  const phase = phaseOf(survey, osloToday(now));
  if (phase === "closed") throw new DomainValidationError("form", "evaluations.closedNoAnswers");
  if (phase !== "open") throw new DomainValidationError("form", "evaluations.notOpen");
  const questions = new Map(
    db
      .select()
      .from(surveyQuestions)
      .where(eq(surveyQuestions.surveyId, surveyId))
      .all()
      .map((q) => [q.id, q]),
  );
  const seen = new Set<number>();
  type Row = { questionId: number; value: number | null; dontKnow: boolean; text: string | null };
  const rows = answers.flatMap((a): Row[] => {
    const q = questions.get(a.questionId);
    if (!q) throw new DomainValidationError("form", "evaluations.questionUnknown");
    if (seen.has(q.id)) throw new DomainValidationError(`q${q.id}`, "evaluations.answeredTwice");
    seen.add(q.id);
    if (q.kind === "likert") {
      if (a.value === undefined) return [];
      if (a.value === "dontKnow") {
        if (!q.allowDontKnow) throw new DomainValidationError(`q${q.id}`, "evaluations.likertRange");
        return [{ questionId: q.id, value: null, dontKnow: true, text: null }];
      }
      if (!Number.isInteger(a.value) || a.value < 1 || a.value > 5) throw new DomainValidationError(`q${q.id}`, "evaluations.likertRange");
      return [{ questionId: q.id, value: a.value, dontKnow: false, text: null }];
    }
    const text = (a.text ?? "").trim();
    if (text.length > MAX_TEXT_ANSWER) throw new DomainValidationError(`q${q.id}`, "validation.tooLong", { max: MAX_TEXT_ANSWER });
    if (a.value !== undefined) throw new DomainValidationError(`q${q.id}`, "evaluations.questionUnknown");
    return text ? [{ questionId: q.id, value: null, dontKnow: false, text }] : [];
  });
  if (rows.length === 0) throw new DomainValidationError("form", "evaluations.emptyResponse");
  // An answer is only ever written into an empty write-ahead log, so the log never holds two
  // versions of the survey's record side by side (their difference would be the newest answer).
  // Another process reading the database (a backup) can keep it from being emptied: then wait.
  if (!truncateWal()) throw new DomainValidationError("form", "evaluations.tryAgainShortly");
  try {
    db.transaction((tx) => {
      tx.insert(surveyParticipation).values({ surveyId, userId: actor.userId }).run();
      addResponse(
        tx,
        surveyId,
        rows.map((r) => ({ q: r.questionId, v: r.value, dk: r.dontKnow, t: r.text })),
      );
    });
  } catch (error) {
    if (String((error as { code?: string }).code).startsWith("SQLITE_CONSTRAINT"))
      throw new DomainValidationError("form", "evaluations.alreadyAnswered");
    throw error;
  }
  // No audit entry: a time beside a name is exactly what must not exist for an answer.
  if (!truncateWal()) emptyWalSoon();
}

/** Stores the answer form as sent: fields `q<question id>`, read against the survey's questions (see answersFromFields). */
export function submitAnswerForm(
  { actor, surveyId, fields }: { actor: Actor; surveyId: number; fields: Record<string, string> },
  now = Date.now(),
) {
  const { questions } = getSurvey({ actor, surveyId }, now);
  const kinds = new Map(questions.map((q) => [q.id, q.kind]));
  return submitResponse({ actor, surveyId, answers: answersFromFields(fields, kinds) }, now);
}

/**
 * Empties the write-ahead log, which holds an answer's commit (participation and record side by
 * side) until a checkpoint, once the reader that kept it from emptying right away has finished.
 */
function emptyWalSoon() {
  setTimeout(() => truncateWal() || emptyWalSoon(), 1000).unref();
}

export interface LikertResult {
  question: typeof surveyQuestions.$inferSelect;
  answered: number;
  dontKnow: number;
  /** Count per value 1..5. */
  distribution: [number, number, number, number, number];
  average: number | null;
  /** Share of those who gave a value who answered 4 or 5, in percent. */
  topTwo: number | null;
}

export interface TextResult {
  question: typeof surveyQuestions.$inferSelect;
  answers: Array<{ id: string; text: string; themes: string[] }>;
}

/**
 * The report, once the survey has closed with enough answers. Members see it when the facilitator
 * has shared it, and then only the questions chosen. Free texts are ordered by their text, never by
 * when they came.
 */
export function surveyReport({ actor, surveyId }: { actor: Actor; surveyId: number }, now = Date.now()) {
  const view = getSurvey({ actor, surveyId }, now);
  if (!view.canManage && !view.survey.resultsShared) throw new NotFoundError("report");
  if (!view.reportReady) return { ...view, ready: false as const };
  const questions = view.canManage ? view.questions : view.questions.filter((q) => q.shared);
  const asked = new Set(questions.map((q) => q.id));
  const answers = readResponses(surveyId)
    .flatMap((r) => r.answers)
    .filter((a) => asked.has(a.q))
    .map((a) => ({ id: a.id, questionId: a.q, value: a.v, dontKnow: a.dk, text: a.t }));
  const themes = answers.length ? db.select().from(answerThemes).where(eq(answerThemes.surveyId, surveyId)).all() : [];
  const likert: LikertResult[] = [];
  const texts: TextResult[] = [];
  for (const q of questions) {
    const mine = answers.filter((a) => a.questionId === q.id);
    if (q.kind === "likert") {
      const values = mine.filter((a) => a.value !== null).map((a) => a.value!);
      const distribution = [1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length) as LikertResult["distribution"];
      likert.push({
        question: q,
        answered: values.length,
        dontKnow: mine.filter((a) => a.dontKnow).length,
        distribution,
        average: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
        topTwo: values.length ? ((distribution[3] + distribution[4]) / values.length) * 100 : null,
      });
    } else {
      texts.push({
        question: q,
        answers: mine
          .filter((a) => a.text)
          .map((a) => ({
            id: a.id,
            text: a.text!,
            themes: themes
              .filter((t) => t.answerId === a.id)
              .map((t) => t.theme)
              .sort(),
          }))
          .sort((a, b) => a.text.localeCompare(b.text, "nb")),
      });
    }
  }
  return { ...view, ready: true as const, likert, texts };
}

/**
 * The report as CSV for those who manage evaluations, in the reader's language: one row per scale
 * question, then every free text with its themes. Not found while the report is hidden.
 */
export function surveyReportCsv({ actor, surveyId, t }: { actor: Actor; surveyId: number; t: Translate }, now = Date.now()) {
  assertCan(actor, "evaluations.manage");
  const report = surveyReport({ actor, surveyId }, now);
  if (!report.ready) throw new NotFoundError("report");
  const round = (n: number | null, digits: number) => (n === null ? "" : Math.round(n * 10 ** digits) / 10 ** digits);
  const scaleHeader = [t("evaluations.question"), t("evaluations.answeredCount"), t("evaluations.average"), t("evaluations.topTwo")];
  return toCsv([
    [...scaleHeader, "1", "2", "3", "4", "5", t("evaluations.dontKnow")],
    ...report.likert.map((l) => [l.question.text, l.answered, round(l.average, 2), round(l.topTwo, 1), ...l.distribution, l.dontKnow]),
    [],
    [t("evaluations.question"), t("evaluations.answer"), t("evaluations.themes")],
    ...report.texts.flatMap((q) => q.answers.map((a) => [q.question.text, a.text, a.themes.join("; ")])),
  ]);
}

/** Sets the themes of one free-text answer (replacing the earlier ones). */
export function tagAnswer(
  { actor, surveyId, answerId, themes }: { actor: Actor; surveyId: number; answerId: string; themes: string[] },
  now = Date.now(),
) {
  assertCan(actor, "evaluations.manage");
  const report = surveyReport({ actor, surveyId }, now);
  if (!report.ready) throw new DomainValidationError("form", "evaluations.reportHidden");
  const belongs = report.texts.some((q) => q.answers.some((a) => a.id === answerId));
  if (!belongs) throw new NotFoundError("answer");
  db.transaction((tx) => {
    tx.delete(answerThemes)
      .where(and(eq(answerThemes.surveyId, surveyId), eq(answerThemes.answerId, answerId)))
      .run();
    for (const theme of new Set(themes.map((t) => t.trim()).filter(Boolean)))
      tx.insert(answerThemes).values({ surveyId, answerId, theme }).run();
  });
}

/** Shares the report with the members: the chosen questions only. */
export function shareResults(
  { actor, surveyId, questionIds }: { actor: Actor; surveyId: number; questionIds: number[] },
  now = Date.now(),
) {
  assertCan(actor, "evaluations.manage");
  const view = getSurvey({ actor, surveyId }, now);
  if (!view.reportReady) throw new DomainValidationError("form", "evaluations.reportHidden");
  const known = new Set(view.questions.map((q) => q.id));
  if (questionIds.some((id) => !known.has(id))) throw new DomainValidationError("form", "evaluations.questionUnknown");
  db.transaction((tx) => {
    for (const q of view.questions)
      tx.update(surveyQuestions)
        .set({ shared: questionIds.includes(q.id) })
        .where(eq(surveyQuestions.id, q.id))
        .run();
    tx.update(surveys)
      .set({ resultsShared: questionIds.length > 0 })
      .where(eq(surveys.id, surveyId))
      .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "survey.shared",
      entityType: "survey",
      entityId: surveyId,
      message: questionIds.length
        ? { key: "audit.msg.resultsShared", params: { title: view.survey.title, count: questionIds.length } }
        : { key: "audit.msg.resultsUnshared", params: { title: view.survey.title } },
    });
  });
}
