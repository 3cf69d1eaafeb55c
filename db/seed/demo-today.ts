/**
 * The second demo network, "Bosetting og kvalifisering", a network at work today: its dates are
 * counted from the day it is seeded, so a newcomer finds meetings ahead with agendas, minutes of the
 * last weeks, measures that moved this week, figures reported this week and an open evaluation.
 * The people are the demo accounts of the Ukraine network, so both show under "Mine nettverk".
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../client";
import {
  actionItems,
  agendaItems,
  decisions,
  figureHistory,
  figures,
  measureEvents,
  measures,
  meetingAgencyAttendance,
  meetings,
  meetingSeries,
  memberships,
  metrics,
  networkAgencies,
  needs,
  networks,
  surveyInvitees,
  surveyQuestions,
  surveys,
  users,
} from "../schema";
import { mondayOfIsoWeek, isoWeekOf } from "~/utils/figures";
import type { DemoRole } from "./demo-data";
import { addDays, osloToday, osloToInstant } from "~/utils/oslo-time";

export const TODAY_NETWORK = {
  slug: "bosetting",
  name: "Bosetting og kvalifisering",
  description:
    "Tverretatlig nettverk for raskere bosetting og overgang til arbeid for flyktninger: IMDi, NAV, UDI, KS og kommunene, Skatteetaten og Digdir møtes hver torsdag.",
};

/** Who takes part, by the Ukraine demo's email, and their role here. */
const PEOPLE: Array<[string, DemoRole, string]> = [
  ["fasilitator@digdir.example", "facilitator", "Fasilitator: møter, referater og porteføljen"],
  ["kari.nordvik@digdir.example", "facilitator", "Medfasilitator"],
  ["representant@nav.example", "representative", "NAVs kontaktperson for introduksjonsprogram og arbeid"],
  ["representant@udi.example", "representative", "UDIs kontaktperson for vedtak og bosetting"],
  ["leder@imdi.example", "leader", "Avdelingsdirektør bosetting"],
  ["deltaker@skatteetaten.example", "participant", "Folkeregisteret"],
  ["per.olsen@ks.example", "representative", "KS: kommunenes kapasitet"],
  ["virksomhetsadmin@nav.example", "agency_admin", "Virksomhetsadministrator for NAV"],
];

const AGENCIES = ["nav", "udi", "imdi", "ks", "skatteetaten", "digdir"];

/** Past meetings (oldest first) with their agenda, decisions and action items; then the ones ahead. */
const PAST = [
  {
    agenda: ["Velkommen og mandat for nettverket", "Status bosetting i kommunene", "Hva skal vi måle?"],
    decision: "Nettverket måles på tid fra vedtak til bosetting og andel i arbeid etter ett år.",
  },
  {
    agenda: ["Bosettingsanmodninger for neste halvår", "Kapasitet i introduksjonsprogrammet"],
    decision: "KS samler kommunenes kapasitetstall innen to uker.",
  },
  { agenda: ["Tidlig kartlegging av kompetanse", "Status tiltakene"], decision: "NAV og IMDi lager felles mal for kompetansekartlegging." },
  { agenda: ["Adresse og D-nummer ved bosetting", "Status tallene"], decision: null },
  {
    agenda: ["Godkjenning av utdanning", "Språkopplæring ved siden av arbeid"],
    decision: "Digdir kartlegger tjenestekjeden for godkjenning av utdanning.",
  },
  { agenda: ["Tjenestekjedekartet for overgang til arbeid", "Status tiltakene"], decision: null },
  {
    agenda: ["Erfaringer fra tre kommuner", "Tall for kvalifisering"],
    decision: "Tre pilotkommuner tester felles kartlegging fra neste måned.",
  },
  { agenda: ["Status tiltakene", "Forberede evalueringen"], decision: "Evalueringen sendes ut nå og lukkes om to uker." },
];
const AHEAD = [
  ["Resultater fra pilotkommunene", "Introduksjonsprogram og arbeid: status fra NAV", "Evalueringen: svar så langt"],
  ["Bosettingstall for kvartalet", "Godkjenning av utdanning: funn fra kartet"],
  ["Plan for våren", "Runde rundt bordet"],
];

