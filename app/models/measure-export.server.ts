import ExcelJS from "exceljs";
import type { Translate } from "~/i18n";
import { toCsv } from "~/utils/csv";
import { osloParts } from "~/utils/oslo-time";
import { listMeasures, type MeasureFilter } from "./measures.server";
import { assertCan, type Actor } from "./permissions.server";

/** The columns a leader expects of the portfolio, in the reader's language. */
function table({ actor, t, filter }: { actor: Actor; t: Translate; filter?: MeasureFilter }) {
  assertCan(actor, "measures.view");
  const header = [
    t("measures.title"),
    t("measures.need"),
    t("measures.phase"),
    t("measures.responsible"),
    t("measures.others"),
    t("measures.nextStep"),
    t("measures.status"),
    t("measures.priority"),
    t("measures.startDate"),
    t("measures.endDate"),
    t("measures.inPhaseSince"),
    t("measures.updated"),
  ];
  const rows = listMeasures({ actor, filter }).map((m) => [
    m.title,
    m.needNumber ? `${m.needNumber}. ${m.needTitle}` : "",
    t(`phase.${m.phase}`),
    m.responsible ?? "",
    m.agencies.join(", "),
    m.nextStep,
    t(`measureStatus.${m.status}`),
    t(`priority.${m.priority}`),
    m.startDate ?? "",
    m.endDate ?? "",
    osloParts(m.phaseSince).date,
    osloParts(m.updatedAt).date,
  ]);
  return { header, rows };
}

export function measuresCsv(args: { actor: Actor; t: Translate; filter?: MeasureFilter }) {
  const { header, rows } = table(args);
  return toCsv([header, ...rows]);
}

/** The same table as an Excel workbook: a header row, frozen, filterable, with sensible widths. */
export async function measuresXlsx(args: { actor: Actor; t: Translate; filter?: MeasureFilter }): Promise<Uint8Array> {
  const { header, rows } = table(args);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samhandlingsportalen";
  const sheet = workbook.addWorksheet(args.t("measures.portfolio"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  // Text cells are plain strings: nothing in them is ever a formula.
  for (const row of rows) sheet.addRow(row.map((cell) => ({ richText: [{ text: String(cell) }] })));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(header[i].length, ...rows.map((r) => String(r[i]).length)) + 2);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
