/**
 * Where the CLI's keys come from: the devnet's development accounts (`--dev-account N`) or an
 * EIP-3 mnemonic (`--mnemonic`: read from LETS_MNEMONIC, a hidden prompt, or one line of stdin),
 * or, to build without signing, just an address (`--address`). A mnemonic is never taken from the
 * command line, where it would stay in the shell history. Keys stay in this process.
 */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import { DEV_ACCOUNT_COUNT, InvalidMnemonic, KeyChain, devAccount } from "../../ergo/keys.ts";
import { addressNetwork, isNetworkName, type NetworkName } from "../../ergo/network.ts";
import { addressOfKey } from "../../ergo/addresses.ts";
import type { Identity, KeyHolder } from "../../client/lets-over-http.ts";
import { CliError, ExitCode } from "./command.ts";


/** The key source options every signing command takes, for `parseCommandArgs`. */
export const keyOptions = {
  "dev-account": { type: "string" },
  mnemonic: { type: "boolean" },
  index: { type: "string" },
  address: { type: "string" },
} as const;

/** The key source options as parsed. */
export interface KeyValues {
  "dev-account"?: string;
  mnemonic?: boolean;
  index?: string;
  address?: string;
}

/** Where a mnemonic is read from; the process's own streams unless a test gives others. */
export interface MnemonicInput {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  prompt: NodeJS.WritableStream;
}

const MAX_EIP3_INDEX = 2 ** 31 - 1;
/** A compressed secp256k1 public key in hex. */
const PUBLIC_KEY = /^0[23][0-9a-f]{64}$/i;
const MNEMONIC_HELP = "set LETS_MNEMONIC, or pass --mnemonic alone to be prompted (or pipe it on stdin)";

/** The `--network` value, else LETS_NETWORK, else devnet. */
export function parseNetwork(value: string | undefined, env: NodeJS.ProcessEnv): NetworkName {
  const name = value ?? (env.LETS_NETWORK || "devnet");
  if (!isNetworkName(name)) {
    const from = value === undefined ? "LETS_NETWORK" : "--network";
    throw new CliError(`${from} must be devnet, testnet or mainnet, not '${name}'`, ExitCode.usage);
  }
  return name;
}

/** A P2PK address of `network`, checked; `what` names it in the error (e.g. `--to`). */
export function parseAddress(text: string, network: NetworkName, what: string): Identity {
  let address: ErgoAddress;
  try {
    address = ErgoAddress.decode(text);
  } catch {
    throw new CliError(`${what}: '${text}' is not a valid Ergo address`, ExitCode.usage);
  }
  if (address.network !== addressNetwork(network)) {
    const other = address.network === Network.Mainnet ? "mainnet" : "testnet";
    throw new CliError(`${what}: ${text} is a ${other} address, but the network is ${network} (--network or LETS_NETWORK)`, ExitCode.usage);
  }
  const keys = address.getPublicKeys();
  if (keys.length !== 1) throw new CliError(`${what}: ${text} is not a single-key (P2PK) address`, ExitCode.usage);
  return { address: text, publicKey: hex.encode(keys[0]!) };
}

/** A public key (66 hex digits) or a P2PK address, as a public key; for committee members. */
export function parsePublicKey(text: string, network: NetworkName, what: string): string {
  if (PUBLIC_KEY.test(text)) return text.toLowerCase();
  return parseAddress(text, network, what).publicKey;
}

/** The address of a public key on `network`. */
/**
 * Refuses a mnemonic typed on the command line (`--mnemonic=words` or `--mnemonic words...`),
 * before anything else parses the arguments, and without repeating the words.
 */
export function refuseMnemonicArgument(args: readonly string[]): void {
  const end = args.indexOf("--");
  const options = end === -1 ? args : args.slice(0, end);
  const inline = options.some((arg) => arg.startsWith("--mnemonic="));
  const at = options.indexOf("--mnemonic");
  const next = at === -1 ? undefined : options[at + 1];
  const words = next !== undefined && !next.startsWith("-");
  if (inline || words) {
    throw new CliError(`a mnemonic is never read from the command line, where it stays in the shell history: ${MNEMONIC_HELP}`, ExitCode.usage);
  }
}

/** Which key source the options name, checked for conflicts. */
function chosenSource(values: KeyValues): "dev-account" | "mnemonic" | "address" | undefined {
  const chosen = (["dev-account", "mnemonic", "address"] as const).filter((name) => values[name] !== undefined && values[name] !== false);
  if (chosen.length > 1) throw new CliError(`use one key source, not ${chosen.map((n) => `--${n}`).join(" and ")}`, ExitCode.usage);
  if (values.index !== undefined && chosen[0] !== "mnemonic") throw new CliError("--index goes with --mnemonic", ExitCode.usage);
  return chosen[0];
}

