// Contract tests of the devnet's node REST API: every route in DEVNET_ROUTES answers a real HTTP
// request with 200 and a body the node's OpenAPI spec accepts, using real ids from a devnet with
// blocks, a funding, a mined EIP-4 token and a pending transfer; plus error bodies, and the real
// mainnet fixtures through the devnet's JSON parsing, serialization and submission.
import { readFileSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedTransaction } from "@fleet-sdk/common";
import { ErgoBox } from "ergo-lib-wasm-nodejs";
import { DEVNET_ROUTES, type DevnetRoute } from "./openapi/devnet-routes.ts";
import { validateNodeText } from "./openapi/node-api.ts";
import { devAccount } from "../ergo/keys.ts";
import { parseJson, stringifyJson } from "../ergo/json.ts";
import { startDevnet, type Devnet } from "./start.ts";
import { call, expectNodeError, minified, mint, numbers, randomId, rawTransactions, transfer } from "./testing.ts";

interface Box { boxId: string; value: number | bigint; ergoTree: string; assets: { tokenId: string; amount: number | bigint }[]; address?: string; globalIndex?: number; inclusionHeight?: number }
interface Header { id: string; parentId: string; height: number; stateRoot: string }
interface Tx { id: string; inputs: (Box & { spendingProof: unknown })[]; outputs: Box[] }

const TOKEN = { amount: 9_000_000_000_000_000_001n, name: "LETS hour", description: "One hour of work", decimals: 2 };
const FUNDED = devAccount(7);
let devnet: Devnet;
/** The state the routes are asked about. */
const s = {} as {
  height: number; tip: string; mintBlock: string; mintTx: SignedTransaction; tokenId: string; fundedBox: string;
  pending: SignedTransaction; pendingOutput: string; submitMe: SignedTransaction; checkMe: SignedTransaction;
};
const get = async (path: string) => (await call(devnet.url, "GET", path)).body;
const ok = async (method: "GET" | "POST", path: string, body?: unknown) => {
  const reply = await call(devnet.url, method, path, body);
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  await ok("POST", "/devnet/mine", { blocks: 2 });
  s.mintTx = mint(devnet.chain, 2, TOKEN);
  s.tokenId = s.mintTx.inputs[0]!.boxId;
  expect(await ok("POST", "/transactions", s.mintTx)).toBe(s.mintTx.id);
  s.mintBlock = ((await ok("POST", "/devnet/mine", {})) as { blocks: string[] }).blocks[0]!;
  const { transactionId } = (await ok("POST", "/devnet/fund", { address: FUNDED.address, nanoErg: 3_000_000_000 })) as { transactionId: string };
  const [fundBlock] = ((await ok("POST", "/devnet/mine", { blocks: 1 })) as { blocks: string[] }).blocks;
  const mined = (await get(`/blocks/${fundBlock}/transactions`)) as { transactions: Tx[] };
  s.fundedBox = mined.transactions.find((t) => t.id === transactionId)!.outputs.find((o) => o.ergoTree === FUNDED.ergoTree)!.boxId;
  s.pending = transfer(devnet.chain, 0, devAccount(1).address, 1_500_000_000n);
  s.pendingOutput = s.pending.outputs[0]!.boxId;
  expect(await ok("POST", "/transactions", s.pending)).toBe(s.pending.id);
  s.submitMe = transfer(devnet.chain, 4, devAccount(6).address, 2_000_000_000n);
  s.checkMe = transfer(devnet.chain, 5, devAccount(6).address, 2_000_000_000n);
  s.height = devnet.chain.height;
  s.tip = ((await get("/info")) as { bestFullHeaderId: string }).bestFullHeaderId;
});
afterAll(() => devnet.close());

