import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { databasePath, db, sqlite } from "../../db/client";
import { auditLog, outbox, surveyAnswerSets, surveyParticipation, users } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import {
  addQuestion,
  closeSurvey,
  copySurvey,
  createSurvey,
  getSurvey,
  openSurvey,
  reopenSurvey,
  sendDueReminders,
  sendReminder,
  shareResults,
  submitAnswerForm,
  submitResponse,
  surveyReport,
  surveyReportCsv,
  tagAnswer,
  type QuestionInput,
} from "./evaluations.server";
import { translator } from "~/i18n";
import type { Actor } from "./permissions.server";

const DAY = 86_400_000;
const T0 = Date.UTC(2022, 5, 17, 10); // 17 June 2022, when the real evaluation went out
const likert = (text: string): QuestionInput => ({
  section: "Behovene",
  kind: "likert",
  text,
  lowLabel: "I liten grad",
  highLabel: "I stor grad",
  allowDontKnow: true,
});
const free = (text: string): QuestionInput => ({
  section: "Erfaringer",
  kind: "text",
  text,
  lowLabel: "",
  highLabel: "",
  allowDontKnow: false,
});

async function openedSurvey(people = 8, minResponses = 5) {
  const net = makeNetwork();
  const agency = makeAgency();
  const facilitator = await makeMember(net, "facilitator", { agencyId: agency.id });
  const members: Actor[] = [];
  for (let i = 0; i < people; i++) members.push(await makeMember(net, i % 2 ? "participant" : "representative", { agencyId: agency.id }));
  const survey = createSurvey({ actor: facilitator, title: "Evaluering", intro: "" });
  const q1 = addQuestion({ actor: facilitator, surveyId: survey.id, input: likert("Koordinering") });
  const q2 = addQuestion({ actor: facilitator, surveyId: survey.id, input: free("Hva bør vi gjøre annerledes?") });
  db.update((await import("../../db/schema")).surveys)
    .set({ minResponses })
    .where(sql`id = ${survey.id}`)
    .run();
  openSurvey(
    {
      actor: facilitator,
      surveyId: survey.id,
      opensOn: "2022-06-17",
      closesOn: "2022-06-30",
      audience: { roles: [], agencyIds: [] },
      baseUrl: "https://portal.example",
      locale: "nb",
    },
    T0,
  );
  return { net, facilitator, members, survey, q1, q2 };
}

