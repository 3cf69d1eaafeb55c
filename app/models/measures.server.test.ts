import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { db } from "../../db/client";
import { measureEvents, measures, needs } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { translator } from "~/i18n";
import { parseCsv } from "~/utils/csv";
import { ConflictError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { measuresCsv, measuresXlsx } from "./measure-export.server";
import {
  createMeasure,
  createNeed,
  getMeasure,
  listNeeds,
  listMeasures,
  moveMeasure,
  PROPOSAL,
  portfolioDashboard,
  updateMeasure,
  updateProgress,
  type MeasureInput,
  type MeasureNow,
} from "./measures.server";

const DAY = 24 * 60 * 60_000;
const T0 = Date.UTC(2022, 3, 7, 12);

async function setup() {
  const net = makeNetwork();
  const digdir = makeAgency(`Digdir ${net.slug}`);
  const udi = makeAgency(`UDI ${net.slug}`);
  const nav = makeAgency(`NAV ${net.slug}`);
  const facilitator = await makeMember(net, "facilitator", { agencyId: digdir.id });
  const udiRep = await makeMember(net, "representative", { agencyId: udi.id });
  const navRep = await makeMember(net, "representative", { agencyId: nav.id });
  const leader = await makeMember(net, "leader", { agencyId: nav.id });
  const need = db.insert(needs).values({ networkId: net.id, number: 1, title: "Ankomst og identitet" }).returning().get();
  return { net, digdir, udi, nav, facilitator, udiRep, navRep, leader, need };
}

const input = (over: Partial<MeasureInput> = {}): MeasureInput => ({
  title: "eID",
  description: "",
  needId: null,
  responsibleAgencyId: null,
  agencyIds: [],
  nextStep: "",
  status: "on_track",
  priority: "necessary",
  startDate: null,
  endDate: null,
  ...over,
});

describe("measures", () => {
  it("starts a representative's proposal as identified, whatever the form says", async () => {
    const { facilitator, udiRep, udi, need } = await setup();
    const proposed = createMeasure({
      actor: udiRep,
      input: input({ title: "Adresse på D-nummer", responsibleAgencyId: udi.id, needId: need.id }),
      phase: "execution",
    });
    assert.equal(proposed.phase, "identified");
    const made = createMeasure({ actor: facilitator, input: input({ title: "eID" }), phase: "establishment" });
    assert.equal(made.phase, "establishment");
    // The history says which was proposed, without words in any one language.
    const first = (id: number) => getMeasure({ actor: facilitator, measureId: id }).history.at(-1)!;
    assert.deepEqual([first(proposed.id).kind, first(proposed.id).fromValue, first(proposed.id).note], ["created", PROPOSAL, ""]);
    assert.deepEqual([first(made.id).kind, first(made.id).fromValue], ["created", null]);
  });

  it("refuses agencies outside the network, unknown needs and the wrong roles; nothing is stored", async () => {
    const { facilitator, leader } = await setup();
    const other = await setup();
    const before = db.select().from(measures).all().length;
    assert.throws(
      () => createMeasure({ actor: facilitator, input: input({ responsibleAgencyId: other.udi.id }) }),
      (e) => e instanceof DomainValidationError && e.field === "responsibleAgencyId",
    );
    assert.throws(() => createMeasure({ actor: facilitator, input: input({ agencyIds: [other.nav.id] }) }), DomainValidationError);
    assert.throws(
      () => createMeasure({ actor: facilitator, input: input({ needId: other.need.id }) }),
      (e) => e instanceof DomainValidationError && e.field === "needId",
    );
    assert.throws(() => createMeasure({ actor: leader, input: input() }), ForbiddenError);
    assert.equal(db.select().from(measures).all().length, before);
  });

  it("lets representatives move and update only measures of their own agency", async () => {
    const { facilitator, udiRep, navRep, udi, nav } = await setup();
    const m = createMeasure({
      actor: facilitator,
      input: input({ title: "Flyt av adresser", responsibleAgencyId: udi.id, agencyIds: [nav.id] }),
    });
    const moved = moveMeasure({ actor: navRep, measureId: m.id, phase: "establishment", version: m.version, note: "NAV deltar" });
    assert.equal(moved.phase, "establishment");
    updateProgress({ actor: udiRep, measureId: m.id, nextStep: "Teste i testmiljø", status: "at_risk", version: moved.version });
    const outsider = createMeasure({ actor: facilitator, input: input({ title: "Betalingskortet" }) });
    assert.throws(
      () => moveMeasure({ actor: udiRep, measureId: outsider.id, phase: "execution", version: outsider.version }),
      ForbiddenError,
    );
    assert.throws(
      () => updateProgress({ actor: navRep, measureId: outsider.id, nextStep: "x", status: "stopped", version: outsider.version }),
      ForbiddenError,
    );
    assert.deepEqual(
      listMeasures({ actor: udiRep }).map((x) => [x.title, x.mayUpdate]),
      [
        ["Betalingskortet", false],
        ["Flyt av adresser", true],
      ],
    );
  });

  it("tells the second of two people moving the same card, and loses or doubles nothing", async () => {
    const { facilitator, udiRep, udi } = await setup();
    const m = createMeasure({ actor: facilitator, input: input({ title: "Adresse på D-nummer", responsibleAgencyId: udi.id }) });
    // Both loaded version 1.
    moveMeasure({ actor: facilitator, measureId: m.id, phase: "establishment", version: 1, note: "Vedtatt i møtet" });
    assert.throws(
      () => moveMeasure({ actor: udiRep, measureId: m.id, phase: "execution", version: 1 }),
      (e) =>
        e instanceof ConflictError &&
        e.messageKey === "measures.conflict" &&
        isDeepStrictEqual(e.current, { phase: "establishment", status: "on_track", nextStep: "", version: 2 } satisfies MeasureNow),
    );
    // Progress and edits by someone who saw version 1 are refused the same way; only what is now is sent back.
    assert.throws(
      () => updateProgress({ actor: udiRep, measureId: m.id, nextStep: "x", status: "stopped", version: 1 }),
      (e) =>
        e instanceof ConflictError &&
        Object.keys(e.current as object)
          .sort()
          .join() === "nextStep,phase,status,version",
    );
    assert.throws(
      () => updateMeasure({ actor: facilitator, measureId: m.id, input: input({ title: "Annet" }), version: 1 }),
      ConflictError,
    );
    const row = db.select().from(measures).where(eq(measures.id, m.id)).get()!;
    assert.equal(row.phase, "establishment");
    const phaseEvents = db
      .select()
      .from(measureEvents)
      .where(eq(measureEvents.measureId, m.id))
      .all()
      .filter((e) => e.kind === "phase");
    assert.equal(phaseEvents.length, 1);
    assert.equal(phaseEvents[0].note, "Vedtatt i møtet");
  });

  it("keeps the history with who, when, note and meeting, newest first", async () => {
    const { facilitator, udi } = await setup();
    const m = createMeasure({ actor: facilitator, input: input({ title: "eID", responsibleAgencyId: udi.id }) }, T0);
    const a = moveMeasure({ actor: facilitator, measureId: m.id, phase: "establishment", version: 1, note: "Startet" }, T0 + 7 * DAY);
    updateProgress(
      {
        actor: facilitator,
        measureId: m.id,
        nextStep: "eID klar for utrulling",
        status: "on_track",
        version: a.version,
        note: "Fra møtet",
      },
      T0 + 14 * DAY,
    );
    const { history } = getMeasure({ actor: facilitator, measureId: m.id });
    assert.deepEqual(
      history.map((h) => h.kind),
      ["next_step", "phase", "created"],
    );
    assert.equal(history[0].toValue, "eID klar for utrulling");
    assert.equal(history[1].fromValue, "identified");
    assert.equal(history[1].toValue, "establishment");
    assert.equal(history[1].actorName, facilitator.name);
    assert.throws(
      () => moveMeasure({ actor: facilitator, measureId: m.id, phase: "execution", version: 3, meetingId: 999_999 }),
      DomainValidationError,
    );
  });

  it("never shows or changes another network's measures", async () => {
    const { facilitator } = await setup();
    const other = await setup();
    const theirs = createMeasure({ actor: other.facilitator, input: input({ title: "Deres tiltak" }) });
    assert.throws(() => getMeasure({ actor: facilitator, measureId: theirs.id }), NotFoundError);
    assert.throws(() => moveMeasure({ actor: facilitator, measureId: theirs.id, phase: "outside", version: 1 }), NotFoundError);
    assert.ok(!listMeasures({ actor: facilitator }).some((m) => m.title === "Deres tiltak"));
  });

  it("filters by agency (responsible or taking part), need, status and priority", async () => {
    const { facilitator, udi, nav, need } = await setup();
    createMeasure({ actor: facilitator, input: input({ title: "A", responsibleAgencyId: udi.id, needId: need.id }) });
    createMeasure({ actor: facilitator, input: input({ title: "B", agencyIds: [udi.id], status: "at_risk" }) });
    createMeasure({ actor: facilitator, input: input({ title: "C", responsibleAgencyId: nav.id, priority: "nice_to_have" }) });
    const titles = (filter: Parameters<typeof listMeasures>[0]["filter"]) =>
      listMeasures({ actor: facilitator, filter }).map((m) => m.title);
    assert.deepEqual(titles({ agencyId: udi.id }), ["A", "B"]);
    assert.deepEqual(titles({ needId: need.id }), ["A"]);
    assert.deepEqual(titles({ status: "at_risk" }), ["B"]);
    assert.deepEqual(titles({ priority: "nice_to_have" }), ["C"]);
  });

  it("numbers the network's needs in order; only facilitators add them", async () => {
    const { facilitator, udiRep } = await setup();
    const need = createNeed({ actor: facilitator, title: "Koordinering mellom aktørene" });
    assert.equal(need.number, 2);
    assert.throws(() => createNeed({ actor: udiRep, title: "Nei" }), ForbiddenError);
    assert.deepEqual(
      listNeeds({ actor: udiRep }).map((n) => n.number),
      [1, 2],
    );
  });

  it("counts the dashboard's figures", async () => {
    const { facilitator, udi, nav } = await setup();
    const a = createMeasure({ actor: facilitator, input: input({ title: "A", responsibleAgencyId: udi.id }) }, T0);
    createMeasure({ actor: facilitator, input: input({ title: "B", responsibleAgencyId: udi.id, status: "at_risk" }) }, T0);
    createMeasure({ actor: facilitator, input: input({ title: "C", responsibleAgencyId: nav.id }) }, T0);
    moveMeasure({ actor: facilitator, measureId: a.id, phase: "execution", version: 1 }, T0 + 10 * DAY);
    const d = portfolioDashboard({ actor: facilitator }, T0 + 30 * DAY);
    assert.equal(d.total, 3);
    assert.deepEqual(
      d.perPhase.map((p) => p.count),
      [2, 0, 1, 0],
    );
    assert.deepEqual(
      d.perStatus.map((p) => p.count),
      [2, 1, 0],
    );
    assert.deepEqual(d.perAgency[0], { agency: udi.shortName, count: 2 });
    assert.deepEqual(
      d.timeInPhase.map((m) => [m.title, m.days]),
      [
        ["B", 30],
        ["C", 30],
        ["A", 20],
      ],
    );
    assert.deepEqual(d.perWeek, [{ week: "2022-04-11", count: 1 }]);
  });

  it("exports CSV and xlsx with the columns a leader expects", async () => {
    const { facilitator, udi, nav, need } = await setup();
    createMeasure({
      actor: facilitator,
      input: input({
        title: "Adresse på D-nummer",
        responsibleAgencyId: udi.id,
        agencyIds: [nav.id],
        needId: need.id,
        nextStep: "=cmd|' /C calc'!A0",
      }),
    });
    const t = translator("nb");
    const rows = parseCsv(measuresCsv({ actor: facilitator, t }));
    assert.deepEqual(rows[0], [
      "Tiltak",
      "Behov",
      "Fase",
      "Ansvarlig",
      "Andre virksomheter",
      "Neste steg",
      "Status",
      "Prioritet",
      "Startdato",
      "Sluttdato",
      "I fasen siden",
      "Sist endret",
    ]);
    assert.deepEqual(rows[1].slice(0, 8), [
      "Adresse på D-nummer",
      "1. Ankomst og identitet",
      "Identifisert, kartlegging",
      udi.shortName,
      nav.shortName,
      "'=cmd|' /C calc'!A0",
      "I rute",
      "Nødvendig",
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await measuresXlsx({ actor: facilitator, t })).buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.getCell("A1").text, "Tiltak");
    assert.equal(sheet.getCell("A2").text, "Adresse på D-nummer");
    assert.equal(sheet.getCell("F2").text, "=cmd|' /C calc'!A0");
    assert.equal(sheet.getCell("F2").formula, undefined, "text, never a formula");
  });
});