type Case = { path: string; body?: unknown; check(body: unknown): void | Promise<void> };
const key = (r: Pick<DevnetRoute, "method" | "template">) => `${r.method.toUpperCase()} ${r.template}`;
const heights = (b: unknown) => (b as Header[]).map((h) => h.height);
const ids = (b: unknown) => (b as { id?: string; boxId?: string }[]).map((x) => x.id ?? x.boxId);
const poolIds = async () => (await get("/transactions/unconfirmed/transactionIds")) as string[];
const sum = (boxes: Box[]) => boxes.reduce((total, b) => total + BigInt(b.value), 0n);
const inputsAreFullBoxes = async (tx: Tx) => {
  for (const input of tx.inputs) {
    expect(input).toMatchObject({ ergoTree: devAccount(0).ergoTree, spendingProof: expect.anything() });
    expect(BigInt(input.value)).toBe(BigInt(((await get(`/utxo/byId/${input.boxId}`)) as Box).value));
  }
};

/** One request and its semantic checks per route; the keys must be exactly DEVNET_ROUTES. */
const cases: Record<string, () => Case> = {
  "GET /info": () => ({ path: "/info", check: async (b) => {
    const tipAt = (await get(`/blocks/at/${s.height}`)) as string[];
    expect(b).toMatchObject({ fullHeight: s.height, bestFullHeaderId: tipAt[0], unconfirmedCount: (await poolIds()).length });
    expect((b as { genesisBlockId: string }).genesisBlockId).toBe(((await get("/blocks/at/1")) as string[])[0]);
  } }),
  "GET /blocks/at/{blockHeight}": () => ({ path: "/blocks/at/2", check: async (b) => {
    expect(b).toHaveLength(1);
    expect(((await get(`/blocks/${(b as string[])[0]}/header`)) as Header).height).toBe(2);
  } }),
  "GET /blocks/{headerId}": () => ({ path: `/blocks/${s.mintBlock}`, check: (b) => {
    const block = b as { header: Header; blockTransactions: { headerId: string; transactions: Tx[] } };
    expect(block.header).toMatchObject({ id: s.mintBlock, height: 3 });
    expect(block.blockTransactions.headerId).toBe(s.mintBlock);
    expect(ids(block.blockTransactions.transactions)).toEqual([s.mintTx.id]);
  } }),
  "GET /blocks/{headerId}/header": () => ({ path: `/blocks/${s.tip}/header`, check: async (b) => {
    expect(b).toMatchObject({ id: s.tip, height: s.height, parentId: ((await get(`/blocks/at/${s.height - 1}`)) as string[])[0] });
  } }),
  "GET /blocks/{headerId}/transactions": () => ({ path: `/blocks/${s.mintBlock}/transactions`, check: (b) => {
    const [tx] = (b as { transactions: Tx[] }).transactions;
    expect(tx!.outputs[0]!.assets).toEqual([{ tokenId: s.tokenId, amount: TOKEN.amount }]);
  } }),
  "GET /blocks/lastHeaders/{count}": () => ({ path: "/blocks/lastHeaders/3", check: (b) => {
    const headers = b as Header[];
    expect(heights(b)).toEqual([s.height - 2, s.height - 1, s.height]); // oldest first
    expect(headers.at(-1)!.id).toBe(s.tip);
    headers.slice(1).forEach((h, i) => expect(h.parentId).toBe(headers[i]!.id));
  } }),
  "GET /blocks/chainSlice": () => ({ path: "/blocks/chainSlice?fromHeight=1&toHeight=3", check: async (b) => {
    expect(heights(b)).toEqual([2, 3]); // fromHeight + 1 .. toHeight, as the node's code does
    expect(heights(await get("/blocks/chainSlice?fromHeight=3&toHeight=3"))).toEqual([3]);
    expect(heights(await get("/blocks/chainSlice"))).toEqual([2, 3, 4].filter((h) => h <= s.height));
  } }),
  "GET /blocks": () => ({ path: "/blocks", check: async (b) => {
    const best = await Promise.all(Array.from({ length: s.height }, async (_, i) => ((await get(`/blocks/at/${i + 1}`)) as string[])[0]));
    expect(b).toEqual(best);
  } }),
  "POST /transactions": () => ({ path: "/transactions", body: s.submitMe, check: async (b) => {
    expect(b).toBe(s.submitMe.id);
    expect(await poolIds()).toEqual([s.pending.id, s.submitMe.id]);
  } }),
  "POST /transactions/check": () => ({ path: "/transactions/check", body: s.checkMe, check: async (b) => {
    expect(b).toBe(s.checkMe.id);
    expect(await poolIds()).not.toContain(s.checkMe.id);
  } }),
  "GET /transactions/unconfirmed": () => ({ path: "/transactions/unconfirmed", check: async (b) => {
    const tx = (b as Tx[]).find((t) => t.id === s.pending.id)!;
    await inputsAreFullBoxes(tx);
  } }),
  "GET /transactions/unconfirmed/byTransactionId/{txId}": () => ({ path: `/transactions/unconfirmed/byTransactionId/${s.pending.id}`, check: async (b) => {
    expect(ids((b as Tx).outputs)).toEqual(s.pending.outputs.map((o) => o.boxId));
    await inputsAreFullBoxes(b as Tx);
  } }),
  "GET /transactions/unconfirmed/transactionIds": () => ({ path: "/transactions/unconfirmed/transactionIds", check: (b) => {
    expect(b).toContain(s.pending.id);
  } }),
  "GET /utxo/byId/{boxId}": () => ({ path: `/utxo/byId/${s.fundedBox}`, check: (b) => {
    expect(b).toMatchObject({ boxId: s.fundedBox, value: 3_000_000_000, ergoTree: FUNDED.ergoTree });
  } }),
  "GET /utxo/withPool/byId/{boxId}": () => ({ path: `/utxo/withPool/byId/${s.pendingOutput}`, check: async (b) => {
    expect(b).toMatchObject({ boxId: s.pendingOutput, value: 1_500_000_000, transactionId: s.pending.id });
    expectNodeError("get", `/utxo/byId/${s.pendingOutput}`, await call(devnet.url, "GET", `/utxo/byId/${s.pendingOutput}`), 404);
    const spentInPool = s.pending.inputs[0]!.boxId; // confirmed, but the pool spends it
    expect((await call(devnet.url, "GET", `/utxo/byId/${spentInPool}`)).status).toBe(200);
    expectNodeError("get", `/utxo/withPool/byId/${spentInPool}`, await call(devnet.url, "GET", `/utxo/withPool/byId/${spentInPool}`), 404);
  } }),
  "POST /utxo/withPool/byIds": () => ({ path: "/utxo/withPool/byIds", body: [s.fundedBox, s.pendingOutput, s.pending.inputs[0]!.boxId, randomId()], check: (b) => {
    expect(ids(b)).toEqual([s.fundedBox, s.pendingOutput]);
  } }),
  "GET /utxo/byIdBinary/{boxId}": () => ({ path: `/utxo/byIdBinary/${s.fundedBox}`, check: (b) => {
    const box = ErgoBox.sigma_parse_bytes(Buffer.from((b as { bytes: string }).bytes, "hex"));
    expect([box.box_id().to_str(), box.value().as_i64().to_str()]).toEqual([s.fundedBox, "3000000000"]);
    box.free();
  } }),
  "GET /utxo/genesis": () => ({ path: "/utxo/genesis", check: (b) => {
    expect(b).toHaveLength(11);
    expect(b).toContainEqual(expect.objectContaining({ ergoTree: devAccount(0).ergoTree, value: 100_000_000_000_000 }));
  } }),
  "GET /blockchain/box/unspent/byTokenId/{tokenId}": () => ({ path: `/blockchain/box/unspent/byTokenId/${s.tokenId}`, check: (b) => {
    expect(b).toEqual([expect.objectContaining({ boxId: s.mintTx.outputs[0]!.boxId, address: devAccount(2).address, inclusionHeight: 3 })]);
    expect((b as Box[])[0]!.assets).toEqual([{ tokenId: s.tokenId, amount: TOKEN.amount }]);
  } }),
  "POST /blockchain/box/unspent/byErgoTree": () => ({ path: "/blockchain/box/unspent/byErgoTree?sortDirection=asc", body: JSON.stringify(FUNDED.ergoTree), check: (b) => {
    expect((b as Box[]).map((x) => [x.ergoTree, x.address])).toEqual([[FUNDED.ergoTree, FUNDED.address], [FUNDED.ergoTree, FUNDED.address]]);
    expect(ids(b)[1]).toBe(s.fundedBox); // ascending: genesis box first
  } }),
  "POST /blockchain/box/unspent/byAddress": () => ({ path: "/blockchain/box/unspent/byAddress?includeUnconfirmed=true", body: JSON.stringify(devAccount(1).address), check: (b) => {
    expect(b).toContainEqual(expect.objectContaining({ boxId: s.pendingOutput, globalIndex: 0, inclusionHeight: 0 }));
    expect(ids(b)).toHaveLength(2); // the genesis box and the pending transfer's output
  } }),
  "POST /blockchain/balance": () => ({ path: "/blockchain/balance", body: JSON.stringify(FUNDED.address), check: async (b) => {
    const unspent = (await ok("POST", "/blockchain/box/unspent/byAddress?limit=100", JSON.stringify(FUNDED.address))) as Box[];
    expect(BigInt((b as { confirmed: { nanoErgs: number } }).confirmed.nanoErgs)).toBe(sum(unspent));
    const minter = (await ok("POST", "/blockchain/balance", JSON.stringify(devAccount(2).address))) as { confirmed: { tokens: unknown[] } };
    expect(minter.confirmed.tokens).toEqual([{ tokenId: s.tokenId, amount: TOKEN.amount, decimals: 2, name: TOKEN.name }]);
  } }),
  "GET /blockchain/token/byId/{tokenId}": () => ({ path: `/blockchain/token/byId/${s.tokenId}`, check: (b) => {
    expect(b).toEqual({ id: s.tokenId, boxId: s.mintTx.outputs[0]!.boxId, emissionAmount: TOKEN.amount, name: TOKEN.name, description: TOKEN.description, decimals: 2 });
  } }),
  "GET /blockchain/indexedHeight": () => ({ path: "/blockchain/indexedHeight", check: (b) => {
    expect(b).toEqual({ indexedHeight: s.height, fullHeight: s.height });
  } }),
  "GET /script/addressToTree/{address}": () => ({ path: `/script/addressToTree/${FUNDED.address}`, check: (b) => {
    expect(b).toEqual({ tree: FUNDED.ergoTree });
  } }),
};

