import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { lyingDeflatedZip, storedZip } from "../../tests/helpers/zip";
import { readZip, storedZip as honestZip } from "~/utils/zip.server";
import { readFigureFile } from "./figure-files.server";

async function workbook(rows: Array<Array<ExcelJS.CellValue>>) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Tall");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("reading uploaded figure files", () => {
  it("reads CSV with commas or semicolons, skipping empty lines, numbering lines as a spreadsheet does", async () => {
    const csv = Buffer.from(
      '\uFEFFmåltall;periode;verdi;kommentar\r\nVedtak;2022-W14;2 450;\r\n;;;\r\nVedtak;2022-W15;2300;"ny rutine; færre"\r\n',
    );
    const read = await readFigureFile("tall.csv", csv);
    assert.ok(read.ok);
    assert.deepEqual(read.header, ["måltall", "periode", "verdi", "kommentar"]);
    assert.deepEqual(
      read.rows.map((r) => [r.line, r.cells]),
      [
        [2, ["Vedtak", "2022-W14", "2 450", ""]],
        [4, ["Vedtak", "2022-W15", "2300", "ny rutine; færre"]],
      ],
    );
  });

  it("reads xlsx, marks formula cells instead of trusting their cached result", async () => {
    const bytes = await workbook([
      ["måltall", "periode", "verdi"],
      ["Vedtak", "2022-W14", 2450],
      ["Vedtak", "2022-W15", { formula: "1+1", result: 2 }],
      ["Vedtak", new Date(Date.UTC(2022, 3, 18)), 10],
    ]);
    const read = await readFigureFile("tall.xlsx", bytes);
    assert.ok(read.ok);
    assert.deepEqual(
      read.rows.map((r) => [r.cells, r.formulaColumns]),
      [
        [["Vedtak", "2022-W14", "2450"], []],
        [["Vedtak", "2022-W15", ""], [2]],
        [["Vedtak", "2022-04-18", "10"], []],
      ],
    );
  });

  it("refuses macro workbooks, old formats, unknown types, garbage and files too large", async () => {
    const xlsx = Buffer.from(
      await workbook([
        ["måltall", "periode", "verdi"],
        ["Vedtak", "2022-W14", 1],
      ]),
    );
    const macro = storedZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/vbaProject.bin", data: Buffer.from("VBA") },
    ]);
    assert.deepEqual(await readFigureFile("tall.xlsx", macro), { ok: false, error: "figures.fileMacros" });
    assert.deepEqual(await readFigureFile("tall.xlsm", xlsx), { ok: false, error: "figures.fileMacros" });
    assert.deepEqual(await readFigureFile("tall.xls", Buffer.from("old")), { ok: false, error: "figures.fileType" });
    assert.deepEqual(await readFigureFile("tall.pdf", Buffer.from("%PDF")), { ok: false, error: "figures.fileType" });
    assert.deepEqual(await readFigureFile("tall.xlsx", Buffer.from("not a zip at all")), { ok: false, error: "figures.fileUnreadable" });
    assert.deepEqual(await readFigureFile("tall.xlsx", xlsx.subarray(0, xlsx.length - 40)), { ok: false, error: "figures.fileUnreadable" });
    assert.deepEqual(await readFigureFile("tall.csv", new Uint8Array(50 * 1024 * 1024)), { ok: false, error: "figures.fileTooLarge" });
    assert.deepEqual(await readFigureFile("tall.csv", Buffer.from("måltall,periode,verdi\n")), { ok: false, error: "figures.fileEmpty" });
  });

  it("stops unpacking a zip that lies about its size at 40 MB actually inflated, whatever it claims", async () => {
    // 1.1 MB on the wire; the directory says 1,000 bytes; it inflates to 1.1 GB.
    const bomb = lyingDeflatedZip("xl/worksheets/sheet1.xml", 1.1 * 1024 ** 3, 1000);
    assert.ok(bomb.length < 1.3 * 1024 * 1024);
    const started = process.hrtime.bigint();
    assert.deepEqual(await readFigureFile("tall.xlsx", bomb), { ok: false, error: "figures.fileUnpacksTooLarge" });
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000, "stopped early, not after inflating it all");
    // A directory that claims a huge size for a tiny entry is not believed either way.
    const claims = storedZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.from("<x/>"), claimedSize: 2_000_000_000 }]);
    const read = await readFigureFile("tall.xlsx", claims);
    assert.ok(!read.ok && read.error !== "figures.fileUnpacksTooLarge");
  });

  it("refuses a zip of thousands of tiny entries without reading them, and never opens an archive inside one", async () => {
    const many = honestZip(new Map(Array.from({ length: 5000 }, (_, i) => [`xl/worksheets/sheet${i}.xml`, Buffer.from("<x/>")])));
    const started = process.hrtime.bigint();
    assert.deepEqual(await readFigureFile("tall.xlsx", many), { ok: false, error: "figures.fileUnreadable" });
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500);
    // A real workbook with a bomb tucked inside as an embedded file: the sheet is read, the bomb never inflated.
    const book = Buffer.from(
      await workbook([
        ["måltall", "periode", "verdi"],
        ["Vedtak", "2022-W14", 7],
      ]),
    );
    const parts = readZip(book, () => true, { maxEntries: 100, maxBytes: 10_000_000 });
    assert.ok(parts.ok);
    parts.entries.set("xl/embeddings/vedlegg.zip", lyingDeflatedZip("inne.xml", 512 * 1024 ** 2, 10));
    const read = await readFigureFile("tall.xlsx", honestZip(parts.entries));
    assert.ok(read.ok, JSON.stringify(read));
    assert.deepEqual(read.rows[0].cells, ["Vedtak", "2022-W14", "7"]);
  });

  it("caps the number of rows", async () => {
    const many = "måltall,periode,verdi\n" + "Vedtak,2022-W14,1\n".repeat(5001);
    assert.deepEqual(await readFigureFile("tall.csv", Buffer.from(many)), { ok: false, error: "figures.fileTooManyRows" });
  });
});
