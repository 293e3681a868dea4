// The transaction page's reading: transactions found on a devnet by id and height, every box
// decoded, and the balances before and after derived from the indexer's legs, checked against
// the history that built the chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHistory, type History } from "../../indexer/api/testing.ts";
import { createIndexerClient, type IndexerClient } from "../../web/lib/server/indexer.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { readTransaction } from "../../web/lib/server/tx-page.ts";
import { accountChanges, describeBox, transactionKind } from "../../web/lib/server/tx-view.ts";

let history: History;
let indexer: IndexerClient;
let node: NodeClient;
let close: () => Promise<void>;

beforeAll(async () => {
  const served = await serveHistory();
  ({ history, close } = served);
  indexer = createIndexerClient(served.indexerUrl);
  node = new NodeClient(history.url);
});
afterAll(() => close?.());

/** Everything the page shows about a transaction of community A at `height`. */
async function view(txId: string, height: number) {
  const found = await node.transaction(txId, height);
  if (found?.status !== "confirmed") throw new Error("not found");
  const outputs = found.tx.outputs.map((b) => describeBox(b, "devnet"));
  const legs = (await indexer.payments(history.communityId, { fromHeight: height, toHeight: height, limit: 1000 })).items.filter((l) => l.txId === txId);
  const changes = accountChanges(outputs, legs, found.tx.inputs.map((i) => i.boxId));
  const community = await indexer.community(history.communityId);
  return { found, outputs, legs, changes, kind: transactionKind(txId, outputs, legs, changes, community.genesisTxId) };
}

describe("a transaction", () => {
  it("shows a payment to two payees with every balance before and after", async () => {
    const height = history.paymentHeights[2]!;
    const legs = (await indexer.payments(history.communityId, { fromHeight: height, toHeight: height })).items;
    const txId = legs[0]!.txId;
    const shown = await view(txId, height);
    expect(shown.kind).toBe("payment");
    expect(shown.found.height).toBe(height);
    expect(shown.outputs.filter((o) => o.kind === "fee")).toHaveLength(1);
    const { alice, bob, carol } = history.accountIds;
    // Before day 8: alice -30, bob 30 - 10 = 20, carol 10. Carol pays alice 5 and bob 7.
    expect(Object.fromEntries(shown.changes.map((c) => [c.accountId, [c.before, c.after]]))).toEqual({
      [carol]: [10n, -2n],
      [alice]: [-30n, -25n],
      [bob]: [20n, 27n],
    });
    for (const o of shown.outputs) if (o.kind === "account") expect(o).toMatchObject({ communityId: history.communityId, creditLimit: 1_000n });
  });

  it("tells a creation and a join apart", async () => {
    const community = await indexer.community(history.communityId);
    const created = await view(community.genesisTxId, community.createdHeight);
    expect(created.kind).toBe("create");
    expect(created.outputs.find((o) => o.kind === "community")).toMatchObject({ communityId: history.communityId, membersJoined: 0n, name: "Kaikoura Dollars" });
    const alice = await indexer.account(history.accountIds.alice);
    // The join created alice's first box in the block after the tip it was built at (her joinedHeight).
    const joinTx = await findTxCreatingAccount(alice.joinedHeight + 1, alice.accountId);
    const joined = await view(joinTx, alice.joinedHeight + 1);
    expect(joined.kind).toBe("join");
    expect(joined.changes).toEqual([{ accountId: alice.accountId, before: undefined, after: 0n }]);
  });

  it("is not found at a wrong height on a node without the extra index, and a live box is read by id", async () => {
    const community = await indexer.community(history.communityId);
    expect(await node.transaction(community.genesisTxId, community.createdHeight + 1)).toBeUndefined();
    expect(await node.transaction("ab".repeat(32))).toBeUndefined();
    const box = await node.box(community.boxId);
    expect(describeBox(box!, "devnet")).toMatchObject({ kind: "community", communityId: history.communityId, boxId: community.boxId });
  });
});

describe("a transaction by id alone (the indexer knows its height)", () => {
  it("finds a confirmed payment without a height hint: legs, balances before and after, spent inputs decoded from the indexer", async () => {
    const height = history.paymentHeights[2]!;
    const [leg] = (await indexer.payments(history.communityId, { fromHeight: height, toHeight: height })).items;
    const shown = await readTransaction(indexer, node, "devnet", leg!.txId);
    expect(shown).toMatchObject({ kind: "payment", found: { status: "confirmed", height }, community: { communityId: history.communityId } });
    const { alice, bob, carol } = history.accountIds;
    expect(Object.fromEntries(shown!.changes.map((c) => [c.accountId, [c.before, c.after]]))).toEqual({
      [carol]: [10n, -2n],
      [alice]: [-30n, -25n],
      [bob]: [20n, 27n],
    });
    expect(shown!.legs.map((l) => [l.payee, l.amount])).toEqual([[alice, 5n], [bob, 7n]]);
    // The devnet does not serve spent boxes; the indexer's box history does.
    const accountInputs = shown!.inputs.flatMap((i) => (i.view?.kind === "account" ? [i.view] : []));
    expect(accountInputs).toHaveLength(3);
    expect(Object.fromEntries(accountInputs.map((v) => [v.accountId, v.balance]))).toEqual({
      [carol]: 10n, [alice]: -30n, [bob]: 20n,
    });
  });

  it("shows a default: the account closed with its debt, and a bare unknown id is not found", async () => {
    const points = await indexer.balanceHistory(history.accountIds.dave, { order: "desc", limit: 1 });
    const shown = await readTransaction(indexer, node, "devnet", points.items[0]!.txId);
    expect(shown?.kind).toBe("default");
    expect(shown?.changes).toEqual([{ accountId: history.accountIds.dave, before: -40n, after: undefined }]);
    expect(await readTransaction(indexer, node, "devnet", "ab".repeat(32))).toBeUndefined();
  });
});

async function findTxCreatingAccount(height: number, accountId: string): Promise<string> {
  const [blockId] = await history.node.request<string[]>("GET", `/blocks/at/${height}`);
  const { transactions } = await history.node.request<{ transactions: { id: string }[] }>("GET", `/blocks/${blockId}/transactions`);
  for (const { id } of transactions) {
    const found = await node.transaction(id, height);
    const outputs = found!.tx.outputs.map((b) => describeBox(b, "devnet"));
    if (outputs.some((o) => o.kind === "account" && o.accountId === accountId)) return id;
  }
  throw new Error("no join transaction");
}
