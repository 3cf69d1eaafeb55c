/**
 * Production figures: what a network counts (metrics), the values agencies report per period, their
 * publication, locks and corrections. Suppression of small values happens here, on the server, so no
 * page, chart or export can show a number its reader should not see.
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, figureHistory, figureLocks, figures, figureUploads, metrics, users } from "../../db/schema";
import { parseNumber, parsePeriod, shownValue, type Cadence, type JourneyStage, type ShownValue } from "~/utils/figures";
import type { MessageKey } from "~/i18n";
import { recordAudit } from "./audit.server";
import { assertAgencyInNetwork } from "./networks.server";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { assertCan, can, type Actor } from "./permissions.server";

export interface MetricInput {
  name: string;
  description: string;
  unit: string;
  stage: JourneyStage;
  agencyId: number;
  cadence: Cadence;
  threshold: number;
  inFlow: boolean;
}

export interface MetricRow {
  id: number;
  name: string;
  description: string;
  unit: string;
  stage: JourneyStage;
  agencyId: number;
  agency: string;
  cadence: Cadence;
  threshold: number;
  inFlow: boolean;
  /** The viewer belongs to the reporting agency: sees exact small values and drafts. */
  isReporter: boolean;
  /** The viewer may enter and publish this metric's values. */
  canReport: boolean;
}

const metricColumns = {
  id: metrics.id,
  name: metrics.name,
  description: metrics.description,
  unit: metrics.unit,
  stage: metrics.stage,
  agencyId: metrics.agencyId,
  agency: agencies.shortName,
  cadence: metrics.cadence,
  threshold: metrics.threshold,
  inFlow: metrics.inFlow,
};

function withRights(actor: Actor, row: Omit<MetricRow, "isReporter" | "canReport">): MetricRow {
  const isReporter = actor.agencyId !== null && actor.agencyId === row.agencyId;
  return { ...row, isReporter, canReport: isReporter && can(actor.role, "figures.report") };
}

export function listMetrics({ actor }: { actor: Actor }): MetricRow[] {
  assertCan(actor, "figures.view");
  return db
    .select(metricColumns)
    .from(metrics)
    .innerJoin(agencies, eq(agencies.id, metrics.agencyId))
    .where(eq(metrics.networkId, actor.networkId))
    .orderBy(
      sql`case ${metrics.stage} when 'arrival' then 0 when 'decision' then 1 when 'identity' then 2 when 'settlement' then 3 else 4 end`,
      asc(metrics.name),
    )
    .all()
    .map((row) => withRights(actor, row));
}

export function getMetric({ actor, metricId }: { actor: Actor; metricId: number }): MetricRow {
  assertCan(actor, "figures.view");
  const row = db
    .select(metricColumns)
    .from(metrics)
    .innerJoin(agencies, eq(agencies.id, metrics.agencyId))
    .where(and(eq(metrics.id, metricId), eq(metrics.networkId, actor.networkId)))
    .get();
  if (!row) throw new NotFoundError("metric");
  return withRights(actor, row);
}

function assertNameFree(actor: Actor, name: string, exceptId?: number) {
  const clash = db
    .select({ id: metrics.id })
    .from(metrics)
    .where(and(eq(metrics.networkId, actor.networkId), sql`lower(${metrics.name}) = lower(${name})`))
    .get();
  if (clash && clash.id !== exceptId) throw new DomainValidationError("name", "figures.nameTaken");
}

export function createMetric({ actor, input }: { actor: Actor; input: MetricInput }) {
  assertCan(actor, "figures.manageMetrics");
  assertAgencyInNetwork(db, actor, input.agencyId);
  assertNameFree(actor, input.name);
  return db.transaction((tx) => {
    const metric = tx
      .insert(metrics)
      .values({ ...input, networkId: actor.networkId, createdBy: actor.userId })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "metric.created",
      entityType: "metric",
      entityId: metric.id,
      message: { key: "audit.msg.metricCreated", params: { name: input.name } },
    });
    return metric;
  });
}

/** Changes a metric's definition. The cadence stays once values exist: their periods depend on it. */
export function updateMetric({ actor, metricId, input }: { actor: Actor; metricId: number; input: MetricInput }) {
  assertCan(actor, "figures.manageMetrics");
  const current = getMetric({ actor, metricId });
  assertAgencyInNetwork(db, actor, input.agencyId);
  assertNameFree(actor, input.name, metricId);
  const hasValues = db.select({ id: figures.id }).from(figures).where(eq(figures.metricId, metricId)).limit(1).get();
  if (hasValues && input.cadence !== current.cadence) throw new DomainValidationError("cadence", "figures.cadenceFixed");
  db.transaction((tx) => {
    tx.update(metrics).set(input).where(eq(metrics.id, metricId)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "metric.updated",
      entityType: "metric",
      entityId: metricId,
      message: { key: "audit.msg.metricUpdated", params: { name: input.name } },
    });
  });
}

