import { CsvCell, toCsv } from '../shared/csv';

/** CSV with a header row; the columns are the JSON field names, in the order given. */
export function rowsToCsv<T extends object>(columns: ReadonlyArray<keyof T & string>, rows: readonly T[], cell: (row: T, column: keyof T & string) => CsvCell = defaultCell): string {
  return toCsv(
    columns,
    rows.map((row) => columns.map((c) => cell(row, c))),
  );
}

function defaultCell<T extends object>(row: T, column: keyof T & string): CsvCell {
  const value: unknown = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
