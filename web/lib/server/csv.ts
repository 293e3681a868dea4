/**
 * CSV as the indexer writes it (RFC 4180: header row, CRLF, fields quoted when they hold a comma,
 * quote, CR or LF, quotes doubled), for tables the web derives itself.
 */

const field = (value: string | number | bigint | null | undefined): string => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The rows under a header of `columns`, each row's fields in the columns' order. */
export function toCsv<T>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.map(field).join(","), ...rows.map((row) => columns.map((c) => field(row[c] as string | number | bigint | null)).join(","))];
  return lines.map((line) => `${line}\r\n`).join("");
}

/** JSON with bigints as decimal strings, the API's convention for amounts. */
export const toJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