export function getLock({ actor }: { actor: Actor }): string | null {
  assertCan(actor, "figures.view");
  return (
    db.select({ through: figureLocks.lockedThrough }).from(figureLocks).where(eq(figureLocks.networkId, actor.networkId)).get()?.through ??
    null
  );
}

/** Locks every period that starts on or before `through` (a date); null unlocks. */
export function lockPeriods({ actor, through }: { actor: Actor; through: string | null }, now = Date.now()) {
  assertCan(actor, "figures.lock");
  db.transaction((tx) => {
    if (through === null) tx.delete(figureLocks).where(eq(figureLocks.networkId, actor.networkId)).run();
    else
      tx.insert(figureLocks)
        .values({ networkId: actor.networkId, lockedThrough: through, lockedBy: actor.userId, lockedAt: new Date(now) })
        .onConflictDoUpdate({
          target: figureLocks.networkId,
          set: { lockedThrough: through, lockedBy: actor.userId, lockedAt: new Date(now) },
        })
        .run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "figures.locked",
      entityType: "network",
      entityId: actor.networkId,
      message: through ? { key: "audit.msg.periodsLocked", params: { through } } : { key: "audit.msg.periodsUnlocked" },
    });
  });
}

function reportableMetric(actor: Actor, metricId: number): MetricRow {
  const metric = getMetric({ actor, metricId });
  if (!metric.canReport) throw new ForbiddenError("figures.report");
  return metric;
}

export interface FigureEntry {
  metricId: number;
  /** As typed: "2022-W14", "2022-04", a date ... */
  period: string;
  value: number;
  comment: string;
}

/**
 * Saves one value. A new or draft value is a draft; changing a published one is a correction that
 * stays published, with the old value kept in the history. Locked periods cannot change.
 */
export function saveFigure({ actor, entry }: { actor: Actor; entry: FigureEntry }, now = Date.now()) {
  assertCan(actor, "figures.report");
  const metric = reportableMetric(actor, entry.metricId);
  const parsed = parsePeriod(entry.period, metric.cadence, new Date(now).toISOString().slice(0, 10));
  if ("error" in parsed) throw new DomainValidationError("period", parsed.error);
  if (!Number.isFinite(entry.value) || entry.value < 0) throw new DomainValidationError("value", "figures.valueNegative");
  const lock = getLock({ actor });
  if (lock && parsed.period <= lock) throw new DomainValidationError("period", "figures.periodLocked", { through: lock });
  return db.transaction((tx) => writeFigure(tx, actor, metric, parsed.period, entry.value, entry.comment, now));
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

function writeFigure(tx: Tx, actor: Actor, metric: MetricRow, period: string, value: number, comment: string, now: number) {
  const at = new Date(now);
  const existing = tx
    .select()
    .from(figures)
    .where(and(eq(figures.metricId, metric.id), eq(figures.period, period)))
    .get();
  if (!existing) {
    const row = tx
      .insert(figures)
      .values({ metricId: metric.id, period, value, comment, status: "draft", updatedBy: actor.userId, updatedAt: at })
      .returning()
      .get();
    tx.insert(figureHistory).values({ figureId: row.id, change: "draft", value, comment, changedBy: actor.userId, changedAt: at }).run();
    return { id: row.id, status: "draft" as const, corrected: false };
  }
  if (existing.value === value && existing.comment === comment) return { id: existing.id, status: existing.status, corrected: false };
  const corrected = existing.status === "published";
  tx.update(figures)
    .set({ value, comment, updatedBy: actor.userId, updatedAt: at, ...(corrected ? { correctedAt: at } : {}) })
    .where(eq(figures.id, existing.id))
    .run();
  tx.insert(figureHistory)
    .values({ figureId: existing.id, change: corrected ? "corrected" : "draft", value, comment, changedBy: actor.userId, changedAt: at })
    .run();
  if (corrected) {
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "figure.corrected",
      entityType: "metric",
      entityId: metric.id,
      message: { key: "audit.msg.figureCorrected", params: { name: metric.name, period, from: existing.value, to: value } },
    });
  }
  return { id: existing.id, status: existing.status, corrected };
}

