/**
 * Reading an uploaded file of figures into rows of text: CSV (comma or semicolon) or Excel (xlsx).
 * Everything here treats the file as hostile: size, unpacked size (counted while unpacking) and row
 * count are capped, macro-enabled workbooks are refused, and formula cells are reported instead of
 * evaluated or trusted. Uploads are read in a worker thread (figure-file-worker.server.ts), never on
 * the event loop that serves everyone.
 */
import ExcelJS from "exceljs";
import { detectDelimiter, parseCsv } from "~/utils/csv";
import { readZip, storedZip } from "~/utils/zip.server";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 5000;

export interface RawRow {
  /** The row's line in the file as a spreadsheet shows it (the header is line 1). */
  line: number;
  cells: string[];
  /** Cells that held a formula (by column index): such a row is refused. */
  formulaColumns: number[];
}

export type FileErrorKey =
  | "figures.fileType"
  | "figures.fileTooLarge"
  | "figures.fileUnpacksTooLarge"
  | "figures.fileMacros"
  | "figures.fileUnreadable"
  | "figures.fileEmpty"
  | "figures.fileTooManyRows"
  | "figures.fileTooHeavy";

export type ReadResult = { ok: true; header: string[]; rows: RawRow[] } | { ok: false; error: FileErrorKey };

const ZIP_MAGIC = "504b0304";
/** Bytes a workbook may unpack to, counted while unpacking; real sheets of 5000 rows are a few MB. */
export const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
/** A workbook from Excel has a dozen or two entries. */
const MAX_ZIP_ENTRIES = 500;

/**
 * The parts of a workbook that reading its first sheet needs. Everything else (images, embedded
 * files and archives, drawings, themes) is never unpacked.
 */
const WORKBOOK_PART =
  /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/sheet\d+\.xml|xl\/worksheets\/_rels\/sheet\d+\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml)$/;

export async function readFigureFile(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: "figures.fileTooLarge" };
  const name = fileName.toLowerCase();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isZip = buffer.subarray(0, 4).toString("hex") === ZIP_MAGIC;
  if (name.endsWith(".xlsm") || name.endsWith(".xlsb") || name.endsWith(".xls"))
    return { ok: false, error: name.endsWith(".xlsm") ? "figures.fileMacros" : "figures.fileType" };
  if (name.endsWith(".xlsx") || isZip) {
    if (!isZip) return { ok: false, error: "figures.fileUnreadable" };
    const zip = readZip(buffer, (entry) => WORKBOOK_PART.test(entry), { maxEntries: MAX_ZIP_ENTRIES, maxBytes: MAX_UNPACKED_BYTES });
    if (!zip.ok) return { ok: false, error: zip.reason === "tooLarge" ? "figures.fileUnpacksTooLarge" : "figures.fileUnreadable" };
    if (zip.names.some((entry) => /vbaProject\.bin$/i.test(entry))) return { ok: false, error: "figures.fileMacros" };
    // The workbook library unpacks what it is given by itself: it gets only the parts read above,
    // stored uncompressed, so there is nothing left for it to inflate.
    return readXlsx(storedZip(zip.entries));
  }
  if (name.endsWith(".csv") || name.endsWith(".txt")) return readCsv(buffer);
  return { ok: false, error: "figures.fileType" };
}

function finish(table: Array<{ cells: string[]; formulaColumns: number[] }>): ReadResult {
  const nonEmpty = table.map((row, i) => ({ ...row, line: i + 1 })).filter((row) => row.cells.some((c) => c.trim() !== ""));
  if (nonEmpty.length < 2) return { ok: false, error: "figures.fileEmpty" };
  if (nonEmpty.length - 1 > MAX_UPLOAD_ROWS) return { ok: false, error: "figures.fileTooManyRows" };
  const [header, ...rows] = nonEmpty;
  return { ok: true, header: header.cells.map((c) => c.trim()), rows };
}

function readCsv(buffer: Buffer): ReadResult {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(buffer);
  if (text.includes("\u0000")) return { ok: false, error: "figures.fileUnreadable" };
  return finish(parseCsv(text, detectDelimiter(text)).map((cells) => ({ cells, formulaColumns: [] })));
}

async function readXlsx(buffer: Buffer): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, error: "figures.fileUnreadable" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "figures.fileEmpty" };
  if (sheet.rowCount > MAX_UPLOAD_ROWS + 50) return { ok: false, error: "figures.fileTooManyRows" };
  const table: Array<{ cells: string[]; formulaColumns: number[] }> = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const formulaColumns: number[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 20); c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Formula) {
        formulaColumns.push(c - 1);
        cells.push("");
        continue;
      }
      cells.push(cellText(cell.value));
    }
    table.push({ cells, formulaColumns });
  }
  return finish(table);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "object" && "richText" in value) return value.richText.map((part) => part.text).join("");
  if (typeof value === "object" && "text" in value) return String(value.text);
  return "";
}
