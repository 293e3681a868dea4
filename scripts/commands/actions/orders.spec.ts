/**
 * `lets order`, `lets settle`, `lets revoke`: reading orders, and every refusal of bad input before
 * the node is asked anything (exit 2; the node given is unreachable, so reaching it would be exit 1).
 * The commands at work on a devnet: test/integration/orders-devnet.spec.ts.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import { encodeOrder, orderToJson, signOrder, type SignedOrder } from "../../../contracts/orders.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { CliError, ExitCode } from "../command.ts";
import { orderCommand } from "./order.ts";
import { ordersOf, ordersOfAll, readSources } from "./order-input.ts";
import { revokeCommand } from "./revoke.ts";
import { setOrdersInput, settleCommand } from "./settle.ts";
import { runCommand } from "./testing.ts";

const id = (label: string) => hex.encode(blake2b256(utf8.decode(label)));
const COMMUNITY = id("community");
const secret = blake2b256(utf8.decode("orders-cli-spec"));
const order = (seq: bigint): SignedOrder => signOrder({ communityId: COMMUNITY, payer: id("payer"), payee: id("payee"), amount: 250n, seq, expiry: 900n }, secret);
const [first, second] = [order(0n), order(1n)];
/** A node nobody listens on: a command that got as far as asking it would exit 1, not 2. */
const NOWHERE = ["--node", "http://127.0.0.1:9"];
const bob = devAccount(2);

/** The CliError `read` throws (its exit code and message). */
function refusal(read: () => unknown): CliError {
  try {
    read();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("reading orders for lets settle", () => {
  it("takes an order's JSON, lets order --json's document, an array of them, or lets-order: lines", () => {
    const json = JSON.stringify(orderToJson(first));
    expect(ordersOf({ name: "a.json", text: `${json}\n` })).toEqual([first]);
    expect(ordersOf({ name: "b.json", text: JSON.stringify({ orderId: "x", order: orderToJson(first), text: encodeOrder(first) }) })).toEqual([first]);
    expect(ordersOf({ name: "c.json", text: JSON.stringify([orderToJson(first), { order: orderToJson(second) }]) })).toEqual([first, second]);
    const lines = `# till 3, morning\n${encodeOrder(first)}\n\n  ${encodeOrder(second)}  \r\n`;
    expect(ordersOf({ name: "till.txt", text: lines })).toEqual([first, second]);
  });

  it("refuses anything else, naming the source, the line or item, and the field (exit 2)", () => {
    const cases: [string, string, RegExp][] = [
      ["{ not json", "a.json", /^a\.json: not valid JSON/],
      [JSON.stringify({ ...orderToJson(first), amount: "2.5" }), "a.json", /^a\.json: not a payment order: amount: must be a whole number/],
      [JSON.stringify([orderToJson(first), { order: { ...orderToJson(first), seq: undefined } }]), "b.json", /^b\.json, item 2: not a payment order: seq: is missing/],
      [`${encodeOrder(first)}\nhello`, "till.txt", /^till\.txt, line 2: expected an order's JSON or 'lets-order:…' lines/],
      [`\n${encodeOrder(first).slice(0, -3)}`, "till.txt", /^till\.txt, line 2: not a payment order: /],
    ];
    for (const [text, name, message] of cases) {
      const error = refusal(() => ordersOf({ name, text }));
      expect(error.exitCode).toBe(ExitCode.usage);
      expect(error.message).toMatch(message);
    }
    expect(refusal(() => ordersOfAll([{ name: "empty.txt", text: "# nothing\n" }])).message).toBe("empty.txt: no payment order in it");
  });

  it("reads files and stdin; a missing file and stdin twice are refused (exit 2)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lets-orders-"));
    await writeFile(join(dir, "one.json"), JSON.stringify(orderToJson(first)));
    const sources = await readSources([join(dir, "one.json"), "-"], Readable.from([encodeOrder(second)]));
    expect(ordersOfAll(sources)).toEqual([first, second]);
    await expect(readSources([join(dir, "none.json")], Readable.from([]))).rejects.toThrow(/^cannot read .*none\.json: ENOENT$/);
    await expect(readSources(["-", "-"], Readable.from([]))).rejects.toThrow("stdin (-) can be read once only");
  });
});