/** Publishes drafts of the actor's own agency; others' ids and published ones are left alone. */
export function publishFigures({ actor, figureIds }: { actor: Actor; figureIds: number[] }, now = Date.now()) {
  assertCan(actor, "figures.report");
  if (figureIds.length === 0) return 0;
  const rows = db
    .select({
      id: figures.id,
      metricId: figures.metricId,
      period: figures.period,
      value: figures.value,
      comment: figures.comment,
      status: figures.status,
      agencyId: metrics.agencyId,
    })
    .from(figures)
    .innerJoin(metrics, eq(metrics.id, figures.metricId))
    .where(and(inArray(figures.id, figureIds), eq(metrics.networkId, actor.networkId)))
    .all();
  // An id from another network (or none at all) is refused as a whole; one already published (a
  // second click, another tab) is simply left as it is.
  if (rows.length < new Set(figureIds).size) throw new NotFoundError("figure");
  if (rows.some((r) => r.agencyId !== actor.agencyId)) throw new ForbiddenError("figures.report");
  const drafts = rows.filter((r) => r.status === "draft");
  const lock = getLock({ actor });
  const locked = drafts.find((r) => lock && r.period <= lock);
  if (locked) throw new DomainValidationError("form", "figures.periodLocked", { through: lock! });
  const at = new Date(now);
  db.transaction((tx) => {
    for (const row of drafts) {
      tx.update(figures).set({ status: "published", publishedAt: at }).where(eq(figures.id, row.id)).run();
      tx.insert(figureHistory)
        .values({ figureId: row.id, change: "published", value: row.value, comment: row.comment, changedBy: actor.userId, changedAt: at })
        .run();
    }
    if (drafts.length)
      recordAudit(tx, {
        actor,
        networkId: actor.networkId,
        action: "figures.published",
        entityType: "network",
        entityId: actor.networkId,
        message: { key: "audit.msg.figuresPublished", params: { count: drafts.length } },
      });
  });
  return drafts.length;
}

export interface FigureRow {
  id: number;
  period: string;
  shown: ShownValue;
  comment: string;
  status: "draft" | "published";
  correctedAt: Date | null;
  updatedAt: Date;
  updatedBy: string | null;
  history: Array<{ change: "draft" | "published" | "corrected"; shown: ShownValue; comment: string; at: Date; by: string | null }>;
}

/**
 * The values of one metric, newest first: published ones for every member, drafts only for the
 * reporting agency and facilitators. History is shown to the same people who see drafts.
 */
export function listFigures({ actor, metricId, limit = 200 }: { actor: Actor; metricId: number; limit?: number }): {
  metric: MetricRow;
  rows: FigureRow[];
} {
  const metric = getMetric({ actor, metricId });
  const seesDrafts = metric.isReporter || can(actor.role, "figures.viewAllDrafts");
  const list = db
    .select({
      id: figures.id,
      period: figures.period,
      value: figures.value,
      comment: figures.comment,
      status: figures.status,
      correctedAt: figures.correctedAt,
      updatedAt: figures.updatedAt,
      updatedBy: users.name,
    })
    .from(figures)
    .leftJoin(users, eq(users.id, figures.updatedBy))
    .where(and(eq(figures.metricId, metricId), seesDrafts ? undefined : eq(figures.status, "published")))
    .orderBy(desc(figures.period))
    .limit(limit)
    .all();
  const history =
    seesDrafts && list.length
      ? db
          .select({
            figureId: figureHistory.figureId,
            change: figureHistory.change,
            value: figureHistory.value,
            comment: figureHistory.comment,
            at: figureHistory.changedAt,
            by: users.name,
          })
          .from(figureHistory)
          .leftJoin(users, eq(users.id, figureHistory.changedBy))
          .where(
            inArray(
              figureHistory.figureId,
              list.map((r) => r.id),
            ),
          )
          .orderBy(desc(figureHistory.id))
          .all()
      : [];
  const show = (value: number) => shownValue(value, metric.threshold, metric.isReporter);
  return {
    metric,
    rows: list.map(({ value, ...row }) => ({
      ...row,
      shown: show(value),
      history: history.filter((h) => h.figureId === row.id).map(({ value: v, figureId: _f, ...h }) => ({ ...h, shown: show(v) })),
    })),
  };
}

/** Drafts the actor's agency has not published yet, for the reporting page. */
export function listOwnDrafts({ actor }: { actor: Actor }) {
  assertCan(actor, "figures.view");
  if (actor.agencyId === null) return [];
  return db
    .select({
      id: figures.id,
      metricId: metrics.id,
      metric: metrics.name,
      unit: metrics.unit,
      cadence: metrics.cadence,
      period: figures.period,
      value: figures.value,
      comment: figures.comment,
      updatedAt: figures.updatedAt,
    })
    .from(figures)
    .innerJoin(metrics, eq(metrics.id, figures.metricId))
    .where(and(eq(metrics.networkId, actor.networkId), eq(metrics.agencyId, actor.agencyId), eq(figures.status, "draft")))
    .orderBy(asc(metrics.name), asc(figures.period))
    .all();
}

