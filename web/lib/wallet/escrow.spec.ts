/**
 * Post-factum payments from the wallet side on a real devnet (docs/escrow.md): the pay screen's
 * `preparePayAfterDelivery` opens an escrow first when the member has none (the commit is then
 * built on the opening still in the mempool), the wallet's release, refund and claim
 * (`prepareSettle`) and close (`prepareClose`), each signed by the development wallet and accepted
 * by the node; a release above the max and a claim before the deadline are refused before signing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { InvalidIntent, OrderExceedsCommitment } from "$contracts/errors.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { referenceOf } from "../escrow/terms.ts";
import { prepareCreate, prepareJoin, signAndSubmit } from "./actions.ts";
import { createDevContext, type DevErgoLib } from "./dev/context.ts";
import { liveEscrowsOf, prepareClose, prepareCommit, preparePayAfterDelivery, prepareSettle, type PayAfterDeliveryIntent } from "./escrow.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;

function devWallet(index: number) {
  const { address, secretKey } = devAccount(index);
  const context = createDevContext({ account: { index, address, secretKey }, node, loadErgoLib: async () => ergoLib as unknown as DevErgoLib, confirm: async () => true });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), address };
}

const mine = () => fetch(`${devnet.url}/devnet/mine`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
let communityId = "";
let wallets: ReturnType<typeof devWallet>[] = [];
const [committee, alice, bob] = [0, 1, 2];

const accountOf = async (index: number) => {
  const owner = ownerFromAddress(wallets[index]!.address);
  return (await node.unspentByTokenId(communityId)).map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value] : []))[0]!;
};
const openOrderId = async () => (await liveEscrowsOf(node, communityId, (await accountOf(alice)).owner)).find((e) => e.order)!.boxId;

async function intent(max: bigint, minimum: bigint, blocks: bigint): Promise<PayAfterDeliveryIntent> {
  const [payer, payee] = [await accountOf(alice), await accountOf(bob)];
  return { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, terms: { maxUnits: max, minimumUnits: minimum, blocks, reference: referenceOf("two chairs") } };
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  wallets = [devWallet(committee), devWallet(alice), devWallet(bob)];
  await mine();
  const created = await prepareCreate(wallets[committee]!.wallet, {
    policy: testPolicy({ creditLimit: 50_000n, positiveCap: 0n, inactivityBlocks: 0n }),
    metadata: { name: "Escrow Dollars", symbol: "ESD", description: "", decimals: 2 },
    committee: committeeFromKeys([devAccount(committee).publicKey], 1),
  });
  await signAndSubmit(wallets[committee]!.wallet, created.unsigned);
  communityId = created.communityId;
  await mine();
  for (const member of [wallets[alice]!, wallets[bob]!]) {
    await signAndSubmit(member.wallet, (await prepareJoin(member.wallet, node, communityId)).unsigned);
    await mine();
  }
}, 120_000);
afterAll(async () => devnet?.close());

describe("post-factum payments from the wallet", () => {
  it("opens an escrow and commits on it while the opening waits in the mempool", async () => {
    const wanted = await intent(5_000n, 2_000n, 720n);
    const prepared = await preparePayAfterDelivery(wallets[alice]!.wallet, node, wanted);
    expect(prepared.commit).toBeNull();
    expect(prepared.open!.depositNanoErg).toBeGreaterThan(0n);
    await signAndSubmit(wallets[alice]!.wallet, prepared.open!.unsigned);
    await signAndSubmit(wallets[alice]!.wallet, await prepareCommit(wallets[alice]!.wallet, node, wanted));
    await mine();
    expect((await accountOf(alice)).balance).toBe(-5_000n);
    const [escrow] = await liveEscrowsOf(node, communityId, (await accountOf(alice)).owner);
    expect(escrow!.order).toMatchObject({ max: 5_000n, minimum: 2_000n, reference: referenceOf("two chairs") });
  });

  it("refuses a release above the max and a claim before the deadline, then releases part", async () => {
    const orderId = await openOrderId();
    await expect(prepareSettle(wallets[alice]!.wallet, node, { communityId, orderId, by: "payer", releasedUnits: 6_000n })).rejects.toBeInstanceOf(OrderExceedsCommitment);
    await expect(prepareSettle(wallets[bob]!.wallet, node, { communityId, orderId, by: "anyone" })).rejects.toBeInstanceOf(InvalidIntent);
    await expect(prepareSettle(wallets[bob]!.wallet, node, { communityId, orderId, by: "payer", releasedUnits: 3_000n })).rejects.toThrow(/not owned by this wallet/);
    const { unsigned } = await prepareSettle(wallets[alice]!.wallet, node, { communityId, orderId, by: "payer", releasedUnits: 3_000n });
    await signAndSubmit(wallets[alice]!.wallet, unsigned);
    await mine();
    expect([(await accountOf(alice)).balance, (await accountOf(bob)).balance]).toEqual([-3_000n, 3_000n]);
  });

  it("commits on the idle escrow without opening another; the payee refunds it", async () => {
    const prepared = await preparePayAfterDelivery(wallets[alice]!.wallet, node, await intent(1_000n, 0n, 30n));
    expect(prepared.open).toBeNull();
    await signAndSubmit(wallets[alice]!.wallet, prepared.commit!);
    await mine();
    const { unsigned } = await prepareSettle(wallets[bob]!.wallet, node, { communityId, orderId: await openOrderId(), by: "payee" });
    await signAndSubmit(wallets[bob]!.wallet, unsigned);
    await mine();
    expect([(await accountOf(alice)).balance, (await accountOf(bob)).balance]).toEqual([-3_000n, 3_000n]);
  });

  it("lets the payee claim the minimum once the deadline has passed, anyone return the rest, then the owner close the idle escrow", async () => {
    const prepared = await preparePayAfterDelivery(wallets[alice]!.wallet, node, await intent(1_000n, 400n, 2n));
    await signAndSubmit(wallets[alice]!.wallet, prepared.commit!);
    for (let i = 0; i < 3; i++) await mine();
    const { unsigned } = await prepareSettle(wallets[bob]!.wallet, node, { communityId, orderId: await openOrderId(), by: "anyone" });
    await signAndSubmit(wallets[bob]!.wallet, unsigned);
    await mine();
    // A claim moves the minimum alone: the rest stays in the escrow as an order without a minimum, which anyone returns.
    expect([(await accountOf(alice)).balance, (await accountOf(bob)).balance]).toEqual([-4_000n, 3_400n]);
    const remainder = await prepareSettle(wallets[bob]!.wallet, node, { communityId, orderId: await openOrderId(), by: "anyone" });
    expect(remainder.escrow.order).toMatchObject({ max: 600n, minimum: 0n });
    await signAndSubmit(wallets[bob]!.wallet, remainder.unsigned);
    await mine();
    expect((await accountOf(alice)).balance).toBe(-3_400n);
    const [escrow] = await liveEscrowsOf(node, communityId, (await accountOf(alice)).owner);
    await expect(prepareClose(wallets[bob]!.wallet, node, communityId, escrow!.escrowId)).rejects.toThrow(/another key/);
    await signAndSubmit(wallets[alice]!.wallet, await prepareClose(wallets[alice]!.wallet, node, communityId, escrow!.escrowId));
    await mine();
    expect(await liveEscrowsOf(node, communityId, (await accountOf(alice)).owner)).toEqual([]);
  });
});
