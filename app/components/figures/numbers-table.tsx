import { Details, Link, Table } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";

/**
 * A chart's numbers as a table: the same figures for people who cannot or would rather not read the
 * chart. `collapsed` puts it behind a disclosure where a page has many charts.
 */
export function NumbersTable({
  caption,
  columns,
  rows,
  numeric = [],
  collapsed,
}: {
  caption: string;
  columns: string[];
  rows: ReactNode[][];
  numeric?: number[];
  collapsed?: string;
}) {
  const table = (
    <div className="table-wrap">
      <Table data-size="sm" className="numbers-table">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Head>
          <Table.Row>
            {columns.map((c, i) => (
              <Table.HeaderCell key={i} className={numeric.includes(i) ? "num" : undefined}>
                {c}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((row, r) => (
            <Table.Row key={r}>
              {row.map((cell, i) => (
                <Table.Cell key={i} className={numeric.includes(i) ? "num" : undefined}>
                  {cell}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
  if (!collapsed) return table;
  return (
    <Details>
      <Details.Summary>{collapsed}</Details.Summary>
      <Details.Content>{table}</Details.Content>
    </Details>
  );
}

export function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <Link href={href} download>
        {label}
      </Link>
    </p>
  );
}
