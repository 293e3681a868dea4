import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CliError, ExitCode, parseCommandArgs, type Command } from "./command.ts";

/**
 * The contracts `lets contracts` shows, in the order it shows them: the plain family with its
 * batch settlement tree (docs/batches.md), the economics family (docs/economics.md) and the
 * trade-line trees (docs/inter-lets.md).
 */
export const contractNames = ["account", "community", "batch", "accountEcon", "communityEcon", "line", "gateway", "gatewayB"] as const;

/** What `lets contracts` reports for one compiled contract. */
export interface ContractSummary {
  name: (typeof contractNames)[number];
  templateHash: string;
  ergoTreeBytes: number;
}

const defaultFile = fileURLToPath(new URL("../../contracts/compiled.json", import.meta.url));
const hex = /^(?:[0-9a-f]{2})+$/i;

/** Checks the shape of compiled.json and extracts each contract's template hash and ErgoTree size. */
export function summarizeCompiledContracts(compiled: unknown, source: string): ContractSummary[] {
  return contractNames.map((name) => {
    const entry = isRecord(compiled) ? compiled[name] : undefined;
    if (!isRecord(entry)) {
      throw new CliError(`${source}: no "${name}" entry`);
    }
    const { ergoTree, templateHash } = entry;
    if (typeof ergoTree !== "string" || !hex.test(ergoTree)) {
      throw new CliError(`${source}: ${name}.ergoTree is missing or not hex`);
    }
    if (typeof templateHash !== "string" || !hex.test(templateHash)) {
      throw new CliError(`${source}: ${name}.templateHash is missing or not hex`);
    }
    return { name, templateHash, ergoTreeBytes: ergoTree.length / 2 };
  });
}

/** Renders the summaries as an aligned table for the terminal. */
export function formatContractSummaries(summaries: readonly ContractSummary[]): string {
  const rows = [["contract", "template hash", "ErgoTree"]].concat(
    summaries.map((s) => [s.name, s.templateHash, `${s.ergoTreeBytes} bytes`]),
  );
  const width = (column: number) => Math.max(...rows.map((row) => row[column]?.length ?? 0));
  return rows
    .map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(width(column)) : cell)).join("  "))
    .join("\n");
}

async function readCompiled(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isNodeError(error) && error.code === "ENOENT") {
      throw new CliError(`${file} not found: run 'npm run compile:contracts' to generate it`);
    }
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON`, ExitCode.failure, { cause: error });
  }
}

/** `lets contracts`: the compiled LETS contracts, so anyone can compare them with what is on chain. */
export const contractsCommand: Command = {
  summary: "print the compiled LETS contracts: template hash and ErgoTree size",
  usage: `lets contracts [--file <path>]

  --file <path>  compiled contracts JSON (default: contracts/compiled.json)`,
  async run(args) {
    const { values } = parseCommandArgs(args, { options: { file: { type: "string" } } });
    const file = values.file ?? defaultFile;
    const summaries = summarizeCompiledContracts(await readCompiled(file), file);
    console.log(formatContractSummaries(summaries));
    return ExitCode.ok;
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}
