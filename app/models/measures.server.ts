import { and, asc, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { agencies, measureAgencies, measureEvents, measures, meetings, needs, networkAgencies } from "../../db/schema";
import type { MeasureStatus, Phase, Priority } from "~/utils/measures";
import { recordAudit } from "./audit.server";
import { clip, term } from "./audit-message";
import { ConflictError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { assertCan, can, type Actor } from "./permissions.server";

/** What a measure is now, shown to someone whose change came after another's (a 409). */
export interface MeasureNow {
  phase: Phase;
  status: MeasureStatus;
  nextStep: string;
  version: number;
}

/** Someone changed the measure since this person loaded it: nothing happens, and they see how it is now. */
function changedSince(measure: MeasureNow) {
  const { phase, status, nextStep, version } = measure;
  return new ConflictError<MeasureNow>("measures.conflict", { phase, status, nextStep, version });
}

export interface MeasureFilter {
  agencyId?: number;
  needId?: number;
  status?: MeasureStatus;
  priority?: Priority;
}

export interface MeasureInput {
  title: string;
  description: string;
  needId: number | null;
  responsibleAgencyId: number | null;
  agencyIds: number[];
  nextStep: string;
  status: MeasureStatus;
  priority: Priority;
  startDate: string | null;
  endDate: string | null;
}

function measureInNetwork(tx: Tx | typeof db, actor: Actor, measureId: number) {
  const measure = tx
    .select()
    .from(measures)
    .where(and(eq(measures.id, measureId), eq(measures.networkId, actor.networkId)))
    .get();
  if (!measure) throw new NotFoundError("measure");
  return measure;
}

function participating(tx: Tx | typeof db, measureId: number) {
  return tx
    .select({ id: measureAgencies.agencyId })
    .from(measureAgencies)
    .where(eq(measureAgencies.measureId, measureId))
    .all()
    .map((r) => r.id);
}

/** Facilitators change any measure; representatives those their agency is responsible for or takes part in. */
function assertMayUpdate(tx: Tx | typeof db, actor: Actor, measure: { id: number; responsibleAgencyId: number | null }) {
  assertCan(actor, "measures.updateOwn");
  if (can(actor.role, "measures.manage")) return;
  const own =
    actor.agencyId !== null && (measure.responsibleAgencyId === actor.agencyId || participating(tx, measure.id).includes(actor.agencyId));
  if (!own) throw new ForbiddenError("not your agency's measure");
}

function assertRefs(tx: Tx | typeof db, actor: Actor, input: Pick<MeasureInput, "needId" | "responsibleAgencyId" | "agencyIds">) {
  const inNetwork = new Set(
    tx
      .select({ id: networkAgencies.agencyId })
      .from(networkAgencies)
      .where(eq(networkAgencies.networkId, actor.networkId))
      .all()
      .map((r) => r.id),
  );
  if (input.responsibleAgencyId !== null && !inNetwork.has(input.responsibleAgencyId))
    throw new DomainValidationError("responsibleAgencyId", "validation.agency");
  if (!input.agencyIds.every((id) => inNetwork.has(id))) throw new DomainValidationError("agencyIds", "validation.agency");
  if (
    input.needId !== null &&
    !tx
      .select()
      .from(needs)
      .where(and(eq(needs.id, input.needId), eq(needs.networkId, actor.networkId)))
      .get()
  ) {
    throw new DomainValidationError("needId", "measures.unknownNeed");
  }
}

function assertMeeting(tx: Tx | typeof db, actor: Actor, meetingId: number | null) {
  if (meetingId === null) return;
  if (
    !tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, actor.networkId)))
      .get()
  ) {
    throw new DomainValidationError("meetingId", "measures.unknownMeeting");
  }
}

function event(
  tx: Tx,
  actor: Actor,
  measureId: number,
  kind: (typeof measureEvents.$inferInsert)["kind"],
  values: { from?: string | null; to?: string | null; note?: string; meetingId?: number | null },
  now: number,
) {
  tx.insert(measureEvents)
    .values({
      measureId,
      kind,
      fromValue: values.from ?? null,
      toValue: values.to ?? null,
      note: values.note ?? "",
      meetingId: values.meetingId ?? null,
      actorUserId: actor.userId,
      actorName: actor.name,
      at: new Date(now),
    })
    .run();
}

