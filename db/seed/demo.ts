import { hash } from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import { db } from "../client";
import {
  actionItems,
  agencies,
  agendaItems,
  answerThemes,
  decisions,
  docSnapshots,
  figureHistory,
  figures,
  maps,
  measureAgencies,
  measureEvents,
  measures,
  meetingAgencyAttendance,
  meetingGuests,
  meetings,
  meetingSeries,
  memberships,
  metrics,
  networkAgencies,
  needs,
  networks,
  surveyInvitees,
  surveyParticipation,
  surveyQuestions,
  surveys,
  users,
} from "../schema";
import { DEMO_MEASURES, DEMO_NEEDS } from "./demo-measures";
import { DEMO_MEETINGS } from "./demo-meetings";
import { buildDemoMap, DEMO_MAP_TITLE } from "./demo-map";
import { DEMO_METRICS, DEMO_MONTHS, DEMO_WEEKS } from "./demo-figures";
import { randomAnswerId, writeResponses, type StoredResponse } from "../answer-sets";
import { DEMO_LIKERT, DEMO_SURVEY, DEMO_TEXTS, LIKERT_LABELS } from "./demo-evaluation";
import { DEMO_AGENCIES, DEMO_NETWORK, DEMO_PASSWORD, DEMO_PEOPLE } from "./demo-data";
import { seedTodayNetwork } from "./demo-today";
import { recordAudit } from "../../app/models/audit.server";
import { mapDocName } from "../../app/utils/map-doc-name";

