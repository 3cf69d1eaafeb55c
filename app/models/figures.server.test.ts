import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { figureHistory, figures } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { figuresDashboard, type DashboardFilters } from "./figure-dashboard.server";
import {
  checkRows,
  checkUpload,
  confirmUpload,
  createMetric,
  listFigures,
  listOwnDrafts,
  lockPeriods,
  publishFigures,
  saveFigure,
  stageUpload,
  updateMetric,
  type MetricInput,
} from "./figures.server";

const NOW = Date.UTC(2022, 6, 1, 12);
const filters = (over: Partial<DashboardFilters> = {}): DashboardFilters => ({
  stage: null,
  agencyId: null,
  from: null,
  to: null,
  page: 1,
  compare: [],
  index: false,
  flowWeek: null,
  ...over,
});

async function setup() {
  const net = makeNetwork();
  const digdir = makeAgency(`Digdir ${net.slug}`);
  const udi = makeAgency(`UDI ${net.slug}`);
  const imdi = makeAgency(`IMDi ${net.slug}`);
  const facilitator = await makeMember(net, "facilitator", { agencyId: digdir.id });
  const udiRep = await makeMember(net, "representative", { agencyId: udi.id });
  const imdiRep = await makeMember(net, "representative", { agencyId: imdi.id });
  const udiParticipant = await makeMember(net, "participant", { agencyId: udi.id });
  const leader = await makeMember(net, "leader", { agencyId: imdi.id });
  const metric = (over: Partial<MetricInput> = {}): MetricInput => ({
    name: "Vedtak",
    description: "",
    unit: "vedtak",
    stage: "decision",
    agencyId: udi.id,
    cadence: "weekly",
    threshold: 0,
    inFlow: true,
    ...over,
  });
  return { net, udi, imdi, facilitator, udiRep, imdiRep, udiParticipant, leader, metric };
}

