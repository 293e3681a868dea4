// The settlement service on an in-process devnet (docs/batches.md): orders posted to a running
// indexer are settled after the next block by its settler, each exactly once, even when the loop is
// killed before it submits or after it submitted and before it noted so, and when two settlers run
// at once. PGlite and PostgreSQL (when DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hex } from "@fleet-sdk/crypto";
import { orderToJson, signOrder, type SignedOrder } from "../../contracts/orders.ts";
import { ACCOUNT_ERGO_TREE } from "../../contracts/scripts.ts";
import { ownerOf } from "../../client/lets-over-http.ts";
import { devAccount, type DevAccount } from "../../ergo/keys.ts";
import { BACKENDS } from "../db/testing.ts";
import { silentLogger } from "../log.ts";
import { startIndexer, type RunningIndexer } from "../start.ts";
import { startLetsDevnet, type LetsDevnet } from "../sync/testing.ts";
import { waitForNodeTip } from "../wait.ts";
import { until } from "../../util/until.ts";
import { startSettler, type RunningSettler } from "./loop.ts";

interface OrderJson {
  orderId: string;
  status: string;
  txId: string | null;
  reason: string | null;
}

/** The settlers' keys: dev accounts no member of the devnet's community uses. */
const SETTLER = devAccount(9);
const OTHER_SETTLER = devAccount(8);

let chain: LetsDevnet;
beforeAll(async () => {
  chain = await startLetsDevnet(4);
});
afterAll(() => chain?.close());

