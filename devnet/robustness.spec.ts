// Bad input never crashes the devnet: every malformed, mistyped, oversized, unknown or invalid
// request gets a 4xx node error body, the devnet keeps serving, and refused transactions change
// neither the UTXO set nor the mempool. Random junk (fast-check) never gets a 5xx. Then the data
// directory: a restart keeps chain and mempool, a reset empties it, forks work after a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SignedTransaction } from "@fleet-sdk/common";
import { validateNodeText } from "./openapi/node-api.ts";
import { devAccount } from "../ergo/keys.ts";
import { Chain } from "./chain.ts";
import { parseJson, stringifyJson } from "../ergo/json.ts";
import { BODY_LIMIT } from "./server.ts";
import { startDevnet, type Devnet } from "./start.ts";
import { call, expectNodeError, phantomBox, snapshot, transfer } from "./testing.ts";

const ADDRESS = devAccount(1).address;
let devnet: Devnet;
let pending: SignedTransaction;
/** Valid-looking but refused transactions, built once the chain exists. */
const txs: Record<string, SignedTransaction> = {};
let watched: string[] = [];

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  await call(devnet.url, "POST", "/devnet/mine", { blocks: 2 });
  pending = transfer(devnet.chain, 0, ADDRESS, 1_500_000_000n);
  expect((await call(devnet.url, "POST", "/transactions", pending)).status).toBe(200);
  const valid = transfer(devnet.chain, 3, ADDRESS, 1_000_000_000n);
  const { proofBytes, extension } = valid.inputs[0]!.spendingProof!;
  const flipped = (parseInt(proofBytes.slice(20, 22), 16) ^ 0x01).toString(16).padStart(2, "0");
  const forged = { proofBytes: proofBytes.slice(0, 20) + flipped + proofBytes.slice(22), extension: extension ?? {} };
  txs.badSignature = { ...valid, inputs: [{ ...valid.inputs[0]!, spendingProof: forged }] };
  txs.phantomInput = transfer(devnet.chain, 3, ADDRESS, 1_000_000_000n, { inputs: [phantomBox(3, 5_000_000_000n)] });
  txs.dust = transfer(devnet.chain, 3, ADDRESS, 1_000n);
  txs.noFee = transfer(devnet.chain, 3, ADDRESS, 1_000_000_000n, { fee: false });
  txs.doubleSpend = transfer(devnet.chain, 0, devAccount(2).address, 1_000_000_000n, { confirmedOnly: true });
  const touched = [pending, ...Object.values(txs)].flatMap((tx) => [...tx.inputs.map((i) => i.boxId), ...tx.outputs.map((o) => o.boxId)]);
  watched = [...new Set(touched)];
});
afterAll(() => devnet.close());