/** Seeds the demo network when the database has no network yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const [{ count }] = db
    .select({ count: sql<number>`count(*)` })
    .from(networks)
    .all();
  if (count > 0) return false;
  // Every demo account has the same password, so one hash serves them all.
  const passwordHash = await hash(DEMO_PASSWORD);
  db.transaction((tx) => {
    const agencyIds = new Map<string, number>();
    for (const agency of DEMO_AGENCIES) {
      const row = tx
        .insert(agencies)
        .values({ name: agency.name, shortName: agency.shortName, orgNumber: agency.orgNumber })
        .onConflictDoUpdate({ target: agencies.shortName, set: { name: agency.name } })
        .returning({ id: agencies.id })
        .get();
      agencyIds.set(agency.key, row.id);
    }
    const network = tx.insert(networks).values(DEMO_NETWORK).returning().get();
    for (const id of agencyIds.values()) {
      tx.insert(networkAgencies).values({ networkId: network.id, agencyId: id }).run();
    }
    for (const person of DEMO_PEOPLE) {
      const user = tx
        .insert(users)
        .values({
          email: person.email,
          name: person.name,
          passwordHash,
          agencyId: agencyIds.get(person.agency) ?? null,
          isAdmin: person.isAdmin ?? false,
        })
        .onConflictDoNothing()
        .returning({ id: users.id })
        .get();
      if (user && person.role) {
        tx.insert(memberships)
          .values({ networkId: network.id, userId: user.id, role: person.role, responsibility: person.responsibility })
          .run();
      }
    }
    // The ten meetings, as one weekly series (Easter and Ascension Day were skipped).
    const series = tx
      .insert(meetingSeries)
      .values({ networkId: network.id, title: "Ukentlig samarbeidsmøte", intervalWeeks: 1 })
      .returning()
      .get();
    for (const m of DEMO_MEETINGS) {
      // 13:00 in Oslo in April–June is 11:00 UTC (summer time).
      const startsAt = new Date(`${m.date}T11:00:00Z`);
      const publishedAt = new Date(startsAt.getTime() + 26 * 60 * 60_000);
      const meeting = tx
        .insert(meetings)
        .values({
          networkId: network.id,
          seriesId: series.id,
          title: "Ukentlig samarbeidsmøte",
          startsAt,
          durationMinutes: 60,
          location: "Teams",
          minutes: m.minutes,
          minutesVersion: 1,
          minutesState: "published",
          publishedAt,
          updatedAt: publishedAt,
        })
        .returning()
        .get();
      m.agenda.forEach((item, index) =>
        tx
          .insert(agendaItems)
          .values({
            meetingId: meeting.id,
            position: index + 1,
            title: item.title,
            presenterAgencyId: item.presenter ? agencyIds.get(item.presenter) : null,
            plannedMinutes: item.minutes,
            notes: item.notes ?? "",
            done: true,
          })
          .run(),
      );
      for (const key of m.agencies)
        tx.insert(meetingAgencyAttendance)
          .values({ meetingId: meeting.id, agencyId: agencyIds.get(key)! })
          .run();
      for (const guest of m.guests ?? [])
        tx.insert(meetingGuests)
          .values({ meetingId: meeting.id, ...guest })
          .run();
      for (const text of m.decisions ?? []) tx.insert(decisions).values({ meetingId: meeting.id, text }).run();
      for (const a of m.actions ?? []) {
        tx.insert(actionItems)
          .values({
            meetingId: meeting.id,
            text: a.text,
            agencyId: a.agency ? agencyIds.get(a.agency) : null,
            dueDate: a.due ?? null,
            doneAt: a.done ? publishedAt : null,
          })
          .run();
      }
    }
    // The needs and the eight measures, with their history on the meeting days.
    const facilitatorId =
      tx
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.email} = 'fasilitator@digdir.example'`)
        .get()?.id ?? null;
    const meetingOn = (date: string) =>
      tx
        .select({ id: meetings.id })
        .from(meetings)
        .where(sql`date(${meetings.startsAt} / 1000, 'unixepoch') = ${date}`)
        .get()?.id ?? null;
    const needIds = DEMO_NEEDS.map(
      (title, i) =>
        tx
          .insert(needs)
          .values({ networkId: network.id, number: i + 1, title })
          .returning()
          .get().id,
    );
    for (const m of DEMO_MEASURES) {
      const at = (date: string) => new Date(`${date}T12:30:00Z`);
      const last = m.moves.at(-1);
      const measure = tx
        .insert(measures)
        .values({
          networkId: network.id,
          title: m.title,
          description: m.description,
          needId: needIds[m.need - 1],
          phase: last?.to ?? "identified",
          responsibleAgencyId: m.responsible ? agencyIds.get(m.responsible) : null,
          nextStep: m.nextStep,
          status: m.status,
          priority: m.priority,
          startDate: m.created,
          version: 1 + m.moves.length,
          phaseSince: at(last?.date ?? m.created),
          createdBy: facilitatorId,
          createdAt: at(m.created),
          updatedAt: at(last?.date ?? m.created),
        })
        .returning()
        .get();
      for (const key of m.others)
        tx.insert(measureAgencies)
          .values({ measureId: measure.id, agencyId: agencyIds.get(key)! })
          .run();
      const actor = { actorUserId: facilitatorId, actorName: "Ingrid Fasilitator" };
      tx.insert(measureEvents)
        .values({
          measureId: measure.id,
          kind: "created",
          toValue: "identified",
          meetingId: meetingOn(m.created),
          at: at(m.created),
          ...actor,
        })
        .run();
      let from = "identified";
      for (const move of m.moves) {
        tx.insert(measureEvents)
          .values({
            measureId: measure.id,
            kind: "phase",
            fromValue: from,
            toValue: move.to,
            note: move.note,
            meetingId: meetingOn(move.date),
            at: at(move.date),
            ...actor,
          })
          .run();
        from = move.to;
      }
      tx.insert(measureEvents)
        .values({
          measureId: measure.id,
          kind: "next_step",
          toValue: m.nextStep,
          meetingId: meetingOn(last?.date ?? m.created),
          at: new Date(at(last?.date ?? m.created).getTime() + 60_000),
          ...actor,
        })
        .run();
    }
    // The demo service-chain map, stored as the document's first compacted state.
    const map = tx
      .insert(maps)
      .values({
        networkId: network.id,
        title: DEMO_MAP_TITLE,
        createdBy: facilitatorId,
        createdAt: new Date("2022-04-21T12:30:00Z"),
        updatedAt: new Date("2022-06-23T12:30:00Z"),
      })
      .returning()
      .get();
    tx.insert(docSnapshots)
      .values({ docName: mapDocName(map.id), kind: "compaction", state: Buffer.from(buildDemoMap()), upToUpdateId: 0 })
      .run();
    // Production figures, reported on Mondays after the week and published the same day.
    for (const m of DEMO_METRICS) {
      const metric = tx
        .insert(metrics)
        .values({
          networkId: network.id,
          name: m.name,
          description: m.description,
          unit: m.unit,
          stage: m.stage,
          agencyId: agencyIds.get(m.agency)!,
          cadence: m.cadence,
          threshold: m.threshold,
          inFlow: m.inFlow,
          createdBy: facilitatorId,
          createdAt: new Date("2022-04-07T12:00:00Z"),
        })
        .returning({ id: metrics.id })
        .get();
      const periods = m.cadence === "weekly" ? DEMO_WEEKS : DEMO_MONTHS;
      m.values.forEach((value, i) => {
        const reportedAt = new Date(Date.parse(`${periods[i]}T08:00:00Z`) + (m.cadence === "weekly" ? 7 : 31) * 86_400_000);
        const draft = i >= m.values.length - (m.drafts ?? 0);
        const comment = m.comments?.[i] ?? "";
        const figure = tx
          .insert(figures)
          .values({
            metricId: metric.id,
            period: periods[i],
            value,
            comment,
            status: draft ? "draft" : "published",
            updatedAt: reportedAt,
            publishedAt: draft ? null : reportedAt,
          })
          .returning({ id: figures.id })
          .get();
        tx.insert(figureHistory).values({ figureId: figure.id, change: "draft", value, comment, changedAt: reportedAt }).run();
        if (!draft)
          tx.insert(figureHistory).values({ figureId: figure.id, change: "published", value, comment, changedAt: reportedAt }).run();
      });
    }
    // The evaluation, closed with its 18 anonymous responses (random ids, no people, no times).
    const survey = tx
      .insert(surveys)
      .values({
        networkId: network.id,
        title: DEMO_SURVEY.title,
        intro: DEMO_SURVEY.intro,
        status: "closed",
        opensOn: DEMO_SURVEY.opensOn,
        closesOn: DEMO_SURVEY.closesOn,
        invitedCount: DEMO_SURVEY.invitedCount,
        resultsShared: true,
        createdBy: facilitatorId,
        createdAt: new Date("2022-06-16T10:00:00Z"),
      })
      .returning({ id: surveys.id })
      .get();
    let position = 0;
    const questionIds = {
      likert: DEMO_LIKERT.map(
        (q) =>
          tx
            .insert(surveyQuestions)
            .values({
              surveyId: survey.id,
              position: ++position,
              section: q.section,
              kind: "likert",
              text: q.text,
              lowLabel: LIKERT_LABELS.low,
              highLabel: LIKERT_LABELS.high,
            })
            .returning({ id: surveyQuestions.id })
            .get().id,
      ),
      texts: DEMO_TEXTS.map(
        (q) =>
          tx
            .insert(surveyQuestions)
            .values({ surveyId: survey.id, position: ++position, section: q.section, kind: "text", text: q.text })
            .returning({ id: surveyQuestions.id })
            .get().id,
      ),
    };
    const shuffled = <T>(list: T[]) =>
      list
        .map((v) => [Math.random(), v] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, v]) => v);
    const responses: StoredResponse[] = Array.from({ length: DEMO_SURVEY.responses }, () => ({ id: randomAnswerId(), answers: [] }));
    DEMO_LIKERT.forEach((q, i) => {
      const values = shuffled(q.counts.flatMap((count, v) => Array.from({ length: count }, () => v + 1)));
      values.forEach((value, r) =>
        responses[r].answers.push({ id: randomAnswerId(), q: questionIds.likert[i], v: value, dk: false, t: null }),
      );
    });
    DEMO_TEXTS.forEach((q, i) => {
      const who = shuffled(responses);
      q.answers.forEach((a, n) => {
        const answerId = randomAnswerId();
        who[n].answers.push({ id: answerId, q: questionIds.texts[i], v: null, dk: false, t: a.text });
        if (a.theme) tx.insert(answerThemes).values({ surveyId: survey.id, answerId, theme: a.theme }).run();
      });
    });
    writeResponses(tx, survey.id, responses);
    const members = tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(sql`${memberships.networkId} = ${network.id}`)
      .all();
    for (const m of members) tx.insert(surveyInvitees).values({ surveyId: survey.id, userId: m.userId }).run();
    for (const m of shuffled(members).slice(0, DEMO_SURVEY.responses))
      tx.insert(surveyParticipation).values({ surveyId: survey.id, userId: m.userId }).run();
    const today = seedTodayNetwork(tx, agencyIds);
    for (const [created, count] of [
      [network, DEMO_PEOPLE.filter((p) => p.role).length],
      [
        today,
        tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(sql`${memberships.networkId} = ${today.id}`)
          .all().length,
      ],
    ] as const) {
      recordAudit(tx, {
        actor: null,
        networkId: created.id,
        action: "network.created",
        entityType: "network",
        entityId: created.id,
        message: { key: "audit.msg.demoCreated", params: { name: created.name, count } },
      });
    }
  });
  return true;
}