describe("anonymity of answers", () => {
  it("with the database in hand after people answer in a known order, nothing links a person to an answer", async () => {
    const { facilitator, members, survey, q1, q2 } = await openedSurvey(8);
    const auditBefore = db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .get()!.n;
    // Each person's free text is unique, so the test (and only the test) knows whose answer is whose.
    members.forEach((m, i) =>
      submitResponse(
        {
          actor: m,
          surveyId: survey.id,
          answers: [
            { questionId: q1.id, value: (i % 5) + 1 },
            { questionId: q2.id, text: `Svar nummer ${i}` },
          ],
        },
        T0 + i * 3_600_000,
      ),
    );

    // 1. No column names a user or a time: participation is (survey, user); the answers are one
    //    record per survey.
    const columns = (table: string) => (sqlite.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name).sort();
    assert.deepEqual(columns("survey_answer_sets"), ["response_count", "responses", "survey_id"]);
    assert.deepEqual(columns("survey_participation"), ["survey_id", "user_id"]);
    assert.throws(() => sqlite.prepare("select rowid from survey_participation").all(), /no such column: rowid/, "no hidden row number");

    // 2. In the record, the responses are sorted by their random ids: where a person's answer sits
    //    says nothing about when it came.
    const stored = JSON.parse(
      (sqlite.prepare("select responses from survey_answer_sets where survey_id = ?").get(survey.id) as { responses: string }).responses,
    ) as Array<{ id: string; answers: Array<{ t: string | null }> }>;
    assert.deepEqual(
      stored.map((r) => r.id),
      [...stored.map((r) => r.id)].sort(),
      "sorted by id",
    );
    assert.ok(
      stored.every((r) => /^[0-9a-f]{32}$/.test(r.id)),
      "random 128-bit ids",
    );
    const whoseIsWhere = stored.map((r) => Number(r.answers.find((a) => a.t)!.t!.replace("Svar nummer ", "")));
    const order = members.map((_, i) => i);
    assert.notDeepEqual(whoseIsWhere, order, "not in the order people answered");
    assert.notDeepEqual(whoseIsWhere, [...order].reverse(), "nor in the reverse order");

    // 3. No value anywhere in the record or the participation looks like a time.
    const values = [
      ...stored.flatMap((r) => r.answers.flatMap((a) => Object.values(a))),
      ...(sqlite.prepare("select * from survey_participation").all() as object[]).flatMap((row) => Object.values(row)),
    ];
    assert.ok(
      !values.some((v) => (typeof v === "number" && v > 1e9) || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v))),
      "no timestamps or dates",
    );

    // (The file itself, page by page, is attacked in evaluation-anonymity.server.test.ts.)
    // 5. Answering leaves no audit entry (a name with a time), and the write-ahead log is emptied.
    assert.equal(
      db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .get()!.n,
      auditBefore,
    );
    assert.equal(statSync(`${databasePath()}-wal`).size, 0);

    // The report still adds up: 8 answers, the values 1..5 as given.
    closeSurvey({ actor: facilitator, surveyId: survey.id }, T0 + 2 * DAY);
    const report = surveyReport({ actor: facilitator, surveyId: survey.id }, T0 + 2 * DAY);
    assert.ok(report.ready);
    assert.deepEqual(report.likert[0].distribution, [2, 2, 2, 1, 1]);
    assert.equal(report.texts[0].answers.length, 8);
    assert.deepEqual(
      report.texts[0].answers.map((a) => a.text),
      [...report.texts[0].answers.map((a) => a.text)].sort((a, b) => a.localeCompare(b, "nb")),
      "free texts by text, not by arrival",
    );
  });

  it("one answer per person: a second is refused and stores nothing", async () => {
    const { members, survey, q1 } = await openedSurvey(3);
    submitResponse({ actor: members[0], surveyId: survey.id, answers: [{ questionId: q1.id, value: 4 }] }, T0);
    const count = () => [
      db
        .select({ n: sql<number>`count(*)` })
        .from(surveyParticipation)
        .get()!.n,
      db.select().from(surveyAnswerSets).where(eq(surveyAnswerSets.surveyId, survey.id)).get()?.responses,
    ];
    const before = count();
    assert.throws(
      () => submitResponse({ actor: members[0], surveyId: survey.id, answers: [{ questionId: q1.id, value: 1 }] }, T0),
      (e: unknown) => e instanceof DomainValidationError && e.messageKey === "evaluations.alreadyAnswered",
    );
    assert.deepEqual(count(), before);
    assert.equal(getSurvey({ actor: members[0], surveyId: survey.id }, T0).answered, true);
  });
});

describe("answering", () => {
  it("refuses values out of range, another survey's question, oversized text, late answers and outsiders", async () => {
    const { members, survey, q1, q2 } = await openedSurvey(2);
    const other = await openedSurvey(1);
    const refuse = (answers: Parameters<typeof submitResponse>[0]["answers"], key: string, now = T0) =>
      assert.throws(
        () => submitResponse({ actor: members[0], surveyId: survey.id, answers }, now),
        (e: unknown) => e instanceof DomainValidationError && e.messageKey === key,
        key,
      );
    refuse([{ questionId: q1.id, value: 0 }], "evaluations.likertRange");
    refuse([{ questionId: q1.id, value: 6 }], "evaluations.likertRange");
    refuse([{ questionId: q1.id, value: 2.5 }], "evaluations.likertRange");
    refuse([{ questionId: other.q1.id, value: 3 }], "evaluations.questionUnknown");
    refuse([{ questionId: q2.id, text: "x".repeat(4001) }], "validation.tooLong");
    refuse([], "evaluations.emptyResponse");
    refuse([{ questionId: q1.id, value: 3 }], "evaluations.closedNoAnswers", Date.UTC(2022, 6, 1, 10));
    assert.throws(
      () => submitResponse({ actor: other.members[0], surveyId: survey.id, answers: [{ questionId: q1.id, value: 3 }] }, T0),
      NotFoundError,
    );
    assert.equal(db.select().from(surveyAnswerSets).where(eq(surveyAnswerSets.surveyId, survey.id)).get(), undefined, "nothing stored");
    submitResponse(
      {
        actor: members[0],
        surveyId: survey.id,
        answers: [
          { questionId: q1.id, value: "dontKnow" },
          { questionId: q2.id, text: "  Tydeligere roller  " },
        ],
      },
      T0,
    );
  });
});

