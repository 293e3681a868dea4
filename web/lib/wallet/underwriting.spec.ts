/**
 * Underwriting from the wallet side on a real devnet (docs/underwriting.md): the underwriter's
 * `prepareOffer`, the member's `prepareAccept` (its premium paid to the underwriter's account), the
 * withdrawal refused while the raise is in use and allowed once it is not (`withdrawState`,
 * `prepareWithdraw`), and an offer cancelled (`prepareCancel`); each signed by the development
 * wallet and accepted by the node, every refusal thrown before signing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { InvalidIntent, UnderwritingRefused } from "$contracts/errors.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { predict } from "$ergo/predict.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { prepareCreate, prepareJoin, prepareLeave, preparePaymentFor, signAndSubmit } from "./actions.ts";
import { createDevContext, type DevErgoLib } from "./dev/context.ts";
import { liveUnderwriting, prepareAccept, prepareCancel, prepareOffer, prepareWithdraw, StakeNotLive, withdrawState, type OfferRequest } from "./underwriting.ts";
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
const [committee, alice, bob, uma] = [0, 1, 2, 3];
const ERG = 1_000_000_000n;

const accountOf = async (index: number) => {
  const owner = ownerFromAddress(wallets[index]!.address);
  return (await node.unspentByTokenId(communityId)).map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value] : []))[0]!;
};
const wallet = (index: number) => wallets[index]!.wallet;

async function pay(from: number, to: number, amountUnits: bigint) {
  const [payer, payee] = [await accountOf(from), await accountOf(to)];
  await signAndSubmit(wallet(from), (await preparePaymentFor(wallet(from), node, { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits })).unsigned);
  await mine();
}

/** Offers from `by` and answers the offer's id (its box id, output 0 of the offer). */
async function offer(by: number, request: Omit<OfferRequest, "communityId">): Promise<string> {
  const { unsigned } = await prepareOffer(wallet(by), node, { communityId, ...request });
  await signAndSubmit(wallet(by), unsigned);
  await mine();
  return predict(unsigned).outputs[0]!.boxId;
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  wallets = [devWallet(committee), devWallet(alice), devWallet(bob), devWallet(uma)];
  await mine();
  // A limit of 100.00 UWD for 1 ERG of collateral: the price of credit is 0.0001 ERG a unit.
  const created = await prepareCreate(wallet(committee), {
    policy: testPolicy({ creditLimit: 10_000n, positiveCap: 100_000n, collateralNanoErg: ERG, inactivityBlocks: 0n }),
    metadata: { name: "Underwritten Dollars", symbol: "UWD", description: "", decimals: 2 },
    committee: committeeFromKeys([devAccount(committee).publicKey], 1),
  });
  await signAndSubmit(wallet(committee), created.unsigned);
  communityId = created.communityId;
  await mine();
  for (const member of [alice, bob]) {
    await signAndSubmit(wallet(member), (await prepareJoin(wallet(member), node, communityId)).unsigned);
    await mine();
  }
}, 120_000);
afterAll(async () => devnet?.close());

