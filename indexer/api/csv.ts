/**
 * Lists as CSV (RFC 4180): a header row, then one row per item, CRLF line ends, a field quoted
 * when it holds a comma, a double quote, CR or LF (quotes doubled). null is an empty field.
 * Values are written exactly as the JSON has them; no spreadsheet-formula escaping, so a text
 * field that begins with `=` stays as the chain has it.
 */
import type { FastifyReply } from "fastify";
import type { Format } from "./schemas.ts";

/** One CSV column: its header and how to read it from a row. */
export interface Column<T> {
  name: string;
  get(row: T): unknown;
}

/** Columns named like the row's own fields, in this order. */
export function fields<T>(...names: (keyof T & string)[]): Column<T>[] {
  return names.map((name) => ({ name, get: (row: T) => row[name] }));
}

/** The header names of `columns`, for documentation. */
export const names = <T>(columns: Column<T>[]): string[] => columns.map((c) => c.name);

function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of `rows`. */
export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const lines = [columns.map((c) => field(c.name)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(c.get(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Answers a list: `json` as is, or `rows` as CSV when `format` is csv. */
export function sendList<T>(reply: FastifyReply, format: Format, columns: Column<T>[], rows: T[], json: object): FastifyReply | object {
  if (format !== "csv") return json;
  return reply.type("text/csv; charset=utf-8").send(toCsv(columns, rows));
}
