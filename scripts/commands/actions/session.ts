/**
 * What an action command runs in: the node it talks to (checked to be on the expected network),
 * where its output goes (human lines, or JSON, or an unsigned transaction), and the last step of
 * every write: sign and submit, or print the EIP-12 unsigned transaction for a wallet.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { NodeClient } from "../../../ergo/node-client.ts";
import { LetsOverHttp, type Identity, type KeyHolder, type Plan, type Submitted } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { canSign, parseNetwork, requireKey, resolveKey, type KeyValues, type MnemonicInput } from "../keys.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { toCliError, type UnitFormat } from "./errors.ts";
import { nodeUrl } from "./options.ts";

/** The options every action has, as parsed. */
export interface CommonValues extends KeyValues {
  node?: string;
  network?: string;
  json?: boolean;
  unsigned?: boolean;
}

/** Where a mnemonic would be read from; tests replace the process's streams. */
let mnemonicInput: MnemonicInput | undefined;

/** For tests: read mnemonics from these streams instead of the process's. */
export function setMnemonicInput(input: MnemonicInput | undefined): void {
  mnemonicInput = input;
}

/** One run of an action command. */
export class Session {
  readonly nodeUrl: string;
  readonly network: NetworkName;
  readonly json: boolean;
  readonly unsigned: boolean;
  readonly lets: LetsOverHttp;
  /** How to show amounts in messages, once the community (and its decimals) is known. */
  units: UnitFormat | undefined;
  /** Whether `run` first checks that the node is reachable and on the expected network. */
  checksNode = true;

  constructor(readonly values: CommonValues) {
    this.nodeUrl = nodeUrl(values.node);
    this.network = parseNetwork(values.network, process.env);
    this.json = values.json ?? false;
    this.unsigned = values.unsigned ?? false;
    this.lets = new LetsOverHttp(new NodeClient(this.nodeUrl));
  }

  /** Refuses a node on another network than the addresses are for (a mainnet node with devnet keys). */
  async checkNode(): Promise<void> {
    const { network } = await this.lets.node.info();
    if (network === undefined) return;
    const nodeIsMainnet = network === "mainnet";
    if (nodeIsMainnet !== (this.network === "mainnet")) {
      throw new CliError(`the node at ${this.nodeUrl} is on ${network}, but the network is ${this.network}: pass --network ${nodeIsMainnet ? "mainnet" : network === "devnet" ? "devnet" : "testnet"}`, ExitCode.usage);
    }
  }

  /** A line telling what happens; on stderr when stdout carries JSON. */
  info(line: string): void {
    if (this.json || this.unsigned) console.error(line);
    else console.log(line);
  }

  /** The result: human lines, or one JSON document with --json. */
  result(lines: string[], json: unknown): void {
    if (this.json) console.log(JSON.stringify(json, bigintsAsStrings, 2));
    else for (const line of lines) console.log(line);
  }

  /**
   * Signs and submits the plan's transaction with `key`; with --unsigned, prints it for a wallet
   * instead (then `submitted` is absent).
   */
  async execute(key: Identity | KeyHolder, plan: Plan): Promise<{ unsigned: EIP12UnsignedTransaction; submitted?: Submitted }> {
    if (this.unsigned) {
      const { unsigned } = await this.lets.unsigned(plan);
      // What EIP-12 `sign_tx` takes: every amount a decimal string.
      console.log(JSON.stringify(unsigned, bigintsAsStrings, 2));
      return { unsigned };
    }
    if (!canSign(key)) throw new CliError("this key cannot sign: pass --unsigned, or --dev-account / --mnemonic", ExitCode.usage);
    const submitted = await this.lets.submit(key, plan);
    return { unsigned: submitted.unsigned, submitted };
  }

  /**
   * Runs the action, turning every expected failure into a one-line `CliError`. The key (when the
   * action takes one) is resolved, and the node's network checked, before the action starts.
   */
  run(keyUse: "required", action: (key: Identity | KeyHolder) => Promise<number>): Promise<number>;
  run(keyUse: "optional", action: (key: Identity | KeyHolder | undefined) => Promise<number>): Promise<number>;
  async run(keyUse: "required" | "optional", action: (key: Identity | KeyHolder) => Promise<number>): Promise<number> {
    try {
      const options = { canBuildOnly: this.unsigned || keyUse === "optional", input: mnemonicInput };
      const key = keyUse === "required" ? await requireKey(this.values, this.network, options) : await resolveKey(this.values, this.network, options);
      if (this.checksNode) await this.checkNode();
      // `requireKey` never answers undefined; `resolveKey` may, and then the action takes undefined.
      return await action(key as Identity | KeyHolder);
    } catch (error) {
      throw toCliError(error, { nodeUrl: this.nodeUrl, units: this.units });
    }
  }
}

/** JSON.stringify replacer: bigints as decimal strings, as at every wallet and JSON boundary. */
export const bigintsAsStrings = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value);
