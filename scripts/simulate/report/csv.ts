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

/** Parses CSV written by `toCsv` (and any RFC 4180 text) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== "," && c !== "\n" && c !== "\r")) {
      field += c;
    } else if (c === ",") {
      endField();
    } else {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