describe("metrics", () => {
  it("only facilitators define them, for agencies of the network, with unique names", async () => {
    const { facilitator, udiRep, metric } = await setup();
    assert.throws(() => createMetric({ actor: udiRep, input: metric() }), ForbiddenError);
    createMetric({ actor: facilitator, input: metric() });
    assert.throws(
      () => createMetric({ actor: facilitator, input: metric({ name: "VEDTAK" }) }),
      (e: unknown) => e instanceof DomainValidationError && e.messageKey === "figures.nameTaken",
    );
    const stranger = makeAgency();
    assert.throws(
      () => createMetric({ actor: facilitator, input: metric({ name: "Annet", agencyId: stranger.id }) }),
      (e: unknown) => e instanceof DomainValidationError && e.field === "agencyId",
    );
  });

  it("keep their cadence once values exist", async () => {
    const { facilitator, udiRep, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    updateMetric({ actor: facilitator, metricId: m.id, input: metric({ cadence: "monthly" }) });
    updateMetric({ actor: facilitator, metricId: m.id, input: metric({ cadence: "weekly", threshold: 5 }) });
    saveFigure({ actor: udiRep, entry: { metricId: m.id, period: "2022-W14", value: 2100, comment: "" } }, NOW);
    assert.throws(
      () => updateMetric({ actor: facilitator, metricId: m.id, input: metric({ cadence: "monthly" }) }),
      (e: unknown) => e instanceof DomainValidationError && e.field === "cadence",
    );
  });
});

describe("reporting", () => {
  it("a representative reports only their own agency's metrics; leaders and other agencies cannot", async () => {
    const { facilitator, udiRep, imdiRep, leader, udiParticipant, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    const entry = { metricId: m.id, period: "2022-W14", value: 2450, comment: "" };
    assert.throws(() => saveFigure({ actor: imdiRep, entry }, NOW), ForbiddenError);
    assert.throws(() => saveFigure({ actor: leader, entry }, NOW), ForbiddenError);
    assert.throws(() => saveFigure({ actor: udiParticipant, entry }, NOW), ForbiddenError);
    assert.throws(
      () => saveFigure({ actor: facilitator, entry }, NOW),
      ForbiddenError,
      "a facilitator from another agency does not report UDI's figures",
    );
    assert.equal(db.select().from(figures).where(eq(figures.metricId, m.id)).all().length, 0);
    saveFigure({ actor: udiRep, entry }, NOW);
    assert.equal(db.select().from(figures).where(eq(figures.metricId, m.id)).all().length, 1);
  });

  it("refuses bad periods and values with the reason, and saves nothing", async () => {
    const { facilitator, udiRep, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    const reason = (period: string, value: number) => {
      try {
        saveFigure({ actor: udiRep, entry: { metricId: m.id, period, value, comment: "" } }, NOW);
        return "saved";
      } catch (e) {
        return e instanceof DomainValidationError ? e.messageKey : String(e);
      }
    };
    assert.equal(reason("2022-04-06", 1), "figures.periodNotMonday");
    assert.equal(reason("2022-04", 1), "figures.periodFormat");
    assert.equal(reason("2022-W40", 1), "figures.periodFuture");
    assert.equal(reason("2022-W14", -3), "figures.valueNegative");
    assert.equal(reason("2022-W14", Number.NaN), "figures.valueNegative");
    assert.equal(db.select().from(figures).where(eq(figures.metricId, m.id)).all().length, 0);
  });

  it("drafts are seen by the agency and facilitators; publishing shows them to all; a correction keeps the old value", async () => {
    const { facilitator, udiRep, udiParticipant, leader, imdiRep, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    const { id } = saveFigure({ actor: udiRep, entry: { metricId: m.id, period: "2022-W14", value: 2450, comment: "" } }, NOW);
    assert.equal(listFigures({ actor: udiParticipant, metricId: m.id }).rows.length, 1, "own agency sees the draft");
    assert.equal(listFigures({ actor: facilitator, metricId: m.id }).rows.length, 1);
    assert.equal(listFigures({ actor: leader, metricId: m.id }).rows.length, 0, "others do not");
    assert.deepEqual(
      listOwnDrafts({ actor: udiRep }).map((d) => d.id),
      [id],
    );

    assert.throws(() => publishFigures({ actor: imdiRep, figureIds: [id] }), ForbiddenError);
    assert.equal(publishFigures({ actor: udiRep, figureIds: [id] }, NOW), 1);
    assert.equal(listFigures({ actor: leader, metricId: m.id }).rows[0].shown.value, 2450);
    assert.equal(publishFigures({ actor: udiRep, figureIds: [id] }, NOW), 0, "publishing again (a second click) is harmless");
    assert.throws(
      () => publishFigures({ actor: udiRep, figureIds: [id, 999_999] }, NOW),
      NotFoundError,
      "an id not in the network refuses the whole request",
    );

    const result = saveFigure(
      { actor: udiRep, entry: { metricId: m.id, period: "2022-04-04", value: 2390, comment: "Dobbeltregistreringer fjernet" } },
      NOW + 1000,
    );
    assert.equal(result.corrected, true);
    const row = listFigures({ actor: udiRep, metricId: m.id }).rows[0];
    assert.equal(row.status, "published");
    assert.equal(row.shown.value, 2390);
    assert.ok(row.correctedAt);
    assert.deepEqual(
      row.history.map((h) => [h.change, h.shown.value]),
      [
        ["corrected", 2390],
        ["published", 2450],
        ["draft", 2450],
      ],
    );
  });

  it("locked periods cannot be changed or published", async () => {
    const { facilitator, udiRep, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    const { id } = saveFigure({ actor: udiRep, entry: { metricId: m.id, period: "2022-W14", value: 2450, comment: "" } }, NOW);
    assert.throws(() => lockPeriods({ actor: udiRep, through: "2022-04-30" }), ForbiddenError);
    lockPeriods({ actor: facilitator, through: "2022-04-30" });
    assert.throws(
      () => saveFigure({ actor: udiRep, entry: { metricId: m.id, period: "2022-W15", value: 1, comment: "" } }, NOW),
      (e: unknown) => e instanceof DomainValidationError && e.messageKey === "figures.periodLocked",
    );
    assert.throws(() => publishFigures({ actor: udiRep, figureIds: [id] }, NOW), DomainValidationError);
    saveFigure({ actor: udiRep, entry: { metricId: m.id, period: "2022-W18", value: 2000, comment: "" } }, NOW);
    lockPeriods({ actor: facilitator, through: null });
    saveFigure({ actor: udiRep, entry: { metricId: m.id, period: "2022-W15", value: 1, comment: "" } }, NOW);
  });

  it("another network's metric is not found", async () => {
    const { facilitator, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    const other = await setup();
    assert.throws(() => listFigures({ actor: other.facilitator, metricId: m.id }), NotFoundError);
    assert.throws(
      () => saveFigure({ actor: other.udiRep, entry: { metricId: m.id, period: "2022-W14", value: 1, comment: "" } }, NOW),
      NotFoundError,
    );
  });
});

describe("small values", () => {
  it("are '< threshold' outside the reporting agency, in lists and dashboards, exact inside it", async () => {
    const { facilitator, imdiRep, leader, udiParticipant, metric, imdi } = await setup();
    const m = createMetric({
      actor: facilitator,
      input: metric({ name: "Enslige mindreårige bosatt", agencyId: imdi.id, stage: "settlement", threshold: 5 }),
    });
    const weeks = [
      ["2022-W20", 3],
      ["2022-W21", 7],
      ["2022-W22", 4],
    ] as const;
    const ids = weeks.map(
      ([period, value]) => saveFigure({ actor: imdiRep, entry: { metricId: m.id, period, value, comment: "" } }, NOW).id,
    );
    publishFigures({ actor: imdiRep, figureIds: ids }, NOW);

    const outside = listFigures({ actor: facilitator, metricId: m.id }).rows.map((r) => r.shown);
    assert.deepEqual(outside, [
      { value: null, suppressed: true },
      { value: 7, suppressed: false },
      { value: null, suppressed: true },
    ]);
    const inside = listFigures({ actor: leader, metricId: m.id }).rows.map((r) => r.shown.value);
    assert.deepEqual(inside, [4, 7, 3], "the IMDi leader belongs to the reporting agency");

    const seenBy = (actor: typeof facilitator) => figuresDashboard({ actor, filters: filters() });
    const dash = seenBy(udiParticipant);
    const summary = dash.page.items.find((s) => s.metric.id === m.id)!;
    assert.deepEqual(
      summary.points.map((p) => p.value),
      [null, 7, null],
    );
    assert.equal(summary.latest?.suppressed, true);
    assert.equal(summary.change, null, "no change computed from a hidden value");
    assert.equal(dash.flow.rows.find((r) => r.metric.id === m.id)?.shown?.suppressed, true);
    assert.ok(
      !JSON.stringify(dash).includes('"value":3') && !JSON.stringify(dash).includes('"value":4'),
      "the hidden numbers are nowhere in the data",
    );
    const own = seenBy(imdiRep).page.items.find((s) => s.metric.id === m.id)!;
    assert.deepEqual(
      own.points.map((p) => p.value),
      [3, 7, 4],
    );
    assert.equal(own.change, -3);
  });
});

describe("the journey flow", () => {
  const AUGUST = Date.UTC(2022, 7, 1, 12);
  it("shows the newest week most stages reported when one agency is ahead, offers the others, and labels what is missing", async () => {
    const { facilitator, udiRep, imdiRep, metric, imdi } = await setup();
    const decisions = createMetric({ actor: facilitator, input: metric({ name: "Vedtak flyt" }) });
    const settled = createMetric({
      actor: facilitator,
      input: metric({ name: "Bosatt flyt", agencyId: imdi.id, stage: "settlement", unit: "personer" }),
    });
    const publish = (actor: typeof udiRep, metricId: number, weeks: Array<[string, number]>) =>
      publishFigures(
        {
          actor,
          figureIds: weeks.map(([period, value]) => saveFigure({ actor, entry: { metricId, period, value, comment: "" } }, AUGUST).id),
        },
        AUGUST,
      );
    publish(udiRep, decisions.id, [
      ["2022-W25", 110],
      ["2022-W26", 120],
      ["2022-W27", 130],
      ["2022-W28", 140],
      ["2022-W29", 150],
    ]);
    publish(imdiRep, settled.id, [
      ["2022-W25", 40],
      ["2022-W26", 45],
      ["2022-W27", 50],
    ]);

    const flow = figuresDashboard({ actor: facilitator, filters: filters() }).flow;
    assert.equal(flow.week, "2022-07-04", "week 27: the newest week both stages have reported");
    assert.deepEqual(
      flow.rows.map((r) => r.shown?.value),
      [130, 50],
    );
    assert.deepEqual(flow.weeks.slice(0, 3), [
      { week: "2022-07-18", stages: 1 },
      { week: "2022-07-11", stages: 1 },
      { week: "2022-07-04", stages: 2 },
    ]);
    assert.equal(flow.stages, 2);

    const ahead = figuresDashboard({ actor: facilitator, filters: filters({ flowWeek: "2022-07-18" }) }).flow;
    assert.equal(ahead.week, "2022-07-18");
    const [udiRow, imdiRow] = ahead.rows;
    assert.equal(udiRow!.shown?.value, 150);
    assert.equal(imdiRow!.shown, null);
    assert.deepEqual(
      imdiRow!.latest,
      { period: "2022-07-04", shown: { value: 50, suppressed: false } },
      "IMDi's own latest week, labelled",
    );
    assert.equal(
      figuresDashboard({ actor: facilitator, filters: filters({ flowWeek: "2019-01-07" }) }).flow.week,
      "2022-07-04",
      "a week with nothing falls back to the default",
    );
  });
});

describe("uploads", () => {
  it("show every row's problem, stage nothing while any is left, and save drafts when clean", async () => {
    const { facilitator, udiRep, metric, imdi } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    createMetric({ actor: facilitator, input: metric({ name: "Bosatt", agencyId: imdi.id, stage: "settlement" }) });
    const header = ["måltall", "periode", "verdi", "kommentar"];
    const rows = [
      ["Vedtak", "2022-W14", "2 450", "etter systemendring"],
      ["Vedtak", "2022-W15", "mange", ""],
      ["Vedtak", "2022-W16", "-5", ""],
      ["Vedtak", "2022-04-20", "100", ""],
      ["Ukjent", "2022-W16", "1", ""],
      ["Bosatt", "2022-W16", "1", ""],
      ["Vedtak", "2022w14", "2", ""],
      ["Vedtak", "2022-W17", "", ""],
    ].map((cells, i) => ({ line: i + 2, cells, formulaColumns: [] as number[] }));
    rows.push({ line: 10, cells: ["Vedtak", "2022-W18", "", ""], formulaColumns: [2] });
    const checked = checkRows({ actor: udiRep, header, rows }, NOW);
    assert.ok(checked.ok);
    const keys = checked.rows.map((r) => r.errors.map((e) => e.key));
    assert.deepEqual(keys, [
      [],
      ["figures.rowValueNotNumber"],
      ["figures.valueNegative"],
      ["figures.periodNotMonday"],
      ["figures.rowMetricUnknown"],
      ["figures.rowOtherAgency"],
      ["figures.rowDuplicate"],
      ["figures.rowValueMissing"],
      ["figures.rowFormula"],
    ]);
    assert.equal(checked.rows[0].value, 2450);
    assert.throws(() => stageUpload({ actor: udiRep, fileName: "tall.csv", rows: checked.rows }), DomainValidationError);
    assert.equal(db.select().from(figures).where(eq(figures.metricId, m.id)).all().length, 0, "nothing saved");

    const clean = checkRows({ actor: udiRep, header, rows: rows.slice(0, 1) }, NOW);
    assert.ok(clean.ok);
    const uploadId = stageUpload({ actor: udiRep, fileName: "tall.csv", rows: clean.rows });
    assert.equal(db.select().from(figures).where(eq(figures.metricId, m.id)).all().length, 0, "still nothing before confirming");
    assert.throws(() => confirmUpload({ actor: facilitator, uploadId }, NOW), NotFoundError, "only its reporter confirms it");
    assert.equal(confirmUpload({ actor: udiRep, uploadId }, NOW), 1);
    const saved = db.select().from(figures).where(eq(figures.metricId, m.id)).all();
    assert.deepEqual(
      saved.map((f) => [f.period, f.value, f.status, f.comment]),
      [["2022-04-04", 2450, "draft", "etter systemendring"]],
    );
    assert.equal(db.select().from(figureHistory).where(eq(figureHistory.figureId, saved[0].id)).all().length, 1);
    assert.throws(() => confirmUpload({ actor: udiRep, uploadId }, NOW), NotFoundError, "a confirmed upload is gone");
  });

  it("names the missing columns", async () => {
    const { udiRep } = await setup();
    const checked = checkRows({ actor: udiRep, header: ["metric", "dato", "tall"], rows: [] }, NOW);
    assert.deepEqual(checked, { ok: false, missing: ["periode", "verdi"] });
    assert.throws(
      () => checkUpload({ actor: udiRep, fileName: "tall.csv", header: ["metric", "dato", "tall"], rows: [] }, NOW),
      (e) =>
        e instanceof DomainValidationError &&
        e.field === "file" &&
        e.messageKey === "figures.fileColumns" &&
        e.params.missing === "periode, verdi",
    );
  });

  it("checks a file: a preview with each row's cadence, and an upload to confirm only when every row is clean", async () => {
    const { facilitator, udiRep, metric } = await setup();
    const m = createMetric({ actor: facilitator, input: metric() });
    const header = ["måltall", "periode", "verdi"];
    const row = (line: number, cells: string[]) => ({ line, cells, formulaColumns: [] as number[] });
    const dirty = checkUpload(
      { actor: udiRep, fileName: "tall.csv", header, rows: [row(2, ["Vedtak", "2022-W14", "1"]), row(3, ["Ukjent", "2022-W14", "1"])] },
      NOW,
    );
    assert.deepEqual(
      dirty.rows.map((r) => [r.cadence, r.errors.length]),
      [
        ["weekly", 0],
        [null, 1],
      ],
    );
    assert.equal(dirty.errorCount, 1);
    assert.equal(dirty.uploadId, null, "nothing kept while a row is wrong");
    const clean = checkUpload({ actor: udiRep, fileName: "tall.csv", header, rows: [row(2, ["Vedtak", "2022-W14", "1"])] }, NOW);
    assert.equal(clean.errorCount, 0);
    assert.ok(clean.uploadId);
    assert.equal(confirmUpload({ actor: udiRep, uploadId: clean.uploadId }, NOW), 1);
    assert.equal(db.select().from(figures).where(eq(figures.metricId, m.id)).all().length, 1);
  });
});
