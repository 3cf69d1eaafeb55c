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

// survey_participation and answer_themes are WITHOUT ROWID (migration 0007): rows are stored in the
// order of their keys, and neither holds a time. See README, "Anonymity of evaluation answers".

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

/**
 * Every answer to a survey, in one record that is written whole on every answer: the responses
 * sorted by their random ids (db/answer-sets.ts). Nothing in it, or in where it
 * lies in the file, depends on the order in which the answers came.
 */
export const surveyAnswerSets = sqliteTable("survey_answer_sets", {
  surveyId: integer("survey_id")
    .primaryKey()
    .references(() => surveys.id, { onDelete: "cascade" }),
  responseCount: integer("response_count").notNull().default(0),
  /** JSON: StoredResponse[] sorted by id. */
  responses: text("responses").notNull().default("[]"),
});

/** The facilitator's themes on free-text answers ("samarbeid", "organisering og styring"), set after closing. */
export const answerThemes = sqliteTable(
  "answer_themes",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    answerId: text("answer_id").notNull(),
    theme: text("theme").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.answerId, t.theme] })],
);