describe("every node route the devnet serves, against the node's OpenAPI spec", () => {
  it("has a contract case for each of the routes in DEVNET_ROUTES, and no other", () => {
    expect(Object.keys(cases).sort()).toEqual(DEVNET_ROUTES.map(key).sort());
  });

  for (const route of DEVNET_ROUTES) {
    it(`${key(route)}: 200 with a body the spec accepts, and the right content`, async () => {
      const { path, body, check } = cases[key(route)]!();
      const reply = await call(devnet.url, route.method === "get" ? "GET" : "POST", path, body);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.contentType).toMatch(/^application\/json/);
      expect(validateNodeText(route.method, path, reply.status, reply.text)).toEqual([]);
      await check(reply.body);
    });
  }

  it("answers unknown ids and routes with the node's 404 body, and an unknown height with 200 []", async () => {
    for (const path of [`/utxo/byId/${randomId()}`, `/blocks/${randomId()}/header`, `/blockchain/token/byId/${randomId()}`, `/transactions/unconfirmed/byTransactionId/${randomId()}`]) {
      expectNodeError("get", path, await call(devnet.url, "GET", path), 404);
    }
    const unknown = await call(devnet.url, "GET", "/no/such/route");
    expectNodeError("get", "/no/such/route", unknown, 404);
    expect(unknown.body).toEqual({ error: 404, reason: "not-found", detail: expect.any(String) });
    const high = await call(devnet.url, "GET", "/blocks/at/999999");
    expect([high.status, high.body]).toEqual([200, []]);
    expect(validateNodeText("get", "/blocks/at/999999", 200, high.text)).toEqual([]);
  });
});

