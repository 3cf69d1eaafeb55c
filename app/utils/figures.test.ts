import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatPeriod,
  formatShown,
  isoWeekOf,
  mondayOfIsoWeek,
  parsePeriod,
  periodInputValue,
  previousPeriod,
  shownValue,
} from "./figures";

describe("periods", () => {
  it("finds the Monday of ISO weeks, across year ends", () => {
    assert.equal(mondayOfIsoWeek(2022, 14), "2022-04-04");
    assert.equal(mondayOfIsoWeek(2021, 1), "2021-01-04");
    assert.equal(mondayOfIsoWeek(2020, 53), "2020-12-28");
    assert.equal(mondayOfIsoWeek(2022, 53), null, "2022 has 52 weeks");
    assert.deepEqual(isoWeekOf("2021-01-03"), { year: 2020, week: 53 });
    assert.deepEqual(isoWeekOf("2024-12-30"), { year: 2025, week: 1 });
  });

  it("reads weeks as people write them, and refuses a day that is not the week's start", () => {
    const today = "2026-11-25";
    for (const text of ["2022-W14", "2022w14", "uke 14 2022", "Week 14, 2022", "2022-04-04"]) {
      assert.deepEqual(parsePeriod(text, "weekly", today), { period: "2022-04-04" }, text);
    }
    assert.deepEqual(parsePeriod("2022-04-06", "weekly", today), { error: "figures.periodNotMonday" });
    assert.deepEqual(parsePeriod("2022-W60", "weekly", today), { error: "figures.periodFormat" });
    assert.deepEqual(parsePeriod("fjorten", "weekly", today), { error: "figures.periodFormat" });
    assert.deepEqual(parsePeriod("2022-04", "weekly", today), { error: "figures.periodFormat" }, "not week 4");
    assert.deepEqual(parsePeriod("2022-02-30", "weekly", today), { error: "figures.periodFormat" });
    assert.deepEqual(parsePeriod("2027-W01", "weekly", today), { error: "figures.periodFuture" });
  });

  it("reads months, and refuses a day that is not the first", () => {
    assert.deepEqual(parsePeriod("2022-4", "monthly", "2026-01-01"), { period: "2022-04-01" });
    assert.deepEqual(parsePeriod("2022-04-01", "monthly", "2026-01-01"), { period: "2022-04-01" });
    assert.deepEqual(parsePeriod("2022-04-15", "monthly", "2026-01-01"), { error: "figures.periodNotFirst" });
    assert.deepEqual(parsePeriod("2022-13", "monthly", "2026-01-01"), { error: "figures.periodFormat" });
    assert.deepEqual(parsePeriod("2022-W14", "monthly", "2026-01-01"), { error: "figures.periodFormat" });
  });

  it("steps back one period and names periods in both languages", () => {
    assert.equal(previousPeriod("2022-01-03", "weekly"), "2021-12-27");
    assert.equal(previousPeriod("2022-01-01", "monthly"), "2021-12-01");
    assert.equal(previousPeriod("2022-05-01", "monthly"), "2022-04-01");
    assert.equal(formatPeriod("2022-04-04", "weekly", "nb"), "uke 14 2022");
    assert.equal(formatPeriod("2022-04-04", "weekly", "en"), "week 14 2022");
    assert.equal(formatPeriod("2022-04-01", "monthly", "nb"), "april 2022");
    assert.equal(periodInputValue("2022-04-04", "weekly"), "2022-W14");
    assert.equal(periodInputValue("2022-04-01", "monthly"), "2022-04");
  });
});

describe("small values", () => {
  it("are hidden below the threshold from everyone outside the reporting agency", () => {
    assert.deepEqual(shownValue(3, 5, false), { value: null, suppressed: true });
    assert.deepEqual(shownValue(3, 5, true), { value: 3, suppressed: false });
    assert.deepEqual(shownValue(5, 5, false), { value: 5, suppressed: false });
    assert.deepEqual(shownValue(0, 0, false), { value: 0, suppressed: false }, "threshold 0 hides nothing");
    assert.equal(formatShown(shownValue(2, 5, false), 5, "nb"), "< 5");
    assert.equal(formatShown(shownValue(1234.5, 5, false), 5, "nb"), "1\u00a0234,5");
  });
});
