/** Options every contract-action command shares, and the checks of ids and URLs they take. */
import { CliError, ExitCode, parseCommandArgs } from "../command.ts";
import { keyOptions, refuseMnemonicArgument } from "../keys.ts";

/** The devnet's address, where `lets devnet` and `lets up` serve the node API. */
export const DEFAULT_NODE = "http://127.0.0.1:9052";

/** Options of every action command (node, network, output) plus the key sources. */
export const commonOptions = {
  ...keyOptions,
  node: { type: "string" },
  network: { type: "string" },
  json: { type: "boolean" },
  unsigned: { type: "boolean" },
} as const;

/** The usage lines of the common options, for each command's help. */
export const commonUsage = `  --dev-account N         sign with devnet development account N (0-9: 'lets devnet accounts')
  --mnemonic              sign with a mnemonic from $LETS_MNEMONIC, else a hidden prompt, else
                          a line of stdin; never on the command line ($LETS_MNEMONIC_PASSWORD
                          if it has a password)
  --index I               EIP-3 address index of the mnemonic: m/44'/429'/0'/0/I (default 0)
  --address ADDR|PUBKEY   with --unsigned: build for this P2PK address (or public key); no secret
  --unsigned              print the EIP-12 unsigned transaction a wallet signs, instead of signing
  --json                  print the result as JSON (amounts as decimal strings)
  --node URL              Ergo node REST API (default $ERGO_NODE_URL, else ${DEFAULT_NODE})
  --network NAME          devnet|testnet|mainnet, for addresses (default $LETS_NETWORK, else devnet)`;

type OptionConfig = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;

/**
 * Parses an action's arguments: the common options plus `extra`. Refuses a mnemonic on the
 * command line first, and positional arguments without echoing them (they may be secret words).
 */
export function parseActionArgs<T extends OptionConfig>(args: readonly string[], extra: T) {
  refuseMnemonicArgument(args);
  const { values, positionals } = oneLine(args, () => parseCommandArgs(args, { allowPositionals: true, options: { ...commonOptions, ...extra } }));
  if (positionals.length > 0) {
    throw new CliError(`unexpected argument${positionals.length > 1 ? "s" : ""}: every value goes after its --option`, ExitCode.usage);
  }
  return values;
}

/**
 * Runs the argument parser with its errors cut to one line; `--amount -3` (which `util.parseArgs`
 * finds ambiguous) is explained as the negative amount it is.
 */
function oneLine<R>(args: readonly string[], parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const option = /^Option '(--[\w-]+)' argument is ambiguous/.exec(error.message)?.[1];
    const value = option === undefined ? undefined : args[args.indexOf(option) + 1];
    if (option && value !== undefined && /^-\d/.test(value)) {
      throw new CliError(`${option}: '${value}' cannot be negative`, ExitCode.usage, { cause: error });
    }
    throw new CliError(error.message.split("\n")[0]!, error.exitCode, { cause: error });
  }
}

/** An http(s) URL option. */
export function urlOption(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`--${name} is not a URL: '${text}'`, ExitCode.usage);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`--${name} must be an http or https URL, not '${text}'`, ExitCode.usage);
  return url.toString();
}

/** The node URL: --node, else $ERGO_NODE_URL, else the devnet. */
export const nodeUrl = (value: string | undefined): string => urlOption("node", value ?? (process.env.ERGO_NODE_URL || DEFAULT_NODE));

/** A 32-byte id in hex (community and account ids), lowercased. */
export function idOption(name: string, text: string | undefined): string {
  if (text === undefined) throw new CliError(`--${name} is required`, ExitCode.usage);
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new CliError(`--${name} must be an id of 64 hex digits, not '${text}'`, ExitCode.usage);
  return text.toLowerCase();
}

/** Whether a text looks like an id (else it is taken for an address). */
export const isId = (text: string): boolean => /^[0-9a-f]{64}$/i.test(text);

/** A non-negative integer option within bounds. */
export function integerOption(name: string, text: string, max: bigint): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) > max) throw new CliError(`--${name} must be a whole number from 0 to ${max}`, ExitCode.usage);
  return BigInt(text);
}
