import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCsv, toCsv } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, and reads them back", () => {
    const rows = [
      ["a", "b,c", 'd "e"', "f\ng", ""],
      ["1", "2", "3", "4", "5"],
    ];
    const csv = toCsv(rows);
    assert.equal(csv, '\uFEFFa,"b,c","d ""e""","f\ng",\r\n1,2,3,4,5\r\n');
    assert.deepEqual(parseCsv(csv), rows);
  });

  it("keeps spreadsheet formulas as text", () => {
    assert.deepEqual(parseCsv(toCsv([["=1+1", "+47 123", "-x", "@SUM(A1)", "ok"]]))[0], ["'=1+1", "'+47 123", "'-x", "'@SUM(A1)", "ok"]);
    assert.deepEqual(parseCsv(toCsv([[-5, 3]]))[0], ["-5", "3"], "numbers are not touched");
  });
});

describe("semicolon CSV", () => {
  it("reads what Norwegian spreadsheets save, and tells the separator from the header", async () => {
    const { detectDelimiter } = await import("./csv");
    const text = 'måltall;periode;verdi;kommentar\r\nD-nummer;2022-W14;1 234;"etter systemendring; etterslep"\r\n';
    assert.equal(detectDelimiter(text), ";");
    assert.equal(detectDelimiter("a,b,c\n1;2,3"), ",");
    assert.deepEqual(parseCsv(text, ";")[1], ["D-nummer", "2022-W14", "1 234", "etter systemendring; etterslep"]);
  });
});