const hex64 = "ab".repeat(32);
const tx = (name: string) => () => stringifyJson(txs[name]);
/** [what, method, path, body (a function: built after beforeAll), status, detail]. */
const refusals: [string, "GET" | "POST", string, (string | (() => string))?, number?, RegExp?][] = [
  ["malformed JSON", "POST", "/transactions", '{"inputs": [', 400, /malformed/],
  ["unquoted keys", "POST", "/transactions/check", "{inputs: []}", 400],
  ["truncated JSON", "POST", "/utxo/withPool/byIds", '["ab', 400],
  ["inputs a number", "POST", "/transactions", '{"inputs": 5}', 400, /Malformed transaction/],
  ["an array for the transaction", "POST", "/transactions", '[{"inputs": []}]', 400],
  ["empty inputs and outputs", "POST", "/transactions/check", '{"inputs": [], "dataInputs": [], "outputs": []}', 400],
  ["a number for a box id", "POST", "/transactions", '{"inputs": [{"boxId": 5, "spendingProof": {"proofBytes": "", "extension": {}}}], "dataInputs": [], "outputs": []}', 400],
  ["an object for the box ids", "POST", "/utxo/withPool/byIds", '{"ids": []}', 400],
  ["numbers for box ids", "POST", "/utxo/withPool/byIds", "[1, 2]", 400],
  ["a bad hex box id", "POST", "/utxo/withPool/byIds", '["xyz"]', 400],
  ["a number for the address", "POST", "/blockchain/balance", "5", 400],
  ["an array for the address", "POST", "/blockchain/box/unspent/byAddress", JSON.stringify([ADDRESS]), 400],
  ["a non-base58 address", "POST", "/blockchain/balance", '"0OIl0OIl"', 400, /not a valid Ergo address/],
  ["a non-base58 address in the path", "GET", "/script/addressToTree/0OIl0OIl", undefined, 400],
  ["an object with a toString key for the address", "POST", "/blockchain/balance", '{"toString": 1}', 400],
  ["a tree that is not hex", "POST", "/blockchain/box/unspent/byErgoTree", '"xyz"', 400],
  ["fund: an object for the address", "POST", "/devnet/fund", '{"address": {"toString": 1}, "nanoErg": 5000000}', 400],
  ["fund: a non-base58 address", "POST", "/devnet/fund", '{"address": "0OIl", "nanoErg": 5000000}', 400],
  ["fund: a fractional amount", "POST", "/devnet/fund", JSON.stringify({ address: ADDRESS, nanoErg: 1.5 }), 400],
  ["fund: a negative amount", "POST", "/devnet/fund", JSON.stringify({ address: ADDRESS, nanoErg: -5 }), 400],
  ["mine: negative blocks", "POST", "/devnet/mine", '{"blocks": -1}', 400],
  ["mine: fractional blocks", "POST", "/devnet/mine", '{"blocks": 1.5}', 400],
  ["mine: blocks as a string", "POST", "/devnet/mine", '{"blocks": "2"}', 400],
  ["mine: a billion blocks", "POST", "/devnet/mine", '{"blocks": 1e9}', 400],
  ["rollback: more blocks than the chain has", "POST", "/devnet/rollback", '{"blocks": 500}', 400],
  ["fork: zero blocks", "POST", "/devnet/fork", '{"blocks": 0}', 400],
  ["a negative height", "GET", "/blocks/at/-1", undefined, 400],
  ["a fractional height", "GET", "/blocks/at/1.5", undefined, 400],
  ["a height beyond 2^53", "GET", "/blocks/at/99999999999999999999", undefined, 400],
  ["a height that is not a number", "GET", "/blocks/at/abc", undefined, 400],
  ["a negative count", "GET", "/blocks/lastHeaders/-3", undefined, 400],
  ["a fractional count", "GET", "/blocks/lastHeaders/2.5", undefined, 400],
  ["a negative limit", "GET", "/blocks?limit=-1", undefined, 400],
  ["a fractional offset", "GET", "/blocks?offset=1.5", undefined, 400],
  ["a limit above 16384", "GET", "/blocks?limit=100000", undefined, 400],
  ["a negative fromHeight", "GET", "/blocks/chainSlice?fromHeight=-1", undefined, 400],
  ["a toHeight that is not a number", "GET", "/blocks/chainSlice?toHeight=abc", undefined, 400],
  ["a zero mempool limit", "GET", "/transactions/unconfirmed?limit=0", undefined, 400],
  ["a negative mempool offset", "GET", "/transactions/unconfirmed?offset=-1", undefined, 400],
  ["sortDirection=sideways", "GET", `/blockchain/box/unspent/byTokenId/${hex64}?sortDirection=sideways`, undefined, 400, /sortDirection/],
  ["sortDirection=sideways by address", "POST", "/blockchain/box/unspent/byAddress?sortDirection=sideways", JSON.stringify(ADDRESS), 400],
  ["a negative box limit", "GET", `/blockchain/box/unspent/byTokenId/${hex64}?limit=-5`, undefined, 400],
  ["includeUnconfirmed=maybe", "GET", `/blockchain/box/unspent/byTokenId/${hex64}?includeUnconfirmed=maybe`, undefined, 400],
  ["a body over 2 MiB", "POST", "/transactions", "x".repeat(BODY_LIMIT + 1), 413],
  ["a JSON array over 2 MiB", "POST", "/utxo/withPool/byIds", JSON.stringify(Array(40_000).fill(hex64)), 413],
  ["a box id of 3 characters", "GET", "/utxo/byId/abc", undefined, 400],
  ["a box id that is not hex", "GET", `/utxo/byId/${"z".repeat(64)}`, undefined, 400],
  ["a header id of 63 digits", "GET", `/blocks/${"a".repeat(63)}/header`, undefined, 400],
  ["a token id of 65 digits", "GET", `/blockchain/token/byId/${"a".repeat(65)}`, undefined, 400],
  ["a transaction id that is not hex", "GET", "/transactions/unconfirmed/byTransactionId/xyz", undefined, 400],
  ...["/utxo/byId", "/utxo/withPool/byId", "/utxo/byIdBinary", "/blocks", "/blockchain/token/byId", "/transactions/unconfirmed/byTransactionId"].map(
    (route): [string, "GET", string, undefined, number] => [`an unknown id at ${route}`, "GET", `${route}/${hex64}`, undefined, 404],
  ),
  ["an unknown header's transactions", "GET", `/blocks/${hex64}/transactions`, undefined, 404],
  ["an unknown route", "POST", "/transactions/nowhere", "{}", 404],
  ...["/transactions", "/transactions/check", "/utxo/withPool/byIds", "/blockchain/box/unspent/byErgoTree", "/blockchain/box/unspent/byAddress", "/blockchain/balance", "/devnet/fund"].map(
    (route): [string, "POST", string, string, number] => [`an empty body to ${route}`, "POST", route, "", 400],
  ),
  ["a spend of a box the chain never had", "POST", "/transactions", tx("phantomInput"), 400, /input box \w+ is not in the UTXO set or the mempool/],
  ["a flipped byte in proofBytes", "POST", "/transactions", tx("badSignature"), 400, /^Transaction validation failed/],
  ["an output below the minimum box value", "POST", "/transactions", tx("dust"), 400, /validation failed.*dust/],
  ["no fee output", "POST", "/transactions", tx("noFee"), 400, /no fee output/],
  ["a double spend of a box the mempool spends", "POST", "/transactions", tx("doubleSpend"), 400, /Double spending attempt.*already spent by unconfirmed transaction/],
  ["a double spend, checked only", "POST", "/transactions/check", tx("doubleSpend"), 400, /Double spending attempt/],
];

