// A list of records as a table on wide screens that stacks into one card per row on phones
// (each cell then carries its column name), so nothing hides behind a sideways scroll at 390 px.
// Explicit roles keep the table semantics when CSS turns the rows into blocks. Used by the dev
// messages, dev outbox and usage ledger.
import type { ReactNode } from "react";

export type Column<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  /** Keep the cell on one line on wide screens (times, phone numbers). */
  nowrap?: boolean;
  /** The header is for screen readers only (e.g. an actions column). */
  hiddenHeader?: boolean;
};

export function ResponsiveTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  testId,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  testId?: string;
}) {
  return (
    <table role="table" className="block w-full text-left text-sm md:table" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead
        role="rowgroup"
        className="hidden text-xs uppercase tracking-wide text-slate-500 md:table-header-group"
      >
        <tr role="row" className="border-b border-slate-200">
          {columns.map((c) => (
            <th key={c.header} role="columnheader" scope="col" className="py-2 pr-3 font-medium last:pr-0">
              {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className="block divide-y divide-slate-100 align-top md:table-row-group">
        {rows.map((row) => (
          <tr key={rowKey(row)} role="row" className="block py-2 md:table-row md:py-0">
            {columns.map((c) => (
              <td
                key={c.header}
                role="cell"
                className={`block py-0.5 md:table-cell md:py-2 md:pr-3 md:last:pr-0 ${c.nowrap ? "md:whitespace-nowrap" : ""}`}
              >
                {c.hiddenHeader ? null : (
                  <span className="mr-2 text-xs font-medium uppercase tracking-wide text-slate-500 md:hidden">
                    {c.header}
                  </span>
                )}
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