describe("underwriting from the wallet", () => {
  let stakeId = "";
  let stakeBoxId = "";

  it("refuses an offer below the least stake, then bob offers and alice accepts, paying his premium", async () => {
    const [a, b] = [await accountOf(alice), await accountOf(bob)];
    const terms = { accountId: a.accountId, raiseUnits: 5_000n, premiumUnits: 100n, premiumAccountId: b.accountId };
    await expect(prepareOffer(wallet(bob), node, { communityId, ...terms, stakeNanoErg: ERG })).rejects.toBeInstanceOf(UnderwritingRefused);
    stakeId = await offer(bob, { ...terms, stakeNanoErg: 5n * ERG });
    const ref = { stakeId, boxId: stakeId };
    await expect(prepareAccept(wallet(bob), node, communityId, ref)).rejects.toThrow(/not owned by this wallet/);
    const accepted = await prepareAccept(wallet(alice), node, communityId, ref);
    expect(accepted.offer).toMatchObject({ raise: 5_000n, premium: 100n, stakeNanoErg: 5n * ERG, state: "offer" });
    await signAndSubmit(wallet(alice), accepted.unsigned);
    await mine();
    stakeBoxId = predict(accepted.unsigned).outputs[1]!.boxId;
    const [after, bobAfter] = [await accountOf(alice), await accountOf(bob)];
    expect(after.terms.creditLimit).toBe(15_000n);
    expect(after.terms.backing?.backed).toBe(5_000n);
    expect([after.balance, bobAfter.balance]).toEqual([-100n, 100n]);
    await expect(liveUnderwriting(node, ref, "offer")).rejects.toBeInstanceOf(StakeNotLive);
    expect((await liveUnderwriting(node, { stakeId, boxId: stakeBoxId }, "active")).stakeId).toBe(stakeId);
  });

  it("refuses the withdrawal while the raise is in use, says why, and withdraws once it is not", async () => {
    await pay(alice, bob, 12_000n);
    const ref = { stakeId, boxId: stakeBoxId, accountId: (await accountOf(alice)).accountId };
    expect((await withdrawState(node, communityId, ref)).blocker).toMatch(/the raise is in use/);
    await expect(prepareWithdraw(wallet(bob), node, communityId, ref)).rejects.toBeInstanceOf(UnderwritingRefused);
    await pay(bob, alice, 3_000n);
    expect((await withdrawState(node, communityId, ref)).blocker).toBeUndefined();
    await expect(prepareWithdraw(wallet(alice), node, communityId, ref)).rejects.toThrow(/another key/);
    await signAndSubmit(wallet(bob), await prepareWithdraw(wallet(bob), node, communityId, ref));
    await mine();
    const after = await accountOf(alice);
    expect([after.terms.creditLimit, after.terms.backing, after.balance]).toEqual([10_000n, undefined, -9_100n]);
  });

  it("lets the underwriter alone cancel an offer not accepted, its stake back to its wallet", async () => {
    const offerId = await offer(uma, { accountId: (await accountOf(bob)).accountId, raiseUnits: 1_000n, stakeNanoErg: 5n * ERG, premiumUnits: 0n, premiumAccountId: undefined });
    const ref = { stakeId: offerId, boxId: offerId };
    await expect(prepareCancel(wallet(bob), node, ref)).rejects.toBeInstanceOf(InvalidIntent);
    await signAndSubmit(wallet(uma), await prepareCancel(wallet(uma), node, ref));
    await mine();
    await expect(liveUnderwriting(node, ref, "offer")).rejects.toBeInstanceOf(StakeNotLive);
  });

  it("lets a backed member leave only with its stake, which goes back whole to the underwriter", async () => {
    const b = await accountOf(bob);
    const offerId = await offer(uma, { accountId: b.accountId, raiseUnits: 1_000n, stakeNanoErg: 5n * ERG, premiumUnits: 0n, premiumAccountId: undefined });
    await signAndSubmit(wallet(bob), (await prepareAccept(wallet(bob), node, communityId, { stakeId: offerId, boxId: offerId })).unsigned);
    await mine();
    await pay(bob, alice, 9_100n);
    await expect(prepareLeave(wallet(bob), node, communityId, b.accountId)).rejects.toThrow(/is underwritten: its stake .* must settle with it/);
    const { unsigned } = await prepareLeave(wallet(bob), node, communityId, b.accountId, {}, [offerId]);
    // The underwriter's output names the stake box it settles (R4).
    const stakeBoxId = (await node.unspentByTokenId(offerId))[0]!.boxId;
    const toUnderwriter = predict(unsigned).outputs.filter((o) => o.additionalRegisters.R4?.endsWith(stakeBoxId));
    expect(toUnderwriter.map((o) => o.value)).toEqual([(5n * ERG).toString()]);
    await signAndSubmit(wallet(bob), unsigned);
    await mine();
    expect(await node.unspentByTokenId(offerId)).toEqual([]);
    expect(await accountOf(bob)).toBeUndefined();
  });
});