describe("lets order, settle and revoke refuse bad input before the node is asked (exit 2)", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lets-orders-"));
    await writeFile(join(dir, "bad.txt"), `${encodeOrder(first)}\nlets-order:AAAA\n`);
    await writeFile(join(dir, "good.json"), JSON.stringify(orderToJson(first)));
  });
  afterEach(() => setOrdersInput(undefined));

  const expectUsage = async (command: typeof orderCommand, args: string[], message: RegExp) => {
    const run = await runCommand(command, [...args, ...NOWHERE]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stdout).toBe("");
  };

  it("lets order: the community, payee, amount, expiry and number, an --unsigned or an address-only key", async () => {
    const base = ["--community", COMMUNITY, "--dev-account", "1"];
    await expectUsage(orderCommand, ["--dev-account", "1", "--to", bob.address, "--amount", "1"], /--community is required/);
    await expectUsage(orderCommand, [...base, "--amount", "1"], /--to is required/);
    await expectUsage(orderCommand, [...base, "--to", "3Wnot-an-address", "--amount", "1"], /--to: '3Wnot-an-address' is not a valid Ergo address/);
    await expectUsage(orderCommand, [...base, "--to", bob.address], /--amount is required/);
    for (const amount of ["0", "-3", "1e3", "1,5", "abc"]) await expectUsage(orderCommand, [...base, "--to", bob.address, "--amount", amount], /--amount/);
    for (const blocks of ["0", "-1", "1.5", "soon", "2147483648"]) await expectUsage(orderCommand, [...base, "--to", bob.address, "--amount", "1", "--expiry-blocks", blocks], /--expiry-blocks/);
    for (const seq of ["-1", "x", "9223372036854775807"]) await expectUsage(orderCommand, [...base, "--to", bob.address, "--amount", "1", "--seq", seq], /--seq/);
    await expectUsage(orderCommand, [...base, "--to", bob.address, "--amount", "1", "--unsigned"], /an order is not a transaction/);
    await expectUsage(orderCommand, ["--community", COMMUNITY, "--address", bob.address, "--to", bob.address, "--amount", "1"], /--address can only build/);
    await expectUsage(orderCommand, [...base, "--to", bob.address, "--amount", "1", "extra"], /unexpected argument/);
  });

  it("lets settle: the community, --unsigned, unreadable files, malformed orders, stdin at a terminal or shared with a mnemonic", async () => {
    const key = ["--dev-account", "1"];
    await expectUsage(settleCommand, [...key, join(dir, "good.json")], /--community is required/);
    await expectUsage(settleCommand, ["--community", COMMUNITY, ...key, "--unsigned", join(dir, "good.json")], /--unsigned is not supported/);
    await expectUsage(settleCommand, ["--community", COMMUNITY, ...key, join(dir, "missing.json")], /cannot read .*missing\.json: ENOENT/);
    await expectUsage(settleCommand, ["--community", COMMUNITY, ...key, join(dir, "bad.txt")], /bad\.txt, line 2: not a payment order/);
    await expectUsage(settleCommand, ["--community", COMMUNITY, ...key, "--bogus", join(dir, "good.json")], /Unknown option '--bogus'/);
    setOrdersInput(Object.assign(Readable.from([]), { isTTY: true }));
    await expectUsage(settleCommand, ["--community", COMMUNITY, ...key], /name the order files, or - to read orders from stdin/);
    setOrdersInput(Readable.from(["not an order"]));
    await expectUsage(settleCommand, ["--community", COMMUNITY, ...key, "-"], /stdin, line 1: expected an order's JSON/);
    vi.stubEnv("LETS_MNEMONIC", "");
    await expectUsage(settleCommand, ["--community", COMMUNITY, "--mnemonic"], /stdin carries the orders: give the mnemonic in \$LETS_MNEMONIC/);
    vi.unstubAllEnvs();
  });

  it("lets revoke: the community and --next-seq", async () => {
    const base = ["--community", COMMUNITY, "--dev-account", "1"];
    await expectUsage(revokeCommand, ["--dev-account", "1"], /--community is required/);
    for (const seq of ["-2", "two", "9223372036854775808"]) await expectUsage(revokeCommand, [...base, "--next-seq", seq], /--next-seq/);
  });

  it("a well-formed order file gets as far as the node (exit 1: unreachable), so the checks above are the only ones before it", async () => {
    const run = await runCommand(settleCommand, ["--community", COMMUNITY, "--dev-account", "1", join(dir, "good.json"), ...NOWHERE]);
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toMatch(/cannot reach the node at http:\/\/127\.0\.0\.1:9/);
  });
});