/** The portfolio of the network with each measure's agencies and need, filtered as asked. */
export function listMeasures({ actor, filter = {} }: { actor: Actor; filter?: MeasureFilter }) {
  assertCan(actor, "measures.view");
  const conditions: SQL[] = [eq(measures.networkId, actor.networkId)];
  if (filter.needId) conditions.push(eq(measures.needId, filter.needId));
  if (filter.status) conditions.push(eq(measures.status, filter.status));
  if (filter.priority) conditions.push(eq(measures.priority, filter.priority));
  if (filter.agencyId) {
    const taking = db.select({ id: measureAgencies.measureId }).from(measureAgencies).where(eq(measureAgencies.agencyId, filter.agencyId));
    conditions.push(or(eq(measures.responsibleAgencyId, filter.agencyId), inArray(measures.id, taking))!);
  }
  const rows = db
    .select({
      id: measures.id,
      title: measures.title,
      phase: measures.phase,
      status: measures.status,
      priority: measures.priority,
      nextStep: measures.nextStep,
      version: measures.version,
      phaseSince: measures.phaseSince,
      updatedAt: measures.updatedAt,
      startDate: measures.startDate,
      endDate: measures.endDate,
      needId: measures.needId,
      needNumber: needs.number,
      needTitle: needs.title,
      responsibleAgencyId: measures.responsibleAgencyId,
      responsible: agencies.shortName,
    })
    .from(measures)
    .leftJoin(agencies, eq(agencies.id, measures.responsibleAgencyId))
    .leftJoin(needs, eq(needs.id, measures.needId))
    .where(and(...conditions))
    .orderBy(asc(measures.title))
    .all();
  const ids = rows.map((r) => r.id);
  const others = ids.length
    ? db
        .select({ measureId: measureAgencies.measureId, id: agencies.id, shortName: agencies.shortName })
        .from(measureAgencies)
        .innerJoin(agencies, eq(agencies.id, measureAgencies.agencyId))
        .where(inArray(measureAgencies.measureId, ids))
        .orderBy(asc(agencies.shortName))
        .all()
    : [];
  const byMeasure = new Map<number, typeof others>();
  for (const o of others) byMeasure.set(o.measureId, [...(byMeasure.get(o.measureId) ?? []), o]);
  return rows.map((r) => {
    const mine = byMeasure.get(r.id) ?? [];
    return {
      ...r,
      agencies: mine.map((o) => o.shortName),
      agencyIds: mine.map((o) => o.id),
      mayUpdate:
        can(actor.role, "measures.manage") ||
        (can(actor.role, "measures.updateOwn") &&
          actor.agencyId !== null &&
          (r.responsibleAgencyId === actor.agencyId || mine.some((o) => o.id === actor.agencyId))),
    };
  });
}

export function getMeasure({ actor, measureId }: { actor: Actor; measureId: number }) {
  assertCan(actor, "measures.view");
  const measure = measureInNetwork(db, actor, measureId);
  const row = listMeasures({ actor }).find((m) => m.id === measure.id)!;
  const history = db
    .select({
      id: measureEvents.id,
      kind: measureEvents.kind,
      fromValue: measureEvents.fromValue,
      toValue: measureEvents.toValue,
      note: measureEvents.note,
      at: measureEvents.at,
      actorName: measureEvents.actorName,
      meetingId: measureEvents.meetingId,
      meetingStartsAt: meetings.startsAt,
    })
    .from(measureEvents)
    .leftJoin(meetings, eq(meetings.id, measureEvents.meetingId))
    .where(eq(measureEvents.measureId, measure.id))
    .orderBy(desc(measureEvents.at), desc(measureEvents.id))
    .all();
  return { measure: { ...row, description: measure.description, sourcePath: measure.sourcePath }, history };
}

export function listNeeds({ actor }: { actor: Actor }) {
  assertCan(actor, "measures.view");
  return db.select().from(needs).where(eq(needs.networkId, actor.networkId)).orderBy(asc(needs.number)).all();
}

/** A facilitator records a need the network sets out to meet; needs are numbered in order. */
export function createNeed({ actor, title }: { actor: Actor; title: string }) {
  assertCan(actor, "measures.manage");
  return db.transaction((tx) => {
    const last = tx
      .select({ number: needs.number })
      .from(needs)
      .where(eq(needs.networkId, actor.networkId))
      .orderBy(desc(needs.number))
      .limit(1)
      .get();
    const need = tx
      .insert(needs)
      .values({ networkId: actor.networkId, number: (last?.number ?? 0) + 1, title })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "need.created",
      entityType: "need",
      entityId: need.id,
      message: { key: "audit.msg.needCreated", params: { number: need.number, title } },
    });
    return need;
  });
}

/**
 * Adds a measure. Facilitators fill in everything; a representative's proposal always starts as
 * identified, whatever the form said.
 */
