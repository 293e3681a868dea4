import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "$ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { MAX_BODY_BYTES, decideNodeRequest, forwardToNode } from "./node-proxy.ts";

const ID = "ab".repeat(32);
const none = new URLSearchParams();

describe("decideNodeRequest", () => {
  it("lets the wallet's reads through on every network", () => {
    for (const network of ["devnet", "testnet", "mainnet"] as const) {
      expect(decideNodeRequest("GET", "/info", none, network)).toEqual({ ok: true, path: "/info" });
      expect(decideNodeRequest("GET", "/blocks/lastHeaders/10", none, network).ok).toBe(true);
      expect(decideNodeRequest("GET", `/utxo/withPool/byId/${ID}`, none, network).ok).toBe(true);
      const query = new URLSearchParams("offset=100&limit=100&includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=asc");
      expect(decideNodeRequest("GET", `/blockchain/box/unspent/byTokenId/${ID}`, query, network)).toEqual({
        ok: true,
        path: `/blockchain/box/unspent/byTokenId/${ID}?${query}`,
      });
    }
  });

  it("lets the development wallet's spending routes through only on the devnet", () => {
    expect(decideNodeRequest("POST", "/transactions", none, "devnet").ok).toBe(true);
    expect(decideNodeRequest("POST", "/blockchain/box/unspent/byAddress", new URLSearchParams("limit=1000"), "devnet").ok).toBe(true);
    expect(decideNodeRequest("POST", "/transactions", none, "testnet")).toMatchObject({ ok: false, status: 404 });
    expect(decideNodeRequest("POST", "/blockchain/box/unspent/byAddress", none, "mainnet")).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses every other route, method and query parameter", () => {
    expect(decideNodeRequest("GET", "/wallet/addresses", none, "devnet")).toMatchObject({ ok: false, status: 404 });
    expect(decideNodeRequest("POST", "/devnet/mine", none, "devnet")).toMatchObject({ ok: false, status: 404 });
    expect(decideNodeRequest("GET", "/blocks/lastHeaders/11", none, "devnet")).toMatchObject({ ok: false, status: 404 });
    expect(decideNodeRequest("GET", `/utxo/withPool/byId/${ID}/../../x`, none, "devnet")).toMatchObject({ ok: false, status: 404 });
    expect(decideNodeRequest("POST", "/info", none, "devnet")).toMatchObject({ ok: false, status: 405 });
    expect(decideNodeRequest("GET", "/transactions", none, "devnet")).toMatchObject({ ok: false, status: 405 });
    expect(decideNodeRequest("GET", "/info", new URLSearchParams("api_key=x"), "devnet")).toMatchObject({ ok: false, status: 400 });
    expect(decideNodeRequest("GET", `/blockchain/box/unspent/byTokenId/${ID}`, new URLSearchParams("limit=-1"), "devnet")).toMatchObject({ ok: false, status: 400 });
  });
});

describe("forwardToNode on a devnet", () => {
  let devnet: Devnet;
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  });
  afterAll(async () => devnet?.close());

  /** A NodeClient whose requests go through the proxy functions, as the browser's do. */
  const throughProxy = () =>
    new NodeClient("http://web.test/api/node", async (input, init) => {
      const request = new Request(String(input), init);
      const url = new URL(request.url);
      const decision = decideNodeRequest(request.method, url.pathname.replace(/^\/api\/node/, ""), url.searchParams, "devnet");
      if (!decision.ok) return new Response(JSON.stringify({ detail: decision.reason }), { status: decision.status });
      return forwardToNode(request, devnet.url, decision);
    });

  it("passes reads and the node's answers through unchanged", async () => {
    const reader = throughProxy();
    expect(await reader.height()).toBe(devnet.chain.height);
    const boxes = await reader.unspentByAddress(devAccount(0).address);
    expect(boxes.length).toBeGreaterThan(0);
    expect(typeof boxes[0]!.value).toBe("bigint");
    expect(await reader.boxWithPool("00".repeat(32))).toBeUndefined();
  });

  it("passes the node's refusal of a transaction back with its status and detail", async () => {
    const refused = await throughProxy().submit({ id: "00".repeat(32), inputs: [], dataInputs: [], outputs: [] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400 });
  });

  it("refuses an oversized body without asking the node", async () => {
    const big = new Request("http://web.test/api/node/transactions", { method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1) });
    const response = await forwardToNode(big, "http://127.0.0.1:1", { path: "/transactions" });
    expect(response.status).toBe(413);
  });

  it("answers 502 when the node does not answer", async () => {
    const response = await forwardToNode(new Request("http://web.test/api/node/info"), "http://127.0.0.1:1", { path: "/info" });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ detail: "the node does not answer" });
  });
});
