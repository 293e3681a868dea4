/**
 * Reading CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a quote or a line
 * end, quotes doubled), for the specs that read back what the indexer, the web and the simulator
 * write. `crlf` reads strictly as the indexer's and the web's downloads are written: every row
 * ends with CRLF, and a bare CR or LF outside quotes is an error. Otherwise CRLF, LF or CR end a
 * row and a last row without a line end is kept.
 */

export interface CsvReading {
  crlf?: boolean;
}

/** The rows of `text`, the header included, as arrays of fields. */
export function csvRows(text: string, { crlf = false }: CsvReading = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    rows.push([...row, field]);
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      i++;
      endRow();
    } else if (c === "\r" || c === "\n") {
      if (crlf) throw new Error(`CSV has a bare ${c === "\r" ? "CR" : "LF"} outside quotes at character ${i}`);
      endRow();
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    if (crlf) throw new Error("CSV does not end with CRLF");
    endRow();
  }
  return rows;
}

/** The data rows of `text` as records keyed by the header's column names. */
export function csvRecords(text: string, reading: CsvReading = {}): Record<string, string>[] {
  const [header, ...rows] = csvRows(text, reading);
  if (!header) return [];
  return rows.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ""])));
}