// ---------------------------------------------------------------------------------------------
// Uploads: every row checked, nothing saved until the whole file is clean and its reporter confirms.

export interface UploadRow {
  line: number;
  metric: string;
  metricId: number | null;
  period: string;
  value: number | null;
  comment: string;
  /** Message keys with parameters; empty when the row is fine. */
  errors: Array<{ key: MessageKey; params?: Record<string, string | number> }>;
  /** What the row will do to an existing value. */
  replaces: { value: number; status: "draft" | "published" } | null;
}

const COLUMN_NAMES: Record<"metric" | "period" | "value" | "comment", string[]> = {
  metric: ["måltall", "maltall", "metric", "indikator"],
  period: ["periode", "period", "uke", "week", "måned", "month"],
  value: ["verdi", "value", "antall", "count"],
  comment: ["kommentar", "comment", "merknad", "note"],
};
export const MAX_COMMENT = 500;

/** Finds the columns by their header, in either language; null lists the missing ones. */
export function findColumns(header: string[]): { columns: Record<keyof typeof COLUMN_NAMES, number> } | { missing: string[] } {
  const normal = header.map((h) => h.trim().toLowerCase());
  const at = (names: string[]) => normal.findIndex((h) => names.includes(h));
  const columns = {
    metric: at(COLUMN_NAMES.metric),
    period: at(COLUMN_NAMES.period),
    value: at(COLUMN_NAMES.value),
    comment: at(COLUMN_NAMES.comment),
  };
  const missing = (["metric", "period", "value"] as const).filter((k) => columns[k] < 0).map((k) => COLUMN_NAMES[k][0]);
  return missing.length ? { missing } : { columns };
}

