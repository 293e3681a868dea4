// `/accounts/{accountId}` shows the account's unconfirmed payments: a running indexer
// (`startIndexer`: the sync loop and its mempool pass, the API over HTTP) following a devnet where
// real signed payments wait in the mempool, on every backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAccount } from "../../contracts/index.ts";
import { BACKENDS } from "../db/testing.ts";
import { silentLogger } from "../log.ts";
import { startIndexer, type RunningIndexer } from "../start.ts";
import { startLetsDevnet, type LetsDevnet } from "../sync/testing.ts";
import { waitForNodeTip } from "../wait.ts";
import { until } from "../../util/until.ts";

interface AccountDetail {
  accountId: string;
  balance: string;
  boxId: string;
  pending: { txId: string; kind: string; balanceChange: string; boxId: string | null }[];
  pendingBalance: string;
}

let chain: LetsDevnet;
beforeAll(async () => {
  chain = await startLetsDevnet(3);
});
afterAll(() => chain?.close());

describe.each(BACKENDS)("pending mempool changes on /accounts/{accountId} ($name)", ({ open }) => {
  let indexer: RunningIndexer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await open();
    const databaseUrl = database.url;
    if (databaseUrl) drop = database.drop;
    else await database.db.destroy();
    indexer = await startIndexer({ nodeUrl: chain.devnet.url, port: 0, pollMs: 20, logger: silentLogger, ...(databaseUrl ? { databaseUrl } : {}) });
    await waitForNodeTip(indexer, chain.devnet.url);
  });
  afterAll(async () => {
    await indexer?.close();
    await drop?.();
  });

  const idOf = async (member: LetsDevnet["members"][number]) => {
    const { items } = (await (await fetch(`${indexer.url}/accounts/by-owner/${member.address}`)).json()) as { items: { accountId: string; communityId: string; status: string }[] };
    return items.find((a) => a.communityId === chain.communityId && a.status === "open")!.accountId;
  };
  const detail = async (accountId: string) => (await (await fetch(`${indexer.url}/accounts/${accountId}`)).json()) as AccountDetail;

  it("lists a chain of unconfirmed payments in order with the balance they lead to, and clears them once mined", async () => {
    const [alice, bob, carol] = chain.members as [LetsDevnet["members"][0], LetsDevnet["members"][0], LetsDevnet["members"][0]];
    const [aliceId, bobId, carolId] = [await idOf(alice), await idOf(bob), await idOf(carol)];
    const before = await detail(aliceId);
    expect(before).toMatchObject({ pending: [], pendingBalance: before.balance });

    const first = await chain.pay(alice, bob, 25n);
    const second = await chain.pay(alice, carol, 7n);
    const pendingAlice = await until("alice's two pending payments", () => detail(aliceId), (a) => a.pending.length === 2);
    expect(pendingAlice.balance).toBe(before.balance);
    expect(pendingAlice.pending).toEqual([
      { txId: first, kind: "payment", balanceChange: "-25", boxId: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { txId: second, kind: "payment", balanceChange: "-7", boxId: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const expected = (BigInt(before.balance) - 32n).toString();
    expect(pendingAlice.pendingBalance).toBe(expected);

    // The last pending box is the one to build on: live in the node's mempool view, holding that balance;
    // the first was spent by the second payment.
    const [afterFirst, afterSecond] = pendingAlice.pending.map((p) => p.boxId!) as [string, string];
    expect(await chain.node.boxWithPool(afterFirst)).toBeUndefined();
    const live = await chain.node.boxWithPool(afterSecond);
    const decoded = decodeAccount(live!);
    expect(decoded.ok && decoded.value.balance.toString()).toBe(expected);

    const bobNow = await until("bob's pending payment", () => detail(bobId), (a) => a.pending.length === 1);
    expect(bobNow.pending).toEqual([{ txId: first, kind: "payment", balanceChange: "25", boxId: expect.any(String) }]);
    expect(bobNow.pendingBalance).toBe((BigInt(bobNow.balance) + 25n).toString());
    const carolNow = await until("carol's pending payment", () => detail(carolId), (a) => a.pending.length === 1);
    expect(carolNow.pending).toMatchObject([{ txId: second, balanceChange: "7" }]);

    await chain.mine();
    const settled = await until("the payments to confirm", () => detail(aliceId), (a) => a.pending.length === 0 && a.balance === expected);
    expect(settled).toMatchObject({ balance: expected, pendingBalance: expected, boxId: afterSecond });
  });
});