describe.each(BACKENDS)("the settlement service on the devnet ($name)", ({ open }) => {
  let indexer: RunningIndexer;
  let drop: (() => Promise<void>) | undefined;
  const settlers: RunningSettler[] = [];

  beforeAll(async () => {
    const database = await open();
    const databaseUrl = database.url;
    if (databaseUrl) drop = database.drop;
    else await database.db.destroy();
    // The indexer's own settler: the option `lets up` uses.
    indexer = await startIndexer({ nodeUrl: chain.devnet.url, port: 0, pollMs: 20, logger: silentLogger, settlerSecretKey: SETTLER.secretKey, ...(databaseUrl ? { databaseUrl } : {}) });
    await waitForNodeTip(indexer, chain.devnet.url);
  });
  afterAll(async () => {
    for (const settler of settlers) await settler.stop();
    await indexer?.close();
    await drop?.();
  });

  const accountOf = async (member: DevAccount) => {
    const { accounts } = await chain.lets.community(chain.communityId);
    return accounts.find((a) => a.owner === ownerOf(member))!;
  };
  /** `payer` signs orders to each payee, numbered on from its account's live nextSeq (pending ones included: `skip`). */
  const sign = async (payer: DevAccount, payees: [DevAccount, bigint][], skip = 0n): Promise<SignedOrder[]> => {
    const from = await accountOf(payer);
    const height = await chain.node.height();
    const orders: SignedOrder[] = [];
    for (const [i, [payee, amount]] of payees.entries()) {
      const order = { communityId: chain.communityId, payer: from.accountId, payee: (await accountOf(payee)).accountId, amount, seq: from.nextSeq! + skip + BigInt(i), expiry: BigInt(height + 200) };
      orders.push(signOrder(order, hex.decode(payer.secretKey)));
    }
    return orders;
  };
  const post = async (orders: SignedOrder[]) => {
    const reply = await fetch(`${indexer.url}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(orders.map(orderToJson)) });
    const body = (await reply.json()) as { accepted: number; items: { orderId: string; reason: string | null }[] };
    expect(body.items.map((i) => i.reason)).toEqual(orders.map(() => null));
    return body.items.map((i) => i.orderId);
  };
  const order = async (id: string) => (await (await fetch(`${indexer.url}/orders/${id}`)).json()) as OrderJson;
  const settledRows = async (ids: string[]) => indexer.db.selectFrom("settled_orders").select(["order_id", "tx_id"]).where("order_id", "in", ids).execute();
  /** Mines until every order is settled; each settled exactly once. */
  const settleAll = async (ids: string[]) => {
    await until("the orders to settle", async () => {
      await chain.mine();
      await waitForNodeTip(indexer, chain.devnet.url);
      const statuses = await Promise.all(ids.map(order));
      return statuses.every((o) => o.status === "settled");
    }, { timeoutMs: 60_000, pollMs: 100 });
    const rows = await settledRows(ids);
    expect(rows.map((r) => r.order_id).sort()).toEqual([...ids].sort());
    return rows;
  };
  const balances = async (members: DevAccount[]) => Promise.all(members.map(async (m) => (await accountOf(m)).balance));

  it("settles posted orders after the next block, the settler's wallet paying, once each", async () => {
    const [alice, bob, carol] = chain.members as [DevAccount, DevAccount, DevAccount];
    const before = await balances([alice, bob, carol]);
    const ids = await post([...(await sign(alice, [[bob, 5n], [carol, 3n]])), ...(await sign(bob, [[carol, 2n]]))]);
    // Posting wakes the settler: it makes its batch box and submits one settlement of all three before any block.
    const submitted = await until("the orders to be submitted", () => Promise.all(ids.map(order)), (os) => os.every((o) => o.status === "submitted"));
    expect(new Set(submitted.map((o) => o.txId)).size).toBe(1);
    const rows = await settleAll(ids);
    expect(new Set(rows.map((r) => r.tx_id))).toEqual(new Set([submitted[0]!.txId]));
    expect(await balances([alice, bob, carol])).toEqual([before[0]! - 8n, before[1]! + 3n, before[2]! + 5n]);
    const batch = (await (await fetch(`${indexer.url}/batches/${rows[0]!.tx_id}`)).json()) as { orders: number; total: string; settler: string };
    expect(batch).toMatchObject({ orders: 3, total: "10", settler: ownerOf(SETTLER) });
  });

  it("leaves an order its payer cannot cover pending with the reason, and settles it once the payer can", async () => {
    const [alice, , , dave] = chain.members as [DevAccount, DevAccount, DevAccount, DevAccount];
    const daveAccount = await accountOf(dave);
    const tooMuch = daveAccount.balance + daveAccount.terms.creditLimit + 1n;
    const [id] = await post(await sign(dave, [[alice, tooMuch]]));
    const refused = await until("the settler's reason", () => order(id!), (o) => o.reason !== null);
    expect(refused).toMatchObject({ status: "pending", reason: expect.stringMatching(/^credit: /) });
    await chain.pay(alice, dave, 1n);
    await settleAll([id!]);
  });

  for (const crash of ["before it submits", "after it submitted, before it noted so"] as const) {
    it(`settles every order exactly once when the loop is killed ${crash} and started again`, async () => {
      await indexer.settler!.stop(); // this test runs its own settlers
      const [alice, bob, carol] = chain.members as [DevAccount, DevAccount, DevAccount];
      let killed!: () => void;
      const died = new Promise<void>((done) => (killed = done));
      const kill = () => {
        killed();
        throw new Error("killed");
      };
      const hooks = crash === "before it submits" ? { beforeSubmit: kill } : { afterSubmit: kill };
      const first = startSettler({ db: indexer.db, node: chain.node, secretKey: OTHER_SETTLER.secretKey, pollMs: 20, logger: silentLogger, hooks });
      settlers.push(first);
      const ids = [...(await post(await sign(alice, [[bob, 2n]]))), ...(await post(await sign(carol, [[alice, 1n]])))];
      first.wake();
      await died;
      await first.stop();
      // A settlement makes account boxes; the settler's first round may also have made its batch box.
      const pool = await chain.node.request<{ outputs: { ergoTree: string }[] }[]>("GET", "/transactions/unconfirmed");
      expect(pool.filter((tx) => tx.outputs.some((o) => o.ergoTree === ACCOUNT_ERGO_TREE))).toHaveLength(crash === "before it submits" ? 0 : 1);
      if (crash === "before it submits") {
        expect((await Promise.all(ids.map(order))).map((o) => o.status)).toEqual(["pending", "pending"]);
      } else {
        // Nothing noted, yet the mirror's mempool view knows the settlement: its orders submitted, a batch change on the accounts.
        const seen = await until("the mempool view of the settlement", () => Promise.all(ids.map(order)), (os) => os.every((o) => o.status === "submitted"));
        const txId = seen[0]!.txId!;
        expect(seen.map((o) => o.txId)).toEqual([txId, txId]);
        const detail = (await (await fetch(`${indexer.url}/accounts/${(await accountOf(alice)).accountId}`)).json()) as { pending: { txId: string; kind: string; balanceChange: string }[] };
        expect(detail.pending).toEqual([expect.objectContaining({ txId, kind: "batch", balanceChange: "-1" })]); // pays 2, receives 1
      }
      const again = startSettler({ db: indexer.db, node: chain.node, secretKey: OTHER_SETTLER.secretKey, pollMs: 20, logger: silentLogger });
      settlers.push(again);
      again.wake();
      const rows = await settleAll(ids);
      expect(new Set(rows.map((r) => r.tx_id)).size).toBe(1);
      await again.stop();
    });
  }

  it("settles every order exactly once with two settlers running at once", async () => {
    const [alice, bob, carol, dave] = chain.members as [DevAccount, DevAccount, DevAccount, DevAccount];
    const one = startSettler({ db: indexer.db, node: chain.node, secretKey: SETTLER.secretKey, pollMs: 20, logger: silentLogger });
    const two = startSettler({ db: indexer.db, node: chain.node, secretKey: OTHER_SETTLER.secretKey, pollMs: 20, logger: silentLogger });
    settlers.push(one, two);
    const before = await balances([alice, bob, carol, dave]);
    const ids = [...(await post(await sign(bob, [[alice, 4n], [dave, 1n]]))), ...(await post(await sign(carol, [[dave, 6n]])))];
    one.wake();
    two.wake();
    await settleAll(ids);
    expect(await balances([alice, bob, carol, dave])).toEqual([before[0]! + 4n, before[1]! - 5n, before[2]! - 6n, before[3]! + 7n]);
  });
});