export function checkRows(
  { actor, header, rows }: { actor: Actor; header: string[]; rows: Array<{ line: number; cells: string[]; formulaColumns: number[] }> },
  now = Date.now(),
): { ok: false; missing: string[] } | { ok: true; rows: UploadRow[] } {
  assertCan(actor, "figures.report");
  const found = findColumns(header);
  if ("missing" in found) return { ok: false, missing: found.missing };
  const { columns } = found;
  const all = listMetrics({ actor });
  const byName = new Map(all.map((m) => [m.name.toLowerCase(), m]));
  const byId = new Map(all.map((m) => [String(m.id), m]));
  const lock = getLock({ actor });
  const today = new Date(now).toISOString().slice(0, 10);
  const seen = new Map<string, number>();
  const checked: UploadRow[] = rows.map(({ line, cells, formulaColumns }) => {
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
    const errors: UploadRow["errors"] = [];
    if (formulaColumns.length) errors.push({ key: "figures.rowFormula" });
    const name = cell(columns.metric);
    const metric = byName.get(name.toLowerCase()) ?? byId.get(name);
    let period = "";
    if (!name) errors.push({ key: "figures.rowMetricMissing" });
    else if (!metric) errors.push({ key: "figures.rowMetricUnknown", params: { name } });
    else if (!metric.canReport) errors.push({ key: "figures.rowOtherAgency", params: { agency: metric.agency } });
    if (metric) {
      const parsed = parsePeriod(cell(columns.period), metric.cadence, today);
      if ("error" in parsed) errors.push({ key: parsed.error, params: { value: cell(columns.period) } });
      else {
        period = parsed.period;
        if (lock && period <= lock) errors.push({ key: "figures.periodLocked", params: { through: lock } });
        const key = `${metric.id}:${period}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) errors.push({ key: "figures.rowDuplicate", params: { line: earlier } });
        else seen.set(key, line);
      }
    }
    const raw = cell(columns.value);
    const value = formulaColumns.includes(columns.value) ? null : parseNumber(raw);
    if (!formulaColumns.includes(columns.value)) {
      if (raw === "") errors.push({ key: "figures.rowValueMissing" });
      else if (value === null) errors.push({ key: "figures.rowValueNotNumber", params: { value: raw.slice(0, 40) } });
      else if (value < 0) errors.push({ key: "figures.valueNegative" });
    }
    const comment = cell(columns.comment);
    if (comment.length > MAX_COMMENT) errors.push({ key: "validation.tooLong", params: { max: MAX_COMMENT } });
    return { line, metric: metric?.name ?? name, metricId: metric?.id ?? null, period, value, comment, errors, replaces: null };
  });
  // What the clean rows would replace, in one query.
  const targets = checked.filter((r) => r.metricId !== null && r.period);
  if (targets.length) {
    const existing = db
      .select({ metricId: figures.metricId, period: figures.period, value: figures.value, status: figures.status })
      .from(figures)
      .where(inArray(figures.metricId, [...new Set(targets.map((r) => r.metricId!))]))
      .all();
    const index = new Map(existing.map((e) => [`${e.metricId}:${e.period}`, e]));
    for (const row of targets) {
      const hit = index.get(`${row.metricId}:${row.period}`);
      if (hit) row.replaces = { value: hit.value, status: hit.status };
    }
  }
  return { ok: true, rows: checked };
}

/** Keeps a checked, clean upload until its reporter confirms it. */
export function stageUpload({ actor, fileName, rows }: { actor: Actor; fileName: string; rows: UploadRow[] }) {
  assertCan(actor, "figures.report");
  if (rows.some((r) => r.errors.length)) throw new DomainValidationError("file", "figures.uploadHasErrors");
  // Uploads nobody confirmed within a day are dropped.
  db.delete(figureUploads)
    .where(lte(figureUploads.createdAt, new Date(Date.now() - 86_400_000)))
    .run();
  return db
    .insert(figureUploads)
    .values({
      networkId: actor.networkId,
      userId: actor.userId,
      fileName: fileName.slice(0, 200),
      rows: JSON.stringify(rows.map(({ line, metricId, period, value, comment }) => ({ line, metricId, period, value, comment }))),
    })
    .returning({ id: figureUploads.id })
    .get().id;
}

/** A checked file: its rows with what is wrong in each, and the upload to confirm when none is. */
export interface CheckedUpload {
  fileName: string;
  rows: Array<UploadRow & { cadence: Cadence | null }>;
  errorCount: number;
  uploadId: number | null;
}

/**
 * Checks the rows read from a file and, when every row is clean, keeps them for the reporter to
 * confirm. A file without the columns needed is refused on its field.
 */
export function checkUpload(
  {
    actor,
    fileName,
    header,
    rows,
  }: { actor: Actor; fileName: string; header: string[]; rows: Array<{ line: number; cells: string[]; formulaColumns: number[] }> },
  now = Date.now(),
): CheckedUpload {
  const checked = checkRows({ actor, header, rows }, now);
  if (!checked.ok) throw new DomainValidationError("file", "figures.fileColumns", { missing: checked.missing.join(", ") });
  const cadences = new Map(listMetrics({ actor }).map((m) => [m.id, m.cadence]));
  const shown = checked.rows.map((r) => ({ ...r, cadence: r.metricId ? (cadences.get(r.metricId) ?? null) : null }));
  const errorCount = shown.filter((r) => r.errors.length).length;
  const uploadId = errorCount === 0 ? stageUpload({ actor, fileName, rows: checked.rows }) : null;
  return { fileName, rows: shown, errorCount, uploadId };
}

/**
 * Saves a confirmed upload as drafts, all or nothing. Rights and locks are checked again, since
 * time has passed since the preview.
 */
export function confirmUpload({ actor, uploadId }: { actor: Actor; uploadId: number }, now = Date.now()) {
  assertCan(actor, "figures.report");
  const upload = db
    .select()
    .from(figureUploads)
    .where(and(eq(figureUploads.id, uploadId), eq(figureUploads.networkId, actor.networkId), eq(figureUploads.userId, actor.userId)))
    .get();
  if (!upload) throw new NotFoundError("upload");
  const rows = JSON.parse(upload.rows) as Array<{ line: number; metricId: number; period: string; value: number; comment: string }>;
  const lock = getLock({ actor });
  const metricsById = new Map<number, MetricRow>();
  for (const row of rows) {
    const metric = metricsById.get(row.metricId) ?? reportableMetric(actor, row.metricId);
    metricsById.set(row.metricId, metric);
    if (lock && row.period <= lock) throw new DomainValidationError("file", "figures.periodLocked", { through: lock });
  }
  return db.transaction((tx) => {
    let saved = 0;
    for (const row of rows) {
      writeFigure(tx, actor, metricsById.get(row.metricId)!, row.period, row.value, row.comment, now);
      saved++;
    }
    tx.delete(figureUploads).where(eq(figureUploads.id, uploadId)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "figures.uploaded",
      entityType: "network",
      entityId: actor.networkId,
      message: { key: "audit.msg.figuresUploaded", params: { count: saved, file: upload.fileName } },
    });
    return saved;
  });
}
