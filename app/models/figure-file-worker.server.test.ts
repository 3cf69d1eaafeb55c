import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { lyingDeflatedZip } from "../../tests/helpers/zip";
import { endIdleWorkers, FILE_READING, fileReaders, readFigureFileInWorker } from "./figure-file-worker.server";

async function workbook() {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Tall");
  sheet.addRow(["måltall", "periode", "verdi"]);
  for (let i = 0; i < 200; i++) sheet.addRow(["Vedtak", "2022-W14", i]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("reading uploads in worker threads", () => {
  it("reads a workbook in a worker, and a lying zip bomb ends there without touching this thread's memory", async () => {
    await endIdleWorkers();
    const read = await readFigureFileInWorker(1, "tall.xlsx", await workbook());
    assert.ok(read.ok && read.rows.length === 200);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const bomb = await readFigureFileInWorker(1, "tall.xlsx", lyingDeflatedZip("xl/worksheets/sheet1.xml", 1.1 * 1024 ** 3, 1000));
    assert.deepEqual(bomb, { ok: false, error: "figures.fileUnpacksTooLarge" });
    assert.ok(process.memoryUsage().heapUsed - before < 30 * 1024 * 1024, "the unpacking happened elsewhere");
    assert.equal(fileReaders().reading, 0);
  });

  it("reads one file per person at a time and only a few in all; the rest are told to come back", async () => {
    const bytes = await workbook();
    const [first, second] = await Promise.all([readFigureFileInWorker(2, "a.xlsx", bytes), readFigureFileInWorker(2, "b.xlsx", bytes)]);
    assert.ok(first.ok);
    assert.deepEqual(second, { ok: false, busy: "own", retryAfterSeconds: FILE_READING.retryAfterSeconds });
    const results = await Promise.all([3, 4, 5].map((user) => readFigureFileInWorker(user, "c.xlsx", bytes)));
    assert.equal(results.filter((r) => r.ok).length, FILE_READING.maxAtOnce);
    assert.deepEqual(
      results.find((r) => !r.ok),
      { ok: false, busy: "all", retryAfterSeconds: FILE_READING.retryAfterSeconds },
    );
    assert.ok((await readFigureFileInWorker(2, "d.xlsx", bytes)).ok, "free again afterwards");
  });

  it("a worker that runs out of memory or time ends alone, with a clear refusal", async () => {
    const bytes = await workbook();
    const limits = { ...FILE_READING.resourceLimits };
    await endIdleWorkers(); // a fresh worker, started with the small heap
    FILE_READING.resourceLimits.maxOldGenerationSizeMb = 4;
    FILE_READING.resourceLimits.maxYoungGenerationSizeMb = 1;
    try {
      assert.deepEqual(await readFigureFileInWorker(6, "tall.xlsx", bytes), { ok: false, error: "figures.fileTooHeavy" });
    } finally {
      Object.assign(FILE_READING.resourceLimits, limits);
      await endIdleWorkers();
    }
    const timeout = FILE_READING.timeoutMs;
    FILE_READING.timeoutMs = 1;
    try {
      assert.deepEqual(await readFigureFileInWorker(6, "tall.xlsx", bytes), { ok: false, error: "figures.fileTooHeavy" });
    } finally {
      FILE_READING.timeoutMs = timeout;
    }
    assert.ok((await readFigureFileInWorker(6, "tall.xlsx", bytes)).ok, "and the next file is read as usual");
    const started = performance.now();
    assert.ok((await readFigureFileInWorker(6, "tall.xlsx", bytes)).ok);
    assert.ok(performance.now() - started < 500, "by the worker that read the last one, already started");
    await endIdleWorkers();
    assert.equal(fileReaders().idle, 0);
  });
});
