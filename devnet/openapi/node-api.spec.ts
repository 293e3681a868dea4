import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEVNET_ROUTES, describeSchema, okSchema } from "./devnet-routes.ts";
import { nodeApiSpec, operationFor, validateNodeResponse, validateNodeText } from "./node-api.ts";

type Json = Record<string, unknown>;
const fixtureText = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/ergo-node/${name}`, import.meta.url), "utf8");
const fixture = (name: string) => JSON.parse(fixtureText(name)) as Json;

const BLOCK = "mainnet-block-693479-full.json";
const GENESIS = "mainnet-block-1-genesis-full.json";
const BOXES = ["mainnet-box-sigmausd-bank-2342c916.json", "mainnet-box-oracle-pool-v1-390a8fe7.json"];
const ID = "b0244dfc267baca974a4caee06120321562784303a8a688976ae56170e4d175b";

const withoutKey = (o: Json, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe("validateNodeResponse on real mainnet responses", () => {
  it("accepts block 693479 as GET /blocks/{headerId} 200, and its header and transactions", () => {
    const block = fixture(BLOCK);
    expect(validateNodeResponse("get", "/blocks/{headerId}", 200, block)).toEqual([]);
    expect(validateNodeResponse("get", "/blocks/{headerId}/header", 200, block.header)).toEqual([]);
    expect(validateNodeResponse("get", "/blocks/{headerId}/transactions", 200, block.blockTransactions)).toEqual([]);
    const text = fixtureText(BLOCK);
    expect(validateNodeText("get", `/blocks/${(block.header as Json).id as string}`, 200, text)).toEqual([]);
  });

  it("knows the spec as written rejects that block only because of `adProofs: null` (patch 1)", () => {
    const block = fixture(BLOCK);
    expect(block.adProofs).toBeNull();
    expect(validateNodeResponse("get", "/blocks/{headerId}", 200, block, { specAsWritten: true })).toEqual([
      "GET /blocks/{headerId} 200: adProofs: must be object",
    ]);
  });

  it("accepts the genesis block (old format), even against the spec as written", () => {
    const genesis = fixture(GENESIS);
    const txs = (genesis.blockTransactions as { transactions: { outputs: Json[] }[] }).transactions;
    // The old-format differences the spec tolerates: none of these fields is required by it.
    expect(txs[0]!.outputs[0]).not.toHaveProperty("transactionId");
    expect(txs[0]!.outputs[0]).not.toHaveProperty("index");
    expect(genesis.blockTransactions).not.toHaveProperty("blockVersion");
    for (const specAsWritten of [false, true]) {
      expect(validateNodeResponse("get", "/blocks/{headerId}", 200, genesis, { specAsWritten })).toEqual([]);
      expect(validateNodeResponse("get", "/blocks/{headerId}/header", 200, genesis.header)).toEqual([]);
      const section = genesis.blockTransactions;
      expect(validateNodeResponse("get", "/blocks/{headerId}/transactions", 200, section)).toEqual([]);
    }
  });

  it("accepts both real boxes as GET /utxo/byId/{boxId} 200", () => {
    for (const name of BOXES) {
      const box = fixture(name);
      expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 200, box)).toEqual([]);
      expect(validateNodeText("get", `/utxo/byId/${box.boxId as string}`, 200, fixtureText(name))).toEqual([]);
    }
  });

  it("accepts node error bodies, falling back to `default` for undeclared error statuses", () => {
    const notFound = { error: 404, reason: "not-found", detail: "box not found" };
    expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 404, notFound)).toEqual([]);
    expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 404, { ...notFound, detail: null })).toEqual([]);
    const badRequest = { error: 400, reason: "bad.request", detail: "Malformed transaction: ..." };
    expect(validateNodeResponse("post", "/transactions", 400, badRequest)).toEqual([]);
    expect(validateNodeText("post", "/transactions", 400, JSON.stringify(badRequest))).toEqual([]);
  });
});

describe("validateNodeResponse fails when it should", () => {
  it("rejects a block without its header", () => {
    expect(validateNodeResponse("get", "/blocks/{headerId}", 200, withoutKey(fixture(BLOCK), "header"))).toEqual([
      "GET /blocks/{headerId} 200: (body): must have required property 'header'",
    ]);
  });

  it("rejects a box whose value is a string, and a box without ergoTree", () => {
    const box = fixture(BOXES[0]!);
    expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 200, { ...box, value: "12" })).toEqual([
      "GET /utxo/byId/{boxId} 200: value: must be integer",
    ]);
    expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 200, withoutKey(box, "ergoTree"))).toEqual([
      "GET /utxo/byId/{boxId} 200: (body): must have required property 'ergoTree'",
    ]);
    const notHex = { ...box, ergoTree: "zz" };
    expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 200, notHex)).toEqual([
      'GET /utxo/byId/{boxId} 200: ergoTree: must match format "base16"',
    ]);
  });

  it("rejects an error body whose `error` is not a number", () => {
    const body = { error: "x", reason: "not-found", detail: "..." };
    expect(validateNodeResponse("get", "/utxo/byId/{boxId}", 404, body)).toEqual([
      "GET /utxo/byId/{boxId} 404: error: must be integer",
    ]);
  });

  it("reports unknown operations, undeclared statuses, bad JSON and unexpected bodies", () => {
    expect(validateNodeResponse("get", "/nope", 200, {})).toEqual(["the spec has no operation GET /nope"]);
    expect(validateNodeResponse("get", "/blockchain/indexedHeight", 404, {})).toEqual([
      "GET /blockchain/indexedHeight declares no 404 response and no default (declared: 200)",
    ]);
    expect(validateNodeResponse("get", "/info", 201, {})).toEqual([
      "GET /info declares no 201 response (declared: 200, default)",
    ]);
    expect(validateNodeText("get", "/info", 200, "{")[0]).toMatch(/body is not JSON/);
    expect(validateNodeText("post", "/blocks", 200, "")).toEqual([]);
    expect(validateNodeText("post", "/blocks", 200, "{}")[0]).toMatch(/declares no response body/);
  });

  it("does not modify the body it validates", () => {
    const body = { indexedHeight: 3 };
    expect(validateNodeResponse("get", "/blockchain/indexedHeight", 200, body)).toEqual([]);
    expect(body).toEqual({ indexedHeight: 3 });
  });
});

describe("real-node patches", () => {
  const parameters = {
    height: 0, blockVersion: 3, storageFeeFactor: 1250000, minValuePerByte: 360, maxBlockSize: 1271009,
    maxBlockCost: 8001091, tokenAccessCost: 100, inputCost: 2407, dataInputCost: 100, outputCost: 197,
    subblocksPerBlock: null,
  };
  // Field set of ErgoStatsCollector.NodeInfo.jsonEncoder + InfoApiRoute (currentTime), for a node
  // that has not applied any block yet: every Option is null.
  const freshInfo = {
    name: "lets-devnet", appVersion: "6.0.4", network: "devnet", headersHeight: null, fullHeight: null,
    maxPeerHeight: null, bestHeaderId: null, bestFullHeaderId: null, previousFullHeaderId: null,
    difficulty: null, headersScore: null, fullBlocksScore: null, unconfirmedCount: 0, stateRoot: null,
    stateType: "utxo", stateVersion: null, isMining: true, isExplorer: true, peersCount: 0,
    launchTime: 1750000000000, lastSeenMessageTime: 0, lastMemPoolUpdateTime: 0, genesisBlockId: null,
    parameters, eip27Supported: true, eip37Supported: true, currentTime: 1750000000000,
  };

  it("accepts /info with the real extra fields, fresh and with blocks", () => {
    expect(validateNodeResponse("get", "/info", 200, freshInfo)).toEqual([]);
    const withBlocks = {
      ...freshInfo, headersHeight: 5, fullHeight: 5, bestHeaderId: ID, bestFullHeaderId: ID,
      previousFullHeaderId: ID, genesisBlockId: ID, difficulty: 1, headersScore: 5, fullBlocksScore: 5,
      stateRoot: `${ID}05`, stateVersion: ID,
    };
    expect(validateNodeResponse("get", "/info", 200, withBlocks)).toEqual([]);
    expect(validateNodeResponse("get", "/info", 200, { ...withBlocks, bestHeaderId: 5 })).not.toEqual([]);
  });

  it("knows the spec as written rejects null ids next to allOf (patch 4)", () => {
    const errors = validateNodeResponse("get", "/info", 200, freshInfo, { specAsWritten: true });
    for (const field of ["bestHeaderId", "bestFullHeaderId", "previousFullHeaderId", "genesisBlockId"]) {
      expect(errors).toContain(`GET /info 200: ${field}: must be string`);
    }
  });

  const indexedBox = {
    ...fixture(BOXES[1]!), globalIndex: 83927, inclusionHeight: 693479, spentTransactionId: null,
    address: "9f4QF8AD1nQ3nJahQVkMj8hFSVVzVom77b52JU7EW71Zexg6N8v", // any string: ErgoAddress has no format
    spendingProof: null,
  };

  it("accepts an IndexedErgoBox as the node encodes it, as written it would not (patches 2 and 4)", () => {
    expect(validateNodeResponse("get", "/blockchain/box/unspent/byTokenId/{tokenId}", 200, [indexedBox])).toEqual([]);
    const unspent = "/blockchain/box/unspent/byTokenId/{tokenId}";
    expect(validateNodeResponse("get", unspent, 200, [indexedBox], { specAsWritten: true })).toEqual([
      `GET ${unspent} 200: 0: must have required property 'spendingHeight'`,
      `GET ${unspent} 200: 0.spentTransactionId: must be string`,
      `GET ${unspent} 200: 0.spendingProof: must be object`,
    ]);
    const spent = { ...indexedBox, spentTransactionId: ID, spendingProof: { proofBytes: "", extension: {} } };
    const byAddress = "/blockchain/box/unspent/byAddress";
    expect(validateNodeResponse("post", byAddress, 200, [spent])).toEqual([]);
    expect(validateNodeResponse("post", byAddress, 200, [{ ...indexedBox, globalIndex: "1" }])).toEqual([
      `POST ${byAddress} 200: 0.globalIndex: must be integer`,
    ]);
  });

  it("expects a plain array from POST /blockchain/box/unspent/byErgoTree (patch 3)", () => {
    const byTree = "/blockchain/box/unspent/byErgoTree";
    expect(validateNodeResponse("post", byTree, 200, [indexedBox])).toEqual([]);
    expect(validateNodeResponse("post", byTree, 200, { items: [indexedBox], total: 1 })).not.toEqual([]);
    expect(validateNodeResponse("post", byTree, 200, [indexedBox], { specAsWritten: true })).toEqual([
      `POST ${byTree} 200: (body): must be object`,
    ]);
  });
});

describe("operationFor", () => {
  it.each([
    ["get", "/blocks/at/5", "/blocks/at/{blockHeight}", { blockHeight: "5" }],
    ["get", "/blocks/lastHeaders/10", "/blocks/lastHeaders/{count}", { count: "10" }],
    // matches both /blocks/lastHeaders/{count} and /blocks/{headerId}/header: the earlier literal wins
    ["get", "/blocks/lastHeaders/header", "/blocks/lastHeaders/{count}", { count: "header" }],
    ["get", "/blocks/chainSlice?fromHeight=1&toHeight=3", "/blocks/chainSlice", {}],
    ["get", "/blocks/chainSlice", "/blocks/chainSlice", {}],
    ["get", "/blocks", "/blocks", {}],
    ["get", `/blocks/${ID}`, "/blocks/{headerId}", { headerId: ID }],
    ["get", "/blocks/abc123/header", "/blocks/{headerId}/header", { headerId: "abc123" }],
    ["post", "/blocks/headerIds", "/blocks/headerIds", {}],
    ["get", "/utxo/withPool/byId/xx", "/utxo/withPool/byId/{boxId}", { boxId: "xx" }],
    ["get", "/blockchain/box/unspent/byTokenId/xx", "/blockchain/box/unspent/byTokenId/{tokenId}", { tokenId: "xx" }],
    ["get", "/script/addressToTree/xx", "/script/addressToTree/{address}", { address: "xx" }],
    ["get", "/transactions/unconfirmed/byTransactionId/xx", "/transactions/unconfirmed/byTransactionId/{txId}", {
      txId: "xx",
    }],
  ] as const)("%s %s -> %s", (method, path, template, params) => {
    expect(operationFor(method, path)).toEqual({ method, template, params });
  });

  it("returns undefined when nothing matches", () => {
    expect(operationFor("get", "/nope/1")).toBeUndefined();
    expect(operationFor("get", "/blocks/headerIds/x/y")).toBeUndefined();
  });
});

describe("DEVNET_ROUTES", () => {
  const rows = DEVNET_ROUTES.map((r) => [r.method, r.template, r] as const);
  it.each(rows)("%s %s is in the spec with a 200 body schema", (method, template, r) => {
    const op = nodeApiSpec.paths[template]?.[method];
    expect(op, `${method} ${template}`).toBeDefined();
    expect(Object.keys(op!.responses)).toEqual(r.statuses);
    expect(okSchema(method, template), "200 body schema").toBeDefined();
    expect(describeSchema(okSchema(method, template))).toBe(r.ok);
    expect(operationFor(method, template)?.template).toBe(template);
  });

  it("lists each route once", () => {
    expect(new Set(DEVNET_ROUTES.map((r) => `${r.method} ${r.template}`)).size).toBe(DEVNET_ROUTES.length);
    expect(DEVNET_ROUTES).toHaveLength(25);
  });
});