const NEEDS = ["Raskere bosetting etter vedtak", "Tidligere overgang til arbeid og utdanning"];

/** Measures: need, responsible agency, weeks ago it was made, and its moves (weeks ago). */
const MEASURES: Array<{
  title: string;
  need: number;
  responsible: string;
  made: number;
  moves: Array<[number, "establishment" | "execution" | "outside", string]>;
  status: "on_track" | "at_risk" | "stopped";
  nextStep: string;
}> = [
  {
    title: "Felles mal for kompetansekartlegging",
    need: 2,
    responsible: "nav",
    made: 6,
    moves: [
      [4, "establishment", "Arbeidsgruppe NAV og IMDi"],
      [0, "execution", "Pilot i tre kommuner"],
    ],
    status: "on_track",
    nextStep: "Samle erfaringer fra pilotkommunene",
  },
  {
    title: "Kapasitetstall fra kommunene hver måned",
    need: 1,
    responsible: "ks",
    made: 7,
    moves: [
      [5, "establishment", ""],
      [2, "execution", "Første tall levert"],
    ],
    status: "on_track",
    nextStep: "Legge tallene inn i portalen",
  },
  {
    title: "Adresse registrert før bosetting",
    need: 1,
    responsible: "udi",
    made: 4,
    moves: [[1, "establishment", "Skatteetaten og UDI ser på løsning"]],
    status: "at_risk",
    nextStep: "Avklare hjemmel for deling av adresse",
  },
  {
    title: "Tjenestekjedekart for godkjenning av utdanning",
    need: 2,
    responsible: "digdir",
    made: 3,
    moves: [],
    status: "on_track",
    nextStep: "Første workshop med HK-dir",
  },
  {
    title: "Språkopplæring på arbeidsplassen",
    need: 2,
    responsible: "imdi",
    made: 2,
    moves: [[0, "establishment", "Besluttet i dagens møte"]],
    status: "on_track",
    nextStep: "Finne to arbeidsgivere til pilot",
  },
];

/** Weekly flow metrics: name, stage, agency, unit, the value ten weeks ago and its weekly change. */
const METRICS: Array<{
  name: string;
  stage: "decision" | "settlement" | "work";
  agency: string;
  unit: string;
  start: number;
  step: number;
}> = [
  { name: "Vedtak om opphold", stage: "decision", agency: "udi", unit: "vedtak", start: 410, step: -6 },
  { name: "Bosatt i kommune", stage: "settlement", agency: "imdi", unit: "personer", start: 260, step: 9 },
  { name: "Startet i introduksjonsprogram", stage: "work", agency: "nav", unit: "personer", start: 140, step: 7 },
];

const LIKERT = [
  "Nettverket hjelper min virksomhet å bosette raskere",
  "Møtene bruker tiden godt",
  "Jeg vet hvem jeg skal kontakte i de andre virksomhetene",
];

