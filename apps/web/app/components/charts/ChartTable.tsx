import type { ReactNode } from 'react';

/** A column of a chart's table: its heading, right-aligned when it holds numbers. */
export interface TableColumn {
  label: string;
  num?: boolean;
}

/**
 * The table that holds every figure of a chart: its caption for screen readers, its header, its rows. A table of more
 * than two columns would be wider than a phone: there each row becomes a small card (`table-cards`), every cell
 * under its column's name. The first column is the rows' header (`<th scope="row">`), named by its value alone.
 */
export function ChartTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: readonly TableColumn[];
  /** The rows: `<tr>`s of a header cell and `ColumnCell`s. */
  children: ReactNode;
}) {
  return (
    <table className={columns.length > 2 ? 'table-cards' : undefined}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.num ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A cell of a chart's table, in its column: right-aligned when it holds numbers, named on a phone's card. */
export function ColumnCell({ column, children }: { column: TableColumn; children: ReactNode }) {
  return (
    <td className={column.num ? 'num' : undefined} data-label={column.label}>
      {children}
    </td>
  );
}