describe("bad input gets a 4xx node error body and changes nothing", () => {
  it.each(refusals)("%s: %s %s", async (_what, method, path, body, status = 400, detail) => {
    const before = await snapshot(devnet.url, watched);
    const reply = await call(devnet.url, method, path, typeof body === "function" ? body() : body);
    expectNodeError(method === "GET" ? "get" : "post", path, reply, status);
    if (detail) expect((reply.body as { detail: string }).detail).toMatch(detail);
    expect((await call(devnet.url, "GET", "/info")).status).toBe(200);
    expect(await snapshot(devnet.url, watched)).toEqual(before);
    const refused = [...Object.values(txs)].flatMap((t) => t.outputs.map((o) => o.boxId));
    for (const id of refused.slice(0, 3)) expect((await call(devnet.url, "GET", `/utxo/withPool/byId/${id}`)).status).toBe(404);
  });

  it("caps huge but valid counts and heights instead of refusing them", async () => {
    for (const path of ["/blocks/lastHeaders/99999999", "/blocks?limit=16384", "/blocks/at/9007199254740991", "/blocks/chainSlice?fromHeight=0&toHeight=99999999"]) {
      const reply = await call(devnet.url, "GET", path);
      expect([path, reply.status]).toEqual([path, 200]);
      expect(validateNodeText("get", path, 200, reply.text)).toEqual([]);
      expect((reply.body as unknown[]).length).toBeLessThanOrEqual(devnet.chain.height);
    }
  });
});