describe("the answer form", () => {
  it("is read against the survey's questions: a scale value, a text, and what the model refuses", async () => {
    const { members, survey, q1, q2 } = await openedSurvey(3);
    const refuse = (fields: Record<string, string>, key: string) =>
      assert.throws(
        () => submitAnswerForm({ actor: members[0], surveyId: survey.id, fields }, T0),
        (e: unknown) => e instanceof DomainValidationError && e.messageKey === key,
        key,
      );
    refuse({ [`q${q1.id}`]: "9" }, "evaluations.likertRange");
    refuse({ [`q${q1.id}`]: "x" }, "evaluations.likertRange");
    refuse({ q999999: "3" }, "evaluations.questionUnknown");
    refuse({}, "evaluations.emptyResponse");
    // A digit typed into the free-text question is a text, not a scale value.
    submitAnswerForm({ actor: members[0], surveyId: survey.id, fields: { [`q${q1.id}`]: "4", [`q${q2.id}`]: "5" } }, T0);
    submitAnswerForm({ actor: members[1], surveyId: survey.id, fields: { [`q${q1.id}`]: "dontKnow" } }, T0);
    assert.equal(getSurvey({ actor: members[0], surveyId: survey.id }, T0).responses, 2);
  });
});

describe("report", () => {
  it("stays hidden below the minimum and while open; shows averages, distribution and share 4–5 when closed", async () => {
    const { facilitator, members, survey, q1, q2 } = await openedSurvey(6, 5);
    [5, 4, 4].forEach((v, i) => submitResponse({ actor: members[i], surveyId: survey.id, answers: [{ questionId: q1.id, value: v }] }, T0));
    assert.equal(surveyReport({ actor: facilitator, surveyId: survey.id }, T0).ready, false, "open");
    closeSurvey({ actor: facilitator, surveyId: survey.id }, T0 + DAY);
    assert.equal(surveyReport({ actor: facilitator, surveyId: survey.id }, T0 + DAY).ready, false, "3 of at least 5");
    reopenSurvey({ actor: facilitator, surveyId: survey.id, closesOn: "2022-06-25" }, T0 + DAY);
    submitResponse(
      {
        actor: members[3],
        surveyId: survey.id,
        answers: [
          { questionId: q1.id, value: 2 },
          { questionId: q2.id, text: "Mindre møter per behov" },
        ],
      },
      T0 + DAY,
    );
    submitResponse(
      {
        actor: members[4],
        surveyId: survey.id,
        answers: [
          { questionId: q1.id, value: "dontKnow" },
          { questionId: q2.id, text: "Tydeligere eierskap" },
        ],
      },
      T0 + DAY,
    );
    closeSurvey({ actor: facilitator, surveyId: survey.id }, T0 + 2 * DAY);
    const report = surveyReport({ actor: facilitator, surveyId: survey.id }, T0 + 2 * DAY);
    assert.ok(report.ready);
    assert.equal(report.responses, 5);
    assert.equal(report.survey.invitedCount, 7, "six members and the facilitator");
    const r = report.likert[0];
    assert.deepEqual(r.distribution, [0, 1, 0, 2, 1]);
    assert.equal(r.dontKnow, 1);
    assert.equal(r.average, 15 / 4);
    assert.equal(r.topTwo, 75);
    assert.throws(
      () => reopenSurvey({ actor: facilitator, surveyId: survey.id, closesOn: "2022-07-30" }, T0 + 2 * DAY),
      DomainValidationError,
      "results were available: no reopening",
    );

    // Themes, then sharing only the Likert question: members see that and not the free text.
    const answer = report.texts[0].answers.find((a) => a.text === "Tydeligere eierskap")!;
    tagAnswer(
      { actor: facilitator, surveyId: survey.id, answerId: answer.id, themes: ["Organisering og styring", " ", "Organisering og styring"] },
      T0 + 2 * DAY,
    );
    const tagged = surveyReport({ actor: facilitator, surveyId: survey.id }, T0 + 2 * DAY);
    assert.ok(tagged.ready);
    assert.deepEqual(tagged.texts[0].answers.find((a) => a.id === answer.id)!.themes, ["Organisering og styring"]);

    // The CSV: the scale question's figures, then each free text with its themes, in the reader's language.
    const csv = surveyReportCsv({ actor: facilitator, surveyId: survey.id, t: translator("nb") }, T0 + 2 * DAY);
    assert.ok(csv.startsWith("\uFEFFSpørsmål,Antall svar,Gjennomsnitt,"), csv.split("\r\n")[0]);
    assert.ok(csv.includes("Koordinering,4,3.75,75,0,1,0,2,1,1\r\n"), csv);
    assert.ok(csv.includes("Hva bør vi gjøre annerledes?,Tydeligere eierskap,Organisering og styring\r\n"));
    assert.ok(
      surveyReportCsv({ actor: facilitator, surveyId: survey.id, t: translator("en") }, T0 + 2 * DAY).startsWith("\uFEFFQuestion,"),
    );
    assert.throws(() => surveyReportCsv({ actor: members[0], surveyId: survey.id, t: translator("nb") }, T0 + 2 * DAY), ForbiddenError);
    assert.throws(() => surveyReport({ actor: members[0], surveyId: survey.id }, T0 + 2 * DAY), NotFoundError, "not shared yet");
    assert.throws(() => shareResults({ actor: members[0], surveyId: survey.id, questionIds: [q1.id] }, T0 + 2 * DAY), ForbiddenError);
    shareResults({ actor: facilitator, surveyId: survey.id, questionIds: [q1.id] }, T0 + 2 * DAY);
    const shared = surveyReport({ actor: members[0], surveyId: survey.id }, T0 + 2 * DAY);
    assert.ok(shared.ready);
    assert.equal(shared.likert.length, 1);
    assert.equal(shared.texts.length, 0);
  });

  it("copies a survey's questions into a new draft", async () => {
    const { facilitator, survey } = await openedSurvey(1);
    const copy = copySurvey({ actor: facilitator, surveyId: survey.id, locale: "nb" });
    const view = getSurvey({ actor: facilitator, surveyId: copy.id }, T0);
    assert.equal(view.phase, "draft");
    assert.equal(view.survey.title, "Evaluering (kopi)");
    assert.equal(
      copySurvey({ actor: facilitator, surveyId: survey.id, locale: "en" }).title,
      "Evaluering (copy)",
      "in the actor's language",
    );
    assert.deepEqual(
      view.questions.map((q) => q.text),
      ["Koordinering", "Hva bør vi gjøre annerledes?"],
    );
    assert.equal(view.responses, 0);
  });
});