export function createMeasure(
  {
    actor,
    input,
    phase = "identified",
    sourcePath = null,
  }: { actor: Actor; input: MeasureInput; phase?: Phase; sourcePath?: string | null },
  now = Date.now(),
) {
  assertCan(actor, "measures.propose");
  return db.transaction((tx) => insertMeasure(tx, { actor, input, phase, sourcePath }, now));
}

/** Inserts a measure with its agencies, first event and audit entry, inside the caller's transaction. */
export function insertMeasure(
  tx: Tx,
  { actor, input, phase, sourcePath }: { actor: Actor; input: MeasureInput; phase: Phase; sourcePath: string | null },
  now: number,
) {
  const facilitator = can(actor.role, "measures.manage");
  const startPhase: Phase = facilitator ? phase : "identified";
  assertRefs(tx, actor, input);
  const { agencyIds, ...fields } = input;
  const measure = tx
    .insert(measures)
    .values({
      ...fields,
      networkId: actor.networkId,
      phase: startPhase,
      phaseSince: new Date(now),
      updatedAt: new Date(now),
      createdBy: actor.userId,
      sourcePath,
    })
    .returning()
    .get();
  const others = [...new Set(agencyIds)].filter((id) => id !== input.responsibleAgencyId);
  if (others.length)
    tx.insert(measureAgencies)
      .values(others.map((agencyId) => ({ measureId: measure.id, agencyId })))
      .run();
  // A representative's measure is a proposal: its first event says so (shown in the reader's language).
  event(tx, actor, measure.id, "created", { from: facilitator ? null : PROPOSAL, to: startPhase }, now);
  recordAudit(tx, {
    actor,
    networkId: actor.networkId,
    action: facilitator ? "measure.created" : "measure.proposed",
    entityType: "measure",
    entityId: measure.id,
    message: {
      key: facilitator ? "audit.msg.measureCreated" : "audit.msg.measureProposed",
      params: { title: input.title, phase: term(`phase.${startPhase}`) },
    },
  });
  return measure;
}

/** The `fromValue` of a measure's first event when a representative proposed it. */
export const PROPOSAL = "proposal";

/** A facilitator edits a measure's details (not its phase: that is a move, with history). */
export function updateMeasure(
  { actor, measureId, input, version }: { actor: Actor; measureId: number; input: MeasureInput; version: number },
  now = Date.now(),
) {
  assertCan(actor, "measures.manage");
  db.transaction((tx) => {
    const measure = measureInNetwork(tx, actor, measureId);
    if (measure.version !== version) throw changedSince(measure);
    assertRefs(tx, actor, input);
    const { agencyIds, ...fields } = input;
    tx.update(measures)
      .set({ ...fields, version: measure.version + 1, updatedAt: new Date(now) })
      .where(eq(measures.id, measure.id))
      .run();
    tx.delete(measureAgencies).where(eq(measureAgencies.measureId, measure.id)).run();
    const others = [...new Set(agencyIds)].filter((id) => id !== input.responsibleAgencyId);
    if (others.length)
      tx.insert(measureAgencies)
        .values(others.map((agencyId) => ({ measureId: measure.id, agencyId })))
        .run();
    if (measure.status !== input.status) event(tx, actor, measure.id, "status", { from: measure.status, to: input.status }, now);
    if (measure.nextStep !== input.nextStep) event(tx, actor, measure.id, "next_step", { from: measure.nextStep, to: input.nextStep }, now);
    event(tx, actor, measure.id, "updated", {}, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "measure.updated",
      entityType: "measure",
      entityId: measure.id,
      message: { key: "audit.msg.measureUpdated", params: { title: input.title } },
    });
  });
}

/**
 * Moves a measure to another phase, with an optional note and the meeting that decided it. The mover
 * names the version they saw: if someone moved or changed it since, nothing happens and they are
 * shown the current state.
 */
export function moveMeasure(
  {
    actor,
    measureId,
    phase,
    version,
    note = "",
    meetingId = null,
  }: { actor: Actor; measureId: number; phase: Phase; version: number; note?: string; meetingId?: number | null },
  now = Date.now(),
) {
  return db.transaction((tx) => {
    const measure = measureInNetwork(tx, actor, measureId);
    assertMayUpdate(tx, actor, measure);
    assertMeeting(tx, actor, meetingId);
    if (measure.version !== version) throw changedSince(measure);
    if (measure.phase === phase) return measure;
    const updated = tx
      .update(measures)
      .set({ phase, phaseSince: new Date(now), version: measure.version + 1, updatedAt: new Date(now) })
      .where(and(eq(measures.id, measure.id), eq(measures.version, version)))
      .returning()
      .get();
    event(tx, actor, measure.id, "phase", { from: measure.phase, to: phase, note, meetingId }, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "measure.moved",
      entityType: "measure",
      entityId: measure.id,
      message: {
        key: "audit.msg.measureMoved",
        params: {
          title: measure.title,
          from: term(`phase.${measure.phase}`),
          to: term(`phase.${phase}`),
          note: note ? ` («${clip(note, 120)}»)` : "",
        },
      },
    });
    return updated;
  });
}

