/**
 * Reading an uploaded file of figures into rows of text: CSV (comma or semicolon) or Excel (xlsx).
 * Everything here treats the file as hostile: size and row count are capped, macro-enabled workbooks
 * are refused, and formula cells are reported instead of evaluated or trusted.
 */
import ExcelJS from "exceljs";
import { detectDelimiter, parseCsv } from "~/utils/csv";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 5000;

export interface RawRow {
  /** The row's line in the file as a spreadsheet shows it (the header is line 1). */
  line: number;
  cells: string[];
  /** Cells that held a formula (by column index): such a row is refused. */
  formulaColumns: number[];
}

export type FileErrorKey = "figures.fileType" | "figures.fileTooLarge" | "figures.fileMacros" | "figures.fileUnreadable" | "figures.fileEmpty" | "figures.fileTooManyRows";

export type ReadResult = { ok: true; header: string[]; rows: RawRow[] } | { ok: false; error: FileErrorKey };

const ZIP_MAGIC = "504b0304";
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

/**
 * The names and unpacked sizes of a zip's entries, from its central directory; null when the
 * directory is not where and what it should be.
 */
export function zipEntries(zip: Buffer): Array<{ name: string; size: number }> | null {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  const from = Math.max(0, zip.length - 65_557);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < from || end + 22 > zip.length) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Array<{ name: string; size: number }> = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({ name: zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"), size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export async function readFigureFile(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: "figures.fileTooLarge" };
  const name = fileName.toLowerCase();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isZip = buffer.subarray(0, 4).toString("hex") === ZIP_MAGIC;
  if (name.endsWith(".xlsm") || name.endsWith(".xlsb") || name.endsWith(".xls")) return { ok: false, error: name.endsWith(".xlsm") ? "figures.fileMacros" : "figures.fileType" };
  if (name.endsWith(".xlsx") || isZip) {
    if (!isZip) return { ok: false, error: "figures.fileUnreadable" };
    const entries = zipEntries(buffer);
    if (!entries) return { ok: false, error: "figures.fileUnreadable" };
    if (entries.some((e) => /vbaProject\.bin$/i.test(e.name))) return { ok: false, error: "figures.fileMacros" };
    // A small zip can unpack to gigabytes; refuse before unpacking anything.
    if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_UNPACKED_BYTES) return { ok: false, error: "figures.fileTooLarge" };
    return readXlsx(buffer);
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