describe("random junk never gets a 5xx", () => {
  const routes = ["/transactions", "/transactions/check", "/utxo/withPool/byIds", "/blockchain/balance", "/devnet/fund"];
  const junk = fc.oneof(fc.json(), fc.string(), fc.object().map((o) => JSON.stringify(o)));

  it("answers 300 junk bodies on each of 5 POST routes with 4xx, or 200 for an empty id list", async () => {
    const before = await snapshot(devnet.url, watched);
    await fc.assert(
      fc.asyncProperty(junk, async (body) => {
        for (const route of routes) {
          const reply = await call(devnet.url, "POST", route, body);
          if (reply.status === 200) expect([route, reply.text]).toEqual(["/utxo/withPool/byIds", "[]"]);
          else if (!(reply.status >= 400 && reply.status < 500 && (reply.body as { error?: number } | undefined)?.error === reply.status)) {
            expect.fail(`POST ${route} ${JSON.stringify(body)} → ${reply.status} ${reply.text}`);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(await snapshot(devnet.url, watched)).toEqual(before);
  });

  it("answers 300 single-field mutations of a valid signed transaction with 200 or 4xx from /transactions/check", async () => {
    const text = stringifyJson(transfer(devnet.chain, 3, ADDRESS, 1_000_000_000n));
    const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
      v && typeof v === "object" ? [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
    const fields = paths(parseJson(text)).filter((p) => p.length > 0);
    const replacement = fc.oneof(fc.jsonValue(), fc.constantFrom("", "00", "zz", -1, 2 ** 63, null), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), replacement, async (field, value) => {
        const root = parseJson(text) as Record<string | number, unknown>;
        const parent = field.slice(0, -1).reduce((node: Record<string | number, unknown>, k) => node[k] as Record<string | number, unknown>, root);
        if (value === undefined) delete parent[field.at(-1)!];
        else parent[field.at(-1)!] = value;
        const reply = await call(devnet.url, "POST", "/transactions/check", stringifyJson(root));
        expect([field.join("."), reply.status < 500]).toEqual([field.join("."), true]);
      }),
      { numRuns: 300 },
    );
    expect((await call(devnet.url, "GET", "/info")).status).toBe(200);
  });
});

describe("the data directory", () => {
  const dirs: string[] = [];
  const fresh = () => {
    dirs.push(mkdtempSync(join(tmpdir(), "lets-devnet-")));
    return dirs.at(-1)!;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const text = async (node: Devnet, path: string) => `${path} ${(await call(node.url, "GET", path)).text}`;
  const info = async (node: Devnet) => (await call(node.url, "GET", "/info")).body as { fullHeight: number; bestFullHeaderId: string | null };

  it("keeps height, tip, the funded box and the mempool across a restart; a fork of 3 works after it; reset empties it", async () => {
    const dataDir = fresh();
    let node = await startDevnet({ port: 0, blockTimeMs: 0, dataDir });
    await call(node.url, "POST", "/devnet/mine", { blocks: 2 });
    const funding = (await call(node.url, "POST", "/devnet/fund", { address: devAccount(8).address, nanoErg: 3_000_000_000 })).body as { transactionId: string };
    const funded = node.chain.mempool.get(funding.transactionId)!.outputs[0]!.boxId;
    await call(node.url, "POST", "/devnet/mine", {});
    const waiting = transfer(node.chain, 0, ADDRESS, 1_500_000_000n);
    expect((await call(node.url, "POST", "/transactions", waiting)).status).toBe(200);
    const paths = ["/blocks/lastHeaders/10", `/utxo/byId/${funded}`, "/transactions/unconfirmed/transactionIds", `/utxo/withPool/byId/${waiting.outputs[0]!.boxId}`];
    const before = await Promise.all(paths.map((p) => text(node, p)));
    const { fullHeight, bestFullHeaderId } = await info(node);
    expect([fullHeight, before[2]]).toEqual([3, `${paths[2]} ${JSON.stringify([waiting.id])}`]);
    await node.close();

    node = await startDevnet({ port: 0, blockTimeMs: 0, dataDir });
    try {
      expect(await info(node)).toMatchObject({ fullHeight, bestFullHeaderId, unconfirmedCount: 1 });
      expect(await Promise.all(paths.map((p) => text(node, p)))).toEqual(before);

      const oldIds = await Promise.all([1, 2, 3].map(async (h) => ((await call(node.url, "GET", `/blocks/at/${h}`)).body as string[])[0]));
      const fork = (await call(node.url, "POST", "/devnet/fork", { blocks: 3 })).body as { height: number; blocks: string[] };
      expect(fork.height).toBe(4);
      for (const h of [1, 2, 3]) expect((await call(node.url, "GET", `/blocks/at/${h}`)).body).toEqual([fork.blocks[h - 1], oldIds[h - 1]]);
      expect(await info(node)).toMatchObject({ fullHeight: 4, bestFullHeaderId: fork.blocks[3], unconfirmedCount: 0 });
      // The funding and the waiting transfer are in the new chain: both boxes are confirmed.
      for (const id of [funded, waiting.outputs[0]!.boxId]) expect((await call(node.url, "GET", `/utxo/byId/${id}`)).status).toBe(200);
      const afterFork = await Promise.all(["/blocks/lastHeaders/10", "/blocks/at/2"].map((p) => text(node, p)));
      await node.close();
      node = await startDevnet({ port: 0, blockTimeMs: 0, dataDir });
      expect(await Promise.all(["/blocks/lastHeaders/10", "/blocks/at/2"].map((p) => text(node, p)))).toEqual(afterFork);
    } finally {
      await node.close();
    }

    node = await startDevnet({ port: 0, blockTimeMs: 0, dataDir, reset: true });
    try {
      expect(await info(node)).toMatchObject({ fullHeight: 0, bestFullHeaderId: null, unconfirmedCount: 0 });
      expect((await call(node.url, "GET", `/utxo/byId/${funded}`)).status).toBe(404);
    } finally {
      await node.close();
    }
  });

  it("rolls back a block loaded from disk to the state before it: mined again, the block has the same state root", async () => {
    const dataDir = fresh();
    let node = await startDevnet({ port: 0, blockTimeMs: 0, dataDir });
    await call(node.url, "POST", "/devnet/fund", { address: ADDRESS, nanoErg: 2_000_000_000 });
    const mined = (await call(node.url, "POST", "/devnet/mine", {})).body as { blocks: string[] };
    const original = (await call(node.url, "GET", `/blocks/${mined.blocks[0]}/header`)).body as { stateRoot: string };
    await node.close();
    node = await startDevnet({ port: 0, blockTimeMs: 0, dataDir });
    try {
      await call(node.url, "POST", "/devnet/rollback", { blocks: 1 });
      const again = (await call(node.url, "POST", "/devnet/mine", {})).body as { blocks: string[] };
      expect(again.blocks[0]).not.toBe(mined.blocks[0]);
      expect((await call(node.url, "GET", `/blocks/${again.blocks[0]}/header`)).body).toMatchObject({ stateRoot: original.stateRoot });
    } finally {
      await node.close();
    }
  });

  it("gives a block mined again after a rollback a new id, even in the same millisecond", () => {
    const chain = new Chain(undefined, () => 1_700_000_000_000);
    chain.mine(3);
    const orphan = chain.tip!.id;
    chain.rollback(1);
    chain.mine(1);
    expect(chain.idsAt.get(3)).toEqual([chain.tip!.id, orphan]);
    expect(chain.tip!.id).not.toBe(orphan);
  });
});
