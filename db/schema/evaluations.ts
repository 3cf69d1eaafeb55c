import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, networks, timestamp, users } from "./core";

export const SURVEY_STATUSES = ["draft", "open", "closed"] as const;
export const QUESTION_KINDS = ["likert", "text"] as const;

/** An evaluation survey of a network. */
export const surveys = sqliteTable(
  "surveys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    status: text("status", { enum: SURVEY_STATUSES }).notNull().default("draft"),
    /** Dates in Oslo (YYYY-MM-DD): open from the first through the last. */
    opensOn: text("opens_on"),
    closesOn: text("closes_on"),
    /** Results stay hidden below this many answers, so a small group cannot be told apart. */
    minResponses: integer("min_responses").notNull().default(5),
    /** Who was asked, as chosen when opening: roles and agencies (JSON arrays; empty = all). */
    audience: text("audience").notNull().default('{"roles":[],"agencyIds":[]}'),
    invitedCount: integer("invited_count").notNull().default(0),
    reminderSentAt: timestamp("reminder_sent_at"),
    resultsShared: integer("results_shared", { mode: "boolean" }).notNull().default(false),
    copiedFromId: integer("copied_from_id"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("surveys_network_idx").on(t.networkId)],
);

export const surveyQuestions = sqliteTable(
  "survey_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** The section heading the question stands under; consecutive questions share it. */
    section: text("section").notNull().default(""),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    text: text("text").notNull(),
    lowLabel: text("low_label").notNull().default(""),
    highLabel: text("high_label").notNull().default(""),
    allowDontKnow: integer("allow_dont_know", { mode: "boolean" }).notNull().default(false),
    /** Part of the report the members see once results are shared. */
    shared: integer("shared", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("survey_questions_survey_idx").on(t.surveyId, t.position)],
);

/** Who was asked to answer (for the email, the reminder and the response rate). */
export const surveyInvitees = sqliteTable(
  "survey_invitees",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);

// The three tables below are WITHOUT ROWID in the migration (0007): rows are stored in the order of
// their keys, never of their arrival, and none of them holds a time. See README, "Anonymity".

/** That a person has answered a survey: nothing else. */
export const surveyParticipation = sqliteTable(
  "survey_participation",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);

/** One person's answers, under a random id: no user, no time, no sequence. */
export const surveyResponses = sqliteTable("survey_responses", {
  id: text("id").primaryKey(),
  surveyId: integer("survey_id")
    .notNull()
    .references(() => surveys.id, { onDelete: "cascade" }),
});

export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    id: text("id").primaryKey(),
    responseId: text("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    /** 1–5 on a Likert question; null with dontKnow, or on a free-text question. */
    value: integer("value"),
    dontKnow: integer("dont_know", { mode: "boolean" }).notNull().default(false),
    text: text("text"),
  },
  (t) => [index("survey_answers_question_idx").on(t.questionId)],
);

/** The facilitator's themes on free-text answers ("samarbeid", "organisering og styring"). */
export const answerThemes = sqliteTable(
  "answer_themes",
  {
    answerId: text("answer_id")
      .notNull()
      .references(() => surveyAnswers.id, { onDelete: "cascade" }),
    theme: text("theme").notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.theme] })],
);