const FIXTURES = new URL("../test/fixtures/ergo-node/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");
describe("the real mainnet fixtures through the devnet's JSON", () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith(".json"));

  it.each(names)("%s: parseJson then stringifyJson reproduces every number digit for digit", (name) => {
    const text = fixture(name);
    const again = stringifyJson(parseJson(text));
    expect(numbers(again)).toEqual(numbers(text));
    expect(numbers(text).length).toBeGreaterThan(3);
    // Block 693479 differs only in key order: a JS object sorts the integer keys of a context extension.
    if (!name.includes("693479")) expect(again).toBe(minified(text));
  });

  it("keeps the token amount above 2^53 and the 65-digit d, which plain JSON.parse rounds", () => {
    const block = fixture("mainnet-block-693479-full.json");
    const genesis = fixture("mainnet-block-1-genesis-full.json");
    const big = "9223371996546264297";
    const d = "46909460813884299753486408728361968139945651324239558400157099627";
    expect(numbers(stringifyJson(parseJson(block)))).toContain(big);
    expect(numbers(stringifyJson(parseJson(genesis)))).toContain(d);
    // The negative twin: the same round trip through JSON.parse loses exactly these digits.
    const lost = (text: string) => numbers(JSON.stringify(JSON.parse(text))).filter((n, i) => n !== numbers(text)[i]);
    expect(lost(block)).toEqual(["9223371996546264000"]);
    expect(lost(genesis)).toEqual(["4.69094608138843e+64"]);
  });

  it("POST /transactions/check parses every transaction of block 693479 as the node wrote it, and refuses it for its missing input", async () => {
    const text = fixture("mainnet-block-693479-full.json");
    const txs = (parseJson(text) as { blockTransactions: { transactions: Tx[] } }).blockTransactions.transactions;
    const raw = rawTransactions(text);
    expect(raw.map((t) => JSON.parse(t))).toEqual(JSON.parse(text).blockTransactions.transactions);
    for (const [i, tx] of txs.entries()) {
      const reply = await call(devnet.url, "POST", "/transactions/check", raw[i]);
      expectNodeError("post", "/transactions/check", reply, 400);
      // Not a parse error (ergo-lib checked the id against the bytes), not a 500: the UTXO lookup refused it.
      expect((reply.body as { detail: string }).detail).toBe(`Malformed transaction: input box ${tx.inputs[0]!.boxId} is not in the UTXO set or the mempool`);
    }
    // Transaction 1's context extension has 11 entries in the node's hash-map key order ("0", "5", "10", ...);
    // a JS object sorts integer keys, so re-serialized from an object the transaction gets another id.
    const reordered = await call(devnet.url, "POST", "/transactions/check", stringifyJson(txs[1]));
    expect(raw[1]).toMatch(/"extension" : \{\s*"0" : "04c60f",\s*"5" :/);
    expect((reordered.body as { detail: string }).detail).toMatch(/Tx id parsed from JSON \w+ differs from calculated/);
  });

  it("refuses the same transaction as a parse error once JSON.parse has rounded its token amount", async () => {
    const text = fixture("mainnet-block-693479-full.json");
    const rounded = (JSON.parse(text) as { blockTransactions: { transactions: Tx[] } }).blockTransactions.transactions;
    const withBig = rounded.find((tx) => JSON.stringify(tx).includes("9223371996546264000"))!;
    const reply = await call(devnet.url, "POST", "/transactions/check", JSON.stringify(withBig));
    expectNodeError("post", "/transactions/check", reply, 400);
    expect((reply.body as { detail: string }).detail).toMatch(/id parsed from JSON \w+ differs from calculated/);
  });
});