function integer(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new CliError(`--${name} must be an integer from 0 to ${max}`, ExitCode.usage);
  return Number(text);
}

/** A development account (devnet keys are public: refused on mainnet). */
function devKey(text: string, network: NetworkName): KeyHolder {
  if (network === "mainnet") throw new CliError("--dev-account keys are public: they are for the devnet, never mainnet", ExitCode.usage);
  const { address, publicKey, secretKey } = devAccount(integer("dev-account", text, DEV_ACCOUNT_COUNT - 1));
  return { address, publicKey, secretKey };
}

/** The key at EIP-3 path m/44'/429'/0'/0/index of a mnemonic, as Nautilus derives it. */
export function keyFromMnemonic(mnemonic: string, index: number, network: NetworkName, passphrase = ""): KeyHolder {
  let keys: KeyChain;
  try {
    keys = new KeyChain(mnemonic, addressNetwork(network), passphrase);
  } catch (error) {
    if (!(error instanceof InvalidMnemonic)) throw error;
    throw new CliError("the mnemonic is not a valid BIP-39 mnemonic (unknown word, wrong count or checksum)", ExitCode.usage);
  }
  const { address, publicKey, secretKey } = keys.key(index);
  return { address, publicKey, secretKey };
}

/**
 * The signer or identity the options name: a key holder for --dev-account and --mnemonic, an
 * identity only for --address (allowed only when `canBuildOnly`), undefined when none is named.
 */
export async function resolveKey(
  values: KeyValues,
  network: NetworkName,
  options: { canBuildOnly: boolean; input?: MnemonicInput },
): Promise<Identity | KeyHolder | undefined> {
  const source = chosenSource(values);
  if (source === "dev-account") return devKey(values["dev-account"]!, network);
  if (source === "address") {
    if (!options.canBuildOnly) throw new CliError("--address can only build (--unsigned); to sign, use --dev-account or --mnemonic", ExitCode.usage);
    const text = values.address!;
    if (PUBLIC_KEY.test(text)) return { address: addressOfKey(text.toLowerCase(), network), publicKey: text.toLowerCase() };
    return parseAddress(text, network, "--address");
  }
  if (source === "mnemonic") {
    const index = values.index === undefined ? 0 : integer("index", values.index, MAX_EIP3_INDEX);
    const input = options.input ?? { env: process.env, stdin: process.stdin, prompt: process.stderr };
    return keyFromMnemonic(await readMnemonic(input), index, network, input.env.LETS_MNEMONIC_PASSWORD ?? "");
  }
  return undefined;
}

/** Like `resolveKey`, but a key source is required. */
export async function requireKey(
  values: KeyValues,
  network: NetworkName,
  options: { canBuildOnly: boolean; input?: MnemonicInput },
): Promise<Identity | KeyHolder> {
  const key = await resolveKey(values, network, options);
  if (key) return key;
  const sources = options.canBuildOnly ? "--dev-account N, --mnemonic or --address" : "--dev-account N or --mnemonic";
  throw new CliError(`name the key to use: ${sources}`, ExitCode.usage);
}

/** Whether an identity carries a secret key (can sign). */
export const canSign = (key: Identity | KeyHolder): key is KeyHolder => "secretKey" in key;

/** The mnemonic from LETS_MNEMONIC, else a prompt that does not echo on a terminal, else stdin's first line. */
export async function readMnemonic(input: MnemonicInput): Promise<string> {
  const fromEnv = input.env.LETS_MNEMONIC?.trim();
  if (fromEnv) return fromEnv;
  const text = input.stdin.isTTY ? await readHidden(input, "Mnemonic (not shown): ") : await readLine(input.stdin);
  if (text.trim() === "") throw new CliError(`no mnemonic given: ${MNEMONIC_HELP}`, ExitCode.usage);
  return text.trim();
}

/** The first line of a piped stream. */
function readLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const finish = () => {
      stream.off("data", onData).off("end", finish).off("error", reject);
      stream.pause();
      resolve(text.split(/\r?\n/)[0] ?? "");
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes("\n")) finish();
    };
    stream.on("data", onData).once("end", finish).once("error", reject);
    stream.resume();
  });
}

/** Reads a line on a terminal in raw mode, echoing nothing; Ctrl-C cancels. */
function readHidden(input: MnemonicInput, prompt: string): Promise<string> {
  const { stdin } = input;
  input.prompt.write(prompt);
  return new Promise((resolve, reject) => {
    let text = "";
    const done = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      input.prompt.write("\n");
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === "\r" || char === "\n" || char === "\u0004") return done();
        if (char === "\u0003") return done(new CliError("cancelled", ExitCode.failure));
        if (char === "\u007f" || char === "\b") text = text.slice(0, -1);
        else text += char;
      }
    };
    stdin.setRawMode?.(true);
    stdin.on("data", onData);
    stdin.resume();
  });
}
