/**
 * Topping up and setting a profile from the web wallet, on a real devnet (in this process, blocks
 * on demand), signed by the development wallet's EIP-12 context and validated by the node: ERG
 * added from the wallet, a profile paid from the account's fee reserve, a profile paid by the
 * wallet once that reserve is spent, and the refusals made before the wallet is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount, type Account } from "$contracts/account/account.ts";
import { DEFAULT_FEE, ownerFromAddress } from "$contracts/builders/common.ts";
import { join } from "$contracts/builders/join.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { FeeReserveSpent, InsufficientFunds, InvalidIntent } from "$contracts/errors.ts";
import { readNotes } from "$contracts/notes.ts";
import { MIN_BOX_VALUE } from "$contracts/scripts.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import type { NodeInput } from "$ergo/types.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { liveCommunity, prepareCreate, prepareJoin, preparePaymentFor, signAndSubmit } from "./actions.ts";
import { createDevContext } from "./dev/context.ts";
import { feeSource, prepareTopUp } from "./top-up.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;
let communityId: string;
const COLLATERAL = 1_000_000_000n;

/** A development wallet whose member approves every signature, counting the requests. */
function devWallet(index: number) {
  const { address, secretKey } = devAccount(index);
  const asked: EIP12UnsignedTransaction[] = [];
  const context = createDevContext({
    account: { index, address, secretKey },
    node,
    loadErgoLib: async () => ergoLib as never,
    confirm: async (tx) => {
      asked.push(tx);
      return true;
    },
  });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), asked, address };
}

const mine = () => node.request("POST", "/devnet/mine", { blocks: 1 });
const ergAt = async (address: string) => (await node.unspentByAddress(address)).reduce((sum, b) => sum + BigInt(b.value), 0n);
async function accountOf(address: string): Promise<Account> {
  const owner = ownerFromAddress(address);
  const found = (await node.unspentByTokenId(communityId)).map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value] : []));
  if (!found[0]) throw new Error(`${address} has no account`);
  return found[0];
}

let alice: ReturnType<typeof devWallet>;
let bob: ReturnType<typeof devWallet>;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  await mine();
  const committee = devWallet(0);
  const created = await prepareCreate(committee.wallet, {
    policy: testPolicy({ creditLimit: 50_000n, positiveCap: 0n, joinFeeNanoErg: 100_000_000n, collateralNanoErg: COLLATERAL, inactivityBlocks: 0n }),
    metadata: { name: "Top-up Tokens", symbol: "TUT", description: "web top-up spec", decimals: 2 },
    committee: committeeFromKeys([devAccount(0).publicKey], 1),
  });
  await signAndSubmit(committee.wallet, created.unsigned);
  communityId = created.communityId;
  await mine();
  [alice, bob] = [devWallet(1), devWallet(2)];
  for (const member of [alice, bob]) await signAndSubmit(member.wallet, (await prepareJoin(member.wallet, node, communityId)).unsigned);
  await mine();
}, 120_000);
afterAll(async () => devnet?.close());

describe("feeSource", () => {
  const floor = COLLATERAL + MIN_BOX_VALUE;
  it("takes ERG added from the wallet, with its fee", () => {
    expect(feeSource(floor + 10n * DEFAULT_FEE, COLLATERAL, { addNanoErg: 1n })).toBe("wallet");
  });
  it("pays a profile change from the reserve while it holds one fee, then from the wallet", () => {
    expect(feeSource(floor + DEFAULT_FEE, COLLATERAL, { profile: { name: "A" } })).toBe("account");
    expect(feeSource(floor + DEFAULT_FEE - 1n, COLLATERAL, { profile: { name: "A" } })).toBe("wallet");
  });
});

