/**
 * The pipeline against a real devnet when the chain does not do what the simulator expects: a
 * payment of a member whose box someone else spent is refused for contention, a queued payment
 * built on its output is dropped with it, an independent one goes through; the ledger and the
 * local boxes are rolled back; and the reconciliation then names the accounts the outsider moved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { EventLog } from "../events.ts";
import { Ledger } from "../ledger.ts";
import { memberName, type Member } from "../members.ts";
import { reconcile } from "../reconcile.ts";
import { parseScenario } from "../scenario.ts";
import { ChainActions, type ActionContext } from "./actions.ts";
import { DevnetDriver } from "./devnet-driver.ts";
import { LocalBoxes } from "../../../client/local-boxes.ts";
import { DEPENDS_ON_REFUSED, Pipeline } from "./pipeline.ts";
import { setUpCommunity } from "./setup.ts";
import { SignerPool } from "../../../ergo/signer-pool.ts";

const scenario = parseScenario(
  { name: "pipeline", members: 5, days: 1, policy: { creditLimit: 100 }, roles: { household: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } } },
  "pipeline.spec",
);
const members: Member[] = Array.from({ length: 5 }, (_, id) => ({ id, name: memberName(id), role: scenario.roles[0]!, community: 0, defaulter: false, defaultDay: null, vanished: false }));

describe("Pipeline when the node refuses", () => {
  let driver: DevnetDriver;
  let signer: SignerPool;
  let ctx: ActionContext;
  let actions: ChainActions;
  let communityId: string;

  beforeAll(async () => {
    driver = await DevnetDriver.start("main");
    signer = await SignerPool.start(0);
    ctx = { scenario, ledger: new Ledger(), boxes: new LocalBoxes(), pipeline: new Pipeline(driver, signer), driver, log: new EventLog() };
    actions = new ChainActions(ctx);
    communityId = await setUpCommunity(ctx, actions, members);
    actions.startHeight = driver.tipHeight;
  }, 120_000);

  afterAll(async () => {
    await signer?.close();
    await driver?.close();
  });

  it("counts the contention and the payment built on it, keeps the independent one, and rolls the ledger back", async () => {
    // An outsider (member 0's own wallet, elsewhere) pays member 1 from member 0's account: the simulator's box of member 0 is now spent.
    await new LetsOverHttp(driver.node).pay(communityId, actions.key(0), [{ member: actions.key(1), amountUnits: 7n }]);
    const [m0, , m2, m3, m4] = members as [Member, Member, Member, Member, Member];
    expect(actions.pay(m0, m2, 5n, 0)).toEqual({ ok: true });
    expect(actions.pay(m4, m3, 4n, 0)).toEqual({ ok: true });
    expect(actions.pay(m2, m3, 3n, 0)).toEqual({ ok: true });
    await ctx.pipeline.flush(actions.startHeight + 1);

    const payments = ctx.log.events.filter((e) => e.kind === "payment");
    expect(payments.map((e) => [e.member, e.payee, e.status, e.reason])).toEqual([
      [0, 2, "refused", "node: contention (box already spent in the mempool)"],
      [4, 3, "accepted", undefined],
      [2, 3, "refused", DEPENDS_ON_REFUSED],
    ]);
    expect(ctx.log.paymentsAccepted).toBe(1);
    expect(ctx.log.refusals).toBe(2);
    expect([0, 1, 2, 3, 4].map((m) => ctx.ledger.open(m).balance)).toEqual([0n, 0n, 0n, 4n, -4n]);
    expect(ctx.ledger.open(2).lastActiveBlock).toBe(-1);
    // The local boxes were rolled back to what the chain holds for members 2 (untouched) and 3 (paid by 4).
    const { accounts } = await new LetsOverHttp(driver.node).community(communityId);
    for (const id of [2, 3, 4]) {
      const accountId = actions.accountOf.get(id)!;
      expect(ctx.boxes.account(accountId).boxId, memberName(id)).toBe(accounts.find((a) => a.accountId === accountId)!.boxId);
    }
  });

  it("reports the outsider's payment as a mismatch between the ledger and the chain", async () => {
    const result = await reconcile({ node: driver.node, indexerUrl: undefined, communityId, ledger: ctx.ledger, accountOf: actions.accountOf, events: ctx.log.events });
    expect(result.ok).toBe(false);
    const chain = result.checks.find((c) => c.name === "ledger = chain")!;
    expect(chain.differences).toEqual([`account ${actions.accountOf.get(0)}: ledger 0, chain -7`, `account ${actions.accountOf.get(1)}: ledger 0, chain 7`]);
    expect(result.checks.find((c) => c.name === "ledger sums to 0")!.ok).toBe(true);
  });
});
