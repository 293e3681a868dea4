/** CSV as RFC 4180 reads it: comma-separated, a field quoted when it holds a comma, quote or line break. */

export type Cell = string | number | bigint | boolean | null | undefined;

/** One field: empty for null/undefined, quoted (with doubled quotes) when it has to be. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: the header, then one line per row, each ending with a newline. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`a CSV row has ${row.length} fields, the header ${header.length}`);
    lines.push(row.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}
