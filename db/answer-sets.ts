/**
 * The stored answers of a survey: one record per survey (survey_answer_sets), rewritten whole on
 * every answer with the responses sorted by their random ids (used by the evaluations model). Where an answer sits in it, and where
 * the record sits in the database file, is the same whatever order the answers came in, so a copy
 * of the file cannot tell who answered what (README, "Anonymity of evaluation answers").
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "./client";
import { surveyAnswerSets } from "./schema";

export interface StoredAnswer {
  id: string;
  /** Question id. */
  q: number;
  /** 1–5 on a Likert question; null with "don't know" or on a free-text question. */
  v: number | null;
  dk: boolean;
  t: string | null;
}

export interface StoredResponse {
  id: string;
  answers: StoredAnswer[];
}

const storedResponses = z.array(
  z.object({
    id: z.string(),
    answers: z.array(
      z.object({ id: z.string(), q: z.number().int(), v: z.number().int().nullable(), dk: z.boolean(), t: z.string().nullable() }),
    ),
  }),
);

export const randomAnswerId = () => randomBytes(16).toString("hex");

export function readResponses(surveyId: number, tx: Pick<Tx, "select"> = db): StoredResponse[] {
  const row = tx
    .select({ responses: surveyAnswerSets.responses })
    .from(surveyAnswerSets)
    .where(eq(surveyAnswerSets.surveyId, surveyId))
    .get();
  return row ? storedResponses.parse(JSON.parse(row.responses)) : [];
}

export function countResponses(surveyId: number): number {
  return (
    db.select({ n: surveyAnswerSets.responseCount }).from(surveyAnswerSets).where(eq(surveyAnswerSets.surveyId, surveyId)).get()?.n ?? 0
  );
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Adds one response to the survey's record, inside the caller's transaction: the whole record is
 * read, the response put among the others by its random id, and the record written back whole.
 */
export function addResponse(tx: Tx, surveyId: number, answers: Array<Omit<StoredAnswer, "id">>) {
  const response: StoredResponse = {
    id: randomAnswerId(),
    answers: answers.map((a) => ({ id: randomAnswerId(), ...a })).sort((a, b) => a.q - b.q || byId(a, b)),
  };
  const responses = [...readResponses(surveyId, tx), response].sort(byId);
  const values = { responseCount: responses.length, responses: JSON.stringify(responses) };
  tx.insert(surveyAnswerSets)
    .values({ surveyId, ...values })
    .onConflictDoUpdate({ target: surveyAnswerSets.surveyId, set: values })
    .run();
}

/** Writes a whole set of responses at once (the demo's evaluation), sorted like every other. */
export function writeResponses(tx: Tx, surveyId: number, responses: StoredResponse[]) {
  const sorted = responses.map((r) => ({ ...r, answers: [...r.answers].sort((a, b) => a.q - b.q || byId(a, b)) })).sort(byId);
  const values = { responseCount: sorted.length, responses: JSON.stringify(sorted) };
  tx.insert(surveyAnswerSets)
    .values({ surveyId, ...values })
    .onConflictDoUpdate({ target: surveyAnswerSets.surveyId, set: values })
    .run();
}
