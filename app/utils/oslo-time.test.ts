import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDays, osloParts, osloToInstant } from "./oslo-time";

describe("Oslo time", () => {
  it("turns local winter and summer times into the right instants", () => {
    assert.equal(osloToInstant("2022-01-10", "13:00").toISOString(), "2022-01-10T12:00:00.000Z");
    assert.equal(osloToInstant("2022-04-07", "13:00").toISOString(), "2022-04-07T11:00:00.000Z");
  });

  it("keeps the local time across the change to and from summer time", () => {
    // Clocks went forward on 27 March 2022 and back on 30 October 2022.
    assert.equal(osloToInstant("2022-03-24", "09:00").toISOString(), "2022-03-24T08:00:00.000Z");
    assert.equal(osloToInstant("2022-03-31", "09:00").toISOString(), "2022-03-31T07:00:00.000Z");
    assert.equal(osloToInstant("2022-11-03", "09:00").toISOString(), "2022-11-03T08:00:00.000Z");
    assert.deepEqual(osloParts(osloToInstant("2022-03-31", "09:00")), { date: "2022-03-31", time: "09:00" });
  });

  it("adds days across month ends", () => {
    assert.equal(addDays("2022-04-28", 7), "2022-05-05");
    assert.equal(addDays("2022-06-23", -14), "2022-06-09");
  });
});
