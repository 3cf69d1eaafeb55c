import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCsv, toCsv } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, and reads them back", () => {
    const rows = [["a", "b,c", 'd "e"', "f\ng", ""], ["1", "2", "3", "4", "5"]];
    const csv = toCsv(rows);
    assert.equal(csv, '\uFEFFa,"b,c","d ""e""","f\ng",\r\n1,2,3,4,5\r\n');
    assert.deepEqual(parseCsv(csv), rows);
  });

  it("keeps spreadsheet formulas as text", () => {
    assert.deepEqual(parseCsv(toCsv([["=1+1", "+47 123", "-x", "@SUM(A1)", "ok"]]))[0], ["'=1+1", "'+47 123", "'-x", "'@SUM(A1)", "ok"]);
    assert.deepEqual(parseCsv(toCsv([[-5, 3]]))[0], ["-5", "3"], "numbers are not touched");
  });
});