/** Seeds the network inside the Ukraine demo's transaction; `agencyIds` and the accounts exist by then. */
export function seedTodayNetwork(tx: Tx, agencyIds: Map<string, number>, now = Date.now()) {
  const today = osloToday(now);
  const network = tx.insert(networks).values(TODAY_NETWORK).returning().get();
  for (const key of AGENCIES)
    tx.insert(networkAgencies)
      .values({ networkId: network.id, agencyId: agencyIds.get(key)! })
      .run();
  const userIds = new Map<string, number>();
  for (const [email, role, responsibility] of PEOPLE) {
    const user = tx
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = ${email}`)
      .get();
    if (!user) continue;
    userIds.set(email, user.id);
    tx.insert(memberships).values({ networkId: network.id, userId: user.id, role, responsibility }).run();
  }
  const facilitatorId = userIds.get("fasilitator@digdir.example") ?? null;
  const actor = { actorUserId: facilitatorId, actorName: "Ingrid Fasilitator" };

  // Thursdays at 13:00, eight behind and three ahead (today's, if it is Thursday, counts as ahead).
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const nextThursday = addDays(today, (4 - weekday + 7) % 7);
  const dates = [
    ...PAST.map((_, i) => addDays(nextThursday, -7 * (PAST.length - i))),
    ...AHEAD.map((_, i) => addDays(nextThursday, 7 * i)),
  ];
  const series = tx
    .insert(meetingSeries)
    .values({ networkId: network.id, title: "Samarbeidsmøte", intervalWeeks: 1, createdBy: facilitatorId })
    .returning()
    .get();
  const meetingIds: number[] = [];
  dates.forEach((date, i) => {
    const startsAt = osloToInstant(date, "13:00");
    const past = i < PAST.length;
    const publishedAt = past ? new Date(startsAt.getTime() + 3 * 60 * 60_000) : null;
    const agenda = past ? PAST[i]!.agenda : AHEAD[i - PAST.length]!;
    const meeting = tx
      .insert(meetings)
      .values({
        networkId: network.id,
        seriesId: series.id,
        title: "Samarbeidsmøte",
        startsAt,
        durationMinutes: 60,
        location: "Teams",
        minutes: past ? `## Oppsummering\n\n${agenda.map((a) => `- ${a}: drøftet, se vedtak og oppfølgingspunkter.`).join("\n")}` : "",
        minutesVersion: past ? 1 : 0,
        minutesState: past ? "published" : "draft",
        publishedAt,
        updatedAt: publishedAt ?? new Date(now),
      })
      .returning({ id: meetings.id })
      .get();
    meetingIds.push(meeting.id);
    agenda.forEach((title, position) =>
      tx
        .insert(agendaItems)
        .values({ meetingId: meeting.id, position: position + 1, title, plannedMinutes: 20, done: past })
        .run(),
    );
    if (!past) return;
    for (const key of AGENCIES.slice(0, 4 + (i % 3)))
      tx.insert(meetingAgencyAttendance)
        .values({ meetingId: meeting.id, agencyId: agencyIds.get(key)! })
        .run();
    const decision = PAST[i]!.decision;
    if (decision) tx.insert(decisions).values({ meetingId: meeting.id, text: decision }).run();
  });
  // Action items from the last meetings: some open, due around now, for NAV and for its representative.
  const lastPast = meetingIds[PAST.length - 1]!;
  const before = meetingIds[PAST.length - 2]!;
  const nav = userIds.get("representant@nav.example") ?? null;
  tx.insert(actionItems)
    .values({
      meetingId: lastPast,
      text: "Sende oppdaterte tall for introduksjonsprogrammet",
      agencyId: agencyIds.get("nav")!,
      assigneeUserId: nav,
      dueDate: addDays(today, 2),
    })
    .run();
  tx.insert(actionItems)
    .values({
      meetingId: lastPast,
      text: "Forberede innlegg om pilotkommunene",
      agencyId: agencyIds.get("nav")!,
      dueDate: addDays(today, 7),
    })
    .run();
  tx.insert(actionItems)
    .values({
      meetingId: before,
      text: "Avklare hjemmel for deling av adresse",
      agencyId: agencyIds.get("udi")!,
      assigneeUserId: userIds.get("representant@udi.example") ?? null,
      dueDate: addDays(today, -1),
    })
    .run();
  tx.insert(actionItems)
    .values({
      meetingId: before,
      text: "Sende invitasjon til evalueringen",
      agencyId: agencyIds.get("digdir")!,
      dueDate: addDays(today, -3),
      doneAt: new Date(now - 3 * 86_400_000),
    })
    .run();

  // Needs and measures; "weeks ago" falls on that week's meeting, 0 is this week's (or today).
  const needIds = NEEDS.map(
    (title, i) =>
      tx
        .insert(needs)
        .values({ networkId: network.id, number: i + 1, title })
        .returning()
        .get().id,
  );
  const weeksAgo = (n: number) =>
    n === 0 ? new Date(now - 60 * 60_000) : new Date(osloToInstant(dates[PAST.length - n]!, "14:30").getTime());
  const meetingWeeksAgo = (n: number) => (n === 0 ? null : meetingIds[PAST.length - n]!);
  for (const m of MEASURES) {
    const last = m.moves.at(-1);
    const measure = tx
      .insert(measures)
      .values({
        networkId: network.id,
        title: m.title,
        needId: needIds[m.need - 1],
        phase: last?.[1] ?? "identified",
        responsibleAgencyId: agencyIds.get(m.responsible)!,
        nextStep: m.nextStep,
        status: m.status,
        priority: "necessary",
        startDate: weeksAgo(m.made).toISOString().slice(0, 10),
        version: 1 + m.moves.length,
        phaseSince: weeksAgo(last?.[0] ?? m.made),
        createdBy: facilitatorId,
        createdAt: weeksAgo(m.made),
        updatedAt: weeksAgo(last?.[0] ?? m.made),
      })
      .returning({ id: measures.id })
      .get();
    tx.insert(measureEvents)
      .values({
        measureId: measure.id,
        kind: "created",
        toValue: "identified",
        meetingId: meetingWeeksAgo(m.made),
        at: weeksAgo(m.made),
        ...actor,
      })
      .run();
    let from = "identified";
    for (const [ago, to, note] of m.moves) {
      tx.insert(measureEvents)
        .values({
          measureId: measure.id,
          kind: "phase",
          fromValue: from,
          toValue: to,
          note,
          meetingId: meetingWeeksAgo(ago),
          at: weeksAgo(ago),
          ...actor,
        })
        .run();
      from = to;
    }
  }

  // Weekly figures for the last ten weeks, each reported and published on the Monday after.
  const { year, week } = isoWeekOf(today);
  const thisMonday = mondayOfIsoWeek(year, week)!;
  for (const m of METRICS) {
    const metric = tx
      .insert(metrics)
      .values({
        networkId: network.id,
        name: m.name,
        unit: m.unit,
        stage: m.stage,
        agencyId: agencyIds.get(m.agency)!,
        cadence: "weekly",
        threshold: 5,
        inFlow: true,
        createdBy: facilitatorId,
        createdAt: new Date(now - 80 * 86_400_000),
      })
      .returning({ id: metrics.id })
      .get();
    for (let n = 10; n >= 1; n--) {
      const period = addDays(thisMonday, -7 * n);
      const reportedAt = osloToInstant(addDays(period, 7), "09:00");
      if (reportedAt.getTime() > now) continue;
      const value = Math.max(0, m.start + m.step * (10 - n) + ((n * 37) % 11) - 5);
      const figure = tx
        .insert(figures)
        .values({ metricId: metric.id, period, value, status: "published", updatedAt: reportedAt, publishedAt: reportedAt })
        .returning({ id: figures.id })
        .get();
      tx.insert(figureHistory).values({ figureId: figure.id, change: "published", value, comment: "", changedAt: reportedAt }).run();
    }
  }

  // An evaluation open since three days ago, closing in eleven, sent to every member.
  const survey = tx
    .insert(surveys)
    .values({
      networkId: network.id,
      title: "Hvordan fungerer nettverket?",
      intro: "Tre korte spørsmål før vi planlegger våren. Svarene er anonyme, også for Digdir.",
      status: "open",
      opensOn: addDays(today, -3),
      closesOn: addDays(today, 11),
      invitedCount: userIds.size,
      createdBy: facilitatorId,
      createdAt: new Date(now - 4 * 86_400_000),
    })
    .returning({ id: surveys.id })
    .get();
  LIKERT.forEach((text, i) =>
    tx
      .insert(surveyQuestions)
      .values({
        surveyId: survey.id,
        position: i + 1,
        section: "Nettverket",
        kind: "likert",
        text,
        lowLabel: "I liten grad",
        highLabel: "I stor grad",
      })
      .run(),
  );
  tx.insert(surveyQuestions)
    .values({ surveyId: survey.id, position: LIKERT.length + 1, section: "Nettverket", kind: "text", text: "Hva bør vi gjøre annerledes?" })
    .run();
  for (const userId of userIds.values()) tx.insert(surveyInvitees).values({ surveyId: survey.id, userId }).run();
  return network;
}
