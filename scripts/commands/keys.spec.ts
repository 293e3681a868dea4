import { PassThrough } from "node:stream";
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { describe, expect, it } from "vitest";
import { COMMUNITY_ERGO_TREE } from "../../contracts/index.ts";
import { DEV_MNEMONIC, devAccount } from "../../ergo/keys.ts";
import { CliError } from "./command.ts";
import { keyFromMnemonic, parseAddress, parseNetwork, readMnemonic, refuseMnemonicArgument, resolveKey, type MnemonicInput } from "./keys.ts";
import { addressOfKey } from "../../ergo/addresses.ts";

/** A stream that plays a terminal: `isTTY`, and raw mode switched on and off. */
function fakeTerminal(): PassThrough & { isTTY: boolean; rawModes: boolean[]; setRawMode(raw: boolean): void } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  return Object.assign(stream, { setRawMode: (raw: boolean) => void stream.rawModes.push(raw) });
}

function input(stdin: MnemonicInput["stdin"], env: NodeJS.ProcessEnv = {}): MnemonicInput & { shown: () => string } {
  const prompt = new PassThrough();
  let shown = "";
  prompt.on("data", (chunk: Buffer) => (shown += chunk.toString()));
  return { env, stdin, prompt, shown: () => shown };
}

async function cliError(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

describe("keyFromMnemonic", () => {
  it("derives the EIP-3 keys Nautilus derives: index 3 of the dev mnemonic is dev account 3", () => {
    const key = keyFromMnemonic(DEV_MNEMONIC, 3, "devnet");
    const dev = devAccount(3);
    expect(key).toEqual({ address: dev.address, publicKey: dev.publicKey, secretKey: dev.secretKey });
  });

  it("uses mainnet prefixes on mainnet, and a passphrase changes the key", () => {
    const mainnet = keyFromMnemonic(DEV_MNEMONIC, 0, "mainnet");
    expect(mainnet.address.startsWith("9")).toBe(true);
    expect(mainnet.publicKey).toBe(devAccount(0).publicKey);
    expect(keyFromMnemonic(DEV_MNEMONIC, 0, "testnet", "extra words").publicKey).not.toBe(devAccount(0).publicKey);
  });

  it("refuses an invalid mnemonic without repeating it", () => {
    const words = "test test test test test test test test test test test test";
    const error = (() => {
      try {
        keyFromMnemonic(words, 0, "devnet");
      } catch (e) {
        return e as CliError;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect(error!.exitCode).toBe(2);
    expect(error!.message).not.toContain("test");
  });
});

describe("readMnemonic", () => {
  it("takes LETS_MNEMONIC first", async () => {
    expect(await readMnemonic(input(new PassThrough(), { LETS_MNEMONIC: `  ${DEV_MNEMONIC}\n` }))).toBe(DEV_MNEMONIC);
  });

  it("reads the first line of piped stdin", async () => {
    const stdin = new PassThrough();
    const reading = readMnemonic(input(stdin));
    stdin.write(`${DEV_MNEMONIC.slice(0, 20)}`);
    stdin.write(`${DEV_MNEMONIC.slice(20)}\nsomething else\n`);
    expect(await reading).toBe(DEV_MNEMONIC);
  });

  it("reads a piped mnemonic without a final newline", async () => {
    const stdin = new PassThrough();
    const reading = readMnemonic(input(stdin));
    stdin.end(DEV_MNEMONIC);
    expect(await reading).toBe(DEV_MNEMONIC);
  });

  it("prompts on a terminal in raw mode, echoes nothing, honours backspace", async () => {
    const terminal = fakeTerminal();
    const io = input(terminal);
    const reading = readMnemonic(io);
    terminal.write(DEV_MNEMONIC.replace("junk", "junx\u007fk"));
    terminal.write("\r");
    expect(await reading).toBe(DEV_MNEMONIC);
    expect(io.shown()).toBe("Mnemonic (not shown): \n");
    expect(terminal.rawModes).toEqual([true, false]);
  });

  it("cancels on Ctrl-C, and refuses an empty answer with a hint", async () => {
    const terminal = fakeTerminal();
    const reading = readMnemonic(input(terminal));
    terminal.write("test te\u0003");
    expect((await cliError(reading)).message).toBe("cancelled");
    const empty = new PassThrough();
    const nothing = readMnemonic(input(empty));
    empty.end("\n");
    expect((await cliError(nothing)).message).toContain("LETS_MNEMONIC");
  });
});

describe("refuseMnemonicArgument", () => {
  it("refuses a mnemonic after --mnemonic or in --mnemonic=, without repeating it", () => {
    for (const args of [["--mnemonic", "test", "test"], [`--mnemonic=${DEV_MNEMONIC}`], ["--community", "x", "--mnemonic", DEV_MNEMONIC]]) {
      let error: unknown;
      try {
        refuseMnemonicArgument(args);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).message).toContain("LETS_MNEMONIC");
      expect((error as CliError).message).not.toContain("test");
    }
  });

  it("lets --mnemonic alone, or followed by another option, through", () => {
    expect(() => refuseMnemonicArgument(["--mnemonic"])).not.toThrow();
    expect(() => refuseMnemonicArgument(["--mnemonic", "--index", "2"])).not.toThrow();
  });
});

describe("resolveKey", () => {
  it("gives a dev account's key, refuses one out of range or on mainnet", async () => {
    const key = await resolveKey({ "dev-account": "2" }, "devnet", { canBuildOnly: false });
    expect(key).toMatchObject({ address: devAccount(2).address, secretKey: devAccount(2).secretKey });
    expect((await cliError(resolveKey({ "dev-account": "10" }, "devnet", { canBuildOnly: false }))).exitCode).toBe(2);
    expect((await cliError(resolveKey({ "dev-account": "0" }, "mainnet", { canBuildOnly: false }))).message).toContain("never mainnet");
  });

  it("derives --mnemonic --index I from the mnemonic input", async () => {
    const key = await resolveKey({ mnemonic: true, index: "5" }, "devnet", { canBuildOnly: false, input: input(new PassThrough(), { LETS_MNEMONIC: DEV_MNEMONIC }) });
    expect(key).toMatchObject({ address: devAccount(5).address, secretKey: devAccount(5).secretKey });
  });

  it("takes --address only to build, and refuses two key sources or a stray --index", async () => {
    const address = devAccount(1).address;
    expect(await resolveKey({ address }, "devnet", { canBuildOnly: true })).toEqual({ address, publicKey: devAccount(1).publicKey });
    expect(await resolveKey({ address: devAccount(1).publicKey }, "devnet", { canBuildOnly: true })).toEqual({ address, publicKey: devAccount(1).publicKey });
    expect((await cliError(resolveKey({ address }, "devnet", { canBuildOnly: false }))).message).toContain("--unsigned");
    expect((await cliError(resolveKey({ address, "dev-account": "1" }, "devnet", { canBuildOnly: true }))).message).toContain("one key source");
    expect((await cliError(resolveKey({ "dev-account": "1", index: "2" }, "devnet", { canBuildOnly: false }))).message).toContain("--index goes with --mnemonic");
    expect(await resolveKey({}, "devnet", { canBuildOnly: true })).toBeUndefined();
  });
});

describe("parseAddress and parseNetwork", () => {
  it("accepts a P2PK address of the network and gives its key", () => {
    expect(parseAddress(devAccount(4).address, "devnet", "--to")).toEqual({ address: devAccount(4).address, publicKey: devAccount(4).publicKey });
    expect(addressOfKey(devAccount(4).publicKey, "testnet")).toBe(devAccount(4).address);
  });

  it("refuses garbage, a bad checksum, another network's address and a script address", () => {
    const mainnet = addressOfKey(devAccount(4).publicKey, "mainnet");
    const corrupted = devAccount(4).address.slice(0, -1) + (devAccount(4).address.endsWith("a") ? "b" : "a");
    const script = ErgoAddress.fromErgoTree(COMMUNITY_ERGO_TREE, Network.Testnet).encode(Network.Testnet);
    for (const [text, message] of [
      ["hello", "not a valid Ergo address"],
      [corrupted, "not a valid Ergo address"],
      [mainnet, "is a mainnet address, but the network is devnet"],
      [script, "not a single-key (P2PK) address"],
    ] as const) {
      expect(() => parseAddress(text, "devnet", "--to"), text).toThrow(message);
    }
  });

  it("reads --network, else LETS_NETWORK, else devnet", () => {
    expect(parseNetwork(undefined, {})).toBe("devnet");
    expect(parseNetwork(undefined, { LETS_NETWORK: "mainnet" })).toBe("mainnet");
    expect(parseNetwork("testnet", { LETS_NETWORK: "mainnet" })).toBe("testnet");
    expect(() => parseNetwork("moon", {})).toThrow("--network must be devnet, testnet or mainnet");
  });
});
