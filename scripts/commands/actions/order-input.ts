/**
 * Reading payment orders for `lets settle`: each source (a file, or stdin) holds JSON (one order
 * as `lets order --out` writes it, `lets order --json`'s document, or an array of either) or lines
 * of text, one `lets-order:…` per line (blank lines and lines starting with # are skipped).
 * Anything else is refused with the source and line, before anything is signed.
 */
import { readFile } from "node:fs/promises";
import { decodeOrder, InvalidOrder, orderFromJson, ORDER_TEXT_PREFIX, type SignedOrder } from "../../../contracts/orders.ts";
import { CliError, ExitCode } from "../command.ts";

/** Where orders are read from, with what it holds. */
export interface OrderSource {
  name: string;
  text: string;
}

const refused = (where: string, error: unknown): CliError => {
  if (!(error instanceof InvalidOrder)) throw error;
  return new CliError(`${where}: not a payment order: ${error.message.replace(/^payment order /, "")}`, ExitCode.usage, { cause: error });
};

/** An order from one JSON value: the order itself, or `{ order, ... }` as `lets order --json` prints it. */
function fromJsonValue(value: unknown, where: string): SignedOrder {
  const inner = typeof value === "object" && value !== null && !Array.isArray(value) && "order" in value ? (value as { order: unknown }).order : value;
  try {
    return orderFromJson(inner);
  } catch (error) {
    throw refused(where, error);
  }
}

/** The orders of one source. */
export function ordersOf(source: OrderSource): SignedOrder[] {
  const text = source.text.trim();
  if (text.startsWith("{") || text.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${source.name}: not valid JSON (${(error as Error).message})`, ExitCode.usage);
    }
    if (!Array.isArray(value)) return [fromJsonValue(value, source.name)];
    return value.map((item, i) => fromJsonValue(item, `${source.name}, item ${i + 1}`));
  }
  const orders: SignedOrder[] = [];
  source.text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `${source.name}, line ${i + 1}`;
    if (!line.startsWith(ORDER_TEXT_PREFIX)) throw new CliError(`${where}: expected an order's JSON or '${ORDER_TEXT_PREFIX}…' lines`, ExitCode.usage);
    try {
      orders.push(decodeOrder(line));
    } catch (error) {
      throw refused(where, error);
    }
  });
  return orders;
}

/** Every order of every source, in order; a source with none is refused (likely the wrong file). */
export function ordersOfAll(sources: readonly OrderSource[]): SignedOrder[] {
  return sources.flatMap((source) => {
    const orders = ordersOf(source);
    if (orders.length === 0) throw new CliError(`${source.name}: no payment order in it`, ExitCode.usage);
    return orders;
  });
}

/** Reads the named files, `-` being stdin (once at most). */
export async function readSources(names: readonly string[], stdin: NodeJS.ReadableStream): Promise<OrderSource[]> {
  if (names.filter((n) => n === "-").length > 1) throw new CliError("stdin (-) can be read once only", ExitCode.usage);
  return Promise.all(
    names.map(async (name) => {
      if (name === "-") return { name: "stdin", text: await readAll(stdin) };
      try {
        return { name, text: await readFile(name, "utf8") };
      } catch (error) {
        throw new CliError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ExitCode.usage, { cause: error });
      }
    }),
  );
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