describe("a member's own account from the web wallet", () => {
  it("adds ERG from the wallet to the account's reserve: the balance stays, the wallet pays the ERG and the fee", async () => {
    const before = await accountOf(alice.address);
    const walletBefore = await ergAt(alice.address);
    const prepared = await prepareTopUp(alice.wallet, node, communityId, before.accountId, { addNanoErg: 50_000_000n }, { boxId: before.boxId });
    expect(prepared.feeFrom).toBe("wallet");
    await signAndSubmit(alice.wallet, prepared.unsigned);
    await mine();
    const after = await accountOf(alice.address);
    expect(after.boxId).toBe(prepared.successorBoxId);
    expect([after.accountId, after.balance]).toEqual([before.accountId, before.balance]);
    expect(after.valueNanoErg).toBe(before.valueNanoErg + 50_000_000n);
    expect(await ergAt(alice.address)).toBe(walletBefore - 50_000_000n - DEFAULT_FEE);
  });

  it("sets a profile with the fee from the account's reserve, in the owner's signed input", async () => {
    const before = await accountOf(alice.address);
    const walletBefore = await ergAt(alice.address);
    const profile = { name: "Aroha", about: "bread and firewood", link: "https://example.org/aroha" };
    const prepared = await prepareTopUp(alice.wallet, node, communityId, before.accountId, { profile });
    expect(prepared.feeFrom).toBe("account");
    expect(prepared.unsigned.inputs.map((i) => i.boxId)).toEqual([before.boxId]);
    const txId = await signAndSubmit(alice.wallet, prepared.unsigned);
    await mine();
    // The node keeps each signed input's extension beside its proof.
    const mined = await node.transaction(txId, await node.height());
    expect(mined?.status).toBe("confirmed");
    const input = mined!.tx.inputs[0] as NodeInput;
    expect(readNotes(input.spendingProof.extension)).toEqual({ profile, problems: [] });
    expect((await accountOf(alice.address)).valueNanoErg).toBe(before.valueNanoErg - DEFAULT_FEE);
    expect(await ergAt(alice.address)).toBe(walletBefore);
  });

  it("refuses before the wallet is asked: someone else's account, a bad profile, more ERG than the wallet holds", async () => {
    const aliceAccount = await accountOf(alice.address);
    const asked = bob.asked.length;
    const notMine = await prepareTopUp(bob.wallet, node, communityId, aliceAccount.accountId, { addNanoErg: 1n }).catch((e: unknown) => e);
    expect(notMine).toBeInstanceOf(InvalidIntent);
    expect((notMine as Error).message).toMatch(/not owned by this wallet/);
    const bobAccount = await accountOf(bob.address);
    const badLink = await prepareTopUp(bob.wallet, node, communityId, bobAccount.accountId, { profile: { name: "Bob", link: "javascript:alert(1)" } }).catch((e: unknown) => e);
    expect(badLink).toBeInstanceOf(InvalidIntent);
    expect((badLink as Error).message).toMatch(/^link must be a web address/);
    const tooMuch = await prepareTopUp(bob.wallet, node, communityId, bobAccount.accountId, { addNanoErg: await ergAt(bob.address) }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(InsufficientFunds);
    expect(tooMuch).not.toBeInstanceOf(FeeReserveSpent);
    expect(bob.asked.length).toBe(asked);
  });

  it("lets a member whose reserve is spent set a profile (the wallet pays) and pay again once topped up", async () => {
    const carol = devWallet(3);
    // Joined with no fee reserve at all, as after ten payments.
    const community = (await liveCommunity(node, communityId)).box;
    await signAndSubmit(carol.wallet, join({ community, owner: ownerFromAddress(carol.address), feeReserveNanoErg: 0n }, await carol.wallet.buildContext()));
    await mine();
    const account = await accountOf(carol.address);
    expect(account.valueNanoErg).toBe(COLLATERAL + MIN_BOX_VALUE);
    const payment = { communityId, payerAccountId: account.accountId, payeeAccountId: (await accountOf(bob.address)).accountId, amountUnits: 100n };
    await expect(preparePaymentFor(carol.wallet, node, payment)).rejects.toBeInstanceOf(FeeReserveSpent);

    const profile = await prepareTopUp(carol.wallet, node, communityId, account.accountId, { profile: { name: "Carol" } });
    expect(profile.feeFrom).toBe("wallet");
    await signAndSubmit(carol.wallet, profile.unsigned);
    await mine();
    expect((await accountOf(carol.address)).valueNanoErg).toBe(COLLATERAL + MIN_BOX_VALUE);

    await signAndSubmit(carol.wallet, (await prepareTopUp(carol.wallet, node, communityId, account.accountId, { addNanoErg: 3n * DEFAULT_FEE })).unsigned);
    await mine();
    await signAndSubmit(carol.wallet, (await preparePaymentFor(carol.wallet, node, payment)).unsigned);
    await mine();
    const paid = await accountOf(carol.address);
    expect([paid.balance, paid.valueNanoErg]).toEqual([-100n, COLLATERAL + MIN_BOX_VALUE + 2n * DEFAULT_FEE]);
  });
});