describe("reminders", () => {
  it("go a week after opening, once, only to those who have not answered", async () => {
    const { facilitator, members, survey, q1 } = await openedSurvey(3);
    submitResponse({ actor: members[0], surveyId: survey.id, answers: [{ questionId: q1.id, value: 5 }] }, T0);
    const reminders = () =>
      db
        .select()
        .from(outbox)
        .all()
        .filter((m) => m.subject.startsWith("Påminnelse") && m.text.includes(`/evaluations/${survey.id}`));
    sendDueReminders("https://portal.example", T0 + 6 * DAY);
    assert.equal(reminders().length, 0, "not before a week");
    sendDueReminders("https://portal.example", T0 + 7 * DAY);
    assert.deepEqual(
      reminders()
        .map((m) => m.to)
        .sort(),
      [facilitator.email, members[1].email, members[2].email].sort(),
    );
    sendDueReminders("https://portal.example", T0 + 8 * DAY);
    assert.equal(reminders().length, 3, "only once");
  });

  it("are written in each person's own language, else in the sender's", async () => {
    const { facilitator, members, survey } = await openedSurvey(2);
    db.update(users).set({ locale: "en" }).where(eq(users.id, members[0].userId)).run();
    sendReminder({ actor: facilitator, surveyId: survey.id, baseUrl: "https://portal.example", locale: "nb" }, T0 + DAY);
    const subjects = new Map(
      db
        .select()
        .from(outbox)
        .all()
        .filter((m) => m.text.includes(`/evaluations/${survey.id}`) && /^(Påminnelse|Reminder):/.test(m.subject))
        .map((m) => [m.to, m.subject]),
    );
    assert.equal(subjects.get(members[0].email), "Reminder: Evaluering");
    assert.equal(subjects.get(members[1].email), "Påminnelse: Evaluering");
  });
});