/** Next step and status, by a facilitator or a representative of an agency in the measure. */
export function updateProgress(
  {
    actor,
    measureId,
    nextStep,
    status,
    version,
    note = "",
    meetingId = null,
  }: {
    actor: Actor;
    measureId: number;
    nextStep: string;
    status: MeasureStatus;
    version: number;
    note?: string;
    meetingId?: number | null;
  },
  now = Date.now(),
) {
  db.transaction((tx) => {
    const measure = measureInNetwork(tx, actor, measureId);
    assertMayUpdate(tx, actor, measure);
    assertMeeting(tx, actor, meetingId);
    if (measure.version !== version) throw changedSince(measure);
    if (measure.nextStep === nextStep && measure.status === status) return;
    tx.update(measures)
      .set({ nextStep, status, version: measure.version + 1, updatedAt: new Date(now) })
      .where(eq(measures.id, measure.id))
      .run();
    if (measure.status !== status) event(tx, actor, measure.id, "status", { from: measure.status, to: status, note, meetingId }, now);
    if (measure.nextStep !== nextStep)
      event(tx, actor, measure.id, "next_step", { from: measure.nextStep, to: nextStep, note, meetingId }, now);
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "measure.progress",
      entityType: "measure",
      entityId: measure.id,
      message: {
        key:
          measure.status !== status && measure.nextStep !== nextStep
            ? "audit.msg.measureStatusAndNextStep"
            : measure.status !== status
              ? "audit.msg.measureStatus"
              : "audit.msg.measureNextStep",
        params: {
          title: measure.title,
          from: term(`measureStatus.${measure.status}`),
          to: term(`measureStatus.${status}`),
          nextStep: clip(nextStep, 120),
        },
      },
    });
  });
}

const DAY = 24 * 60 * 60_000;

/** Monday of the ISO week of an instant, as a date string (weeks for the phase-change chart). */
function weekOf(instant: Date) {
  const d = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The leaders' dashboard: measures per phase, per responsible agency and per status; time in phase; phase changes per week. */
export function portfolioDashboard({ actor }: { actor: Actor }, now = Date.now()) {
  assertCan(actor, "measures.view");
  const list = listMeasures({ actor });
  const count = <K extends string>(keys: readonly K[], of: (m: (typeof list)[number]) => K) =>
    keys.map((key) => ({ key, count: list.filter((m) => of(m) === key).length }));
  const perPhase = count(["identified", "establishment", "execution", "outside"] as const, (m) => m.phase);
  const perStatus = count(["on_track", "at_risk", "stopped"] as const, (m) => m.status);
  const responsible = new Map<string, number>();
  for (const m of list) responsible.set(m.responsible ?? "", (responsible.get(m.responsible ?? "") ?? 0) + 1);
  const perAgency = [...responsible.entries()]
    .map(([agency, n]) => ({ agency, count: n }))
    .sort((a, b) => b.count - a.count || a.agency.localeCompare(b.agency, "nb"));
  const timeInPhase = list
    .filter((m) => m.phase !== "outside")
    .map((m) => ({ id: m.id, title: m.title, phase: m.phase, days: Math.floor((now - new Date(m.phaseSince).getTime()) / DAY) }))
    .sort((a, b) => b.days - a.days);
  const moves = db
    .select({ at: measureEvents.at })
    .from(measureEvents)
    .innerJoin(measures, eq(measures.id, measureEvents.measureId))
    .where(and(eq(measures.networkId, actor.networkId), eq(measureEvents.kind, "phase")))
    .all();
  const weeks = new Map<string, number>();
  for (const m of moves) weeks.set(weekOf(m.at), (weeks.get(weekOf(m.at)) ?? 0) + 1);
  const perWeek = [...weeks.entries()].map(([week, n]) => ({ week, count: n })).sort((a, b) => a.week.localeCompare(b.week));
  return { total: list.length, perPhase, perStatus, perAgency, timeInPhase, perWeek };
}
