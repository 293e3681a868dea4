/**
 * The wallet side end to end on a real devnet (in this process, blocks on demand): the
 * development wallet's EIP-12 context signs with ergo-lib (the Node.js build here; the browser
 * loads ergo-lib-wasm-browser, which has the same classes) and submits to the node, which
 * validates every script and proof. Create, join twice, pay, refuse over the limit before the
 * wallet is asked, decline a signature, a node refusal, leave.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { readNotes } from "$contracts/notes.ts";
import { BalanceNotZero, CreditLimitExceeded, InvalidIntent, PositiveCapExceeded } from "$contracts/errors.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { liveAccount, liveCommunity, prepareCreate, prepareJoin, prepareLeave, preparePaymentFor, signAndSubmit } from "./actions.ts";
import { createDevContext, type DevAccountKey, type DevErgoLib } from "./dev/context.ts";
import { WalletError } from "./errors.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;

/** A development wallet whose member approves or declines as the test says, counting requests. */
function devWallet(index: number) {
  const { address, secretKey } = devAccount(index);
  const account: DevAccountKey = { index, address, secretKey };
  const state = { approve: true, asked: [] as EIP12UnsignedTransaction[] };
  const context = createDevContext({
    account,
    node,
    loadErgoLib: async () => ergoLib as unknown as DevErgoLib,
    confirm: async (tx) => {
      state.asked.push(tx);
      return state.approve;
    },
  });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), state, address };
}

const mine = async () => {
  await fetch(`${devnet.url}/devnet/mine`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
};

let committee: ReturnType<typeof devWallet>;
let alice: ReturnType<typeof devWallet>;
let bob: ReturnType<typeof devWallet>;
let communityId: string;

const accountOf = async (address: string) => {
  const boxes = await node.unspentByTokenId(communityId);
  const owner = ownerFromAddress(address);
  return boxes.map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value] : []))[0]!;
};

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  [committee, alice, bob] = [devWallet(0), devWallet(1), devWallet(2)];
  await mine();
});
afterAll(async () => devnet?.close());

describe("the development wallet on a devnet", () => {
  it("creates a community with the committee's key and the node accepts it", async () => {
    const { unsigned, communityId: id } = await prepareCreate(committee.wallet, {
      policy: testPolicy({ creditLimit: 50_000n, positiveCap: 60_000n, joinFeeNanoErg: 100_000_000n, collateralNanoErg: 1_000_000_000n, inactivityBlocks: 0n }),
      metadata: { name: "Kaikoura Dollars", symbol: "KCD", description: "wallet spec", decimals: 2 },
      committee: committeeFromKeys([devAccount(0).publicKey], 1),
    });
    const txId = await signAndSubmit(committee.wallet, unsigned);
    expect(txId).toMatch(/^[0-9a-f]{64}$/);
    communityId = id;
    await mine();
    const community = await liveCommunity(node, communityId);
    expect(community.metadata.symbol).toBe("KCD");
    expect(community.membersJoined).toBe(0n);
  });

  it("joins two members, each signing its own join", async () => {
    for (const member of [alice, bob]) {
      const { unsigned } = await prepareJoin(member.wallet, node, communityId);
      await signAndSubmit(member.wallet, unsigned);
      await mine();
    }
    expect((await liveCommunity(node, communityId)).membersJoined).toBe(2n);
    expect((await accountOf(alice.address)).balance).toBe(0n);
  });

  it("pays from one member to the other and both balances move", async () => {
    const [payer, payee] = [await accountOf(alice.address), await accountOf(bob.address)];
    const prepared = await preparePaymentFor(alice.wallet, node, {
      communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 12_050n, payerHint: { boxId: payer.boxId },
    });
    expect(prepared.payerBalanceAfter).toBe(-12_050n);
    expect(prepared.payeeBalanceAfter).toBe(12_050n);
    await signAndSubmit(alice.wallet, prepared.unsigned);
    // Before the block: the mempool already shows the new boxes (the hint is stale and skipped).
    expect((await liveAccount(node, communityId, payer.accountId, { boxId: payer.boxId })).balance).toBe(-12_050n);
    await mine();
    expect((await accountOf(bob.address)).balance).toBe(12_050n);
  });

  it("refuses a payment one unit past the credit limit before the wallet is asked; exactly at the floor passes", async () => {
    const [payer, payee] = [await accountOf(alice.address), await accountOf(bob.address)];
    const asked = alice.state.asked.length;
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId };
    const overLimit = await preparePaymentFor(alice.wallet, node, { ...intent, amountUnits: 37_951n }).catch((e: unknown) => e);
    expect(overLimit).toBeInstanceOf(CreditLimitExceeded);
    expect((overLimit as CreditLimitExceeded).attempted).toBe(-50_001n);
    const atFloor = await preparePaymentFor(alice.wallet, node, { ...intent, amountUnits: 37_950n });
    expect(atFloor.payerBalanceAfter).toBe(-50_000n);
    expect(alice.state.asked.length).toBe(asked);
  });

  it("refuses to prepare a payment from an account the wallet does not own", async () => {
    const [payer, payee] = [await accountOf(alice.address), await accountOf(bob.address)];
    const notMine = await preparePaymentFor(bob.wallet, node, { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 1n })
      .catch((e: unknown) => e);
    expect(notMine).toBeInstanceOf(InvalidIntent);
    expect((notMine as Error).message).toMatch(/not owned by this wallet/);
  });

  it("refuses a payment one unit past the payee's positive cap; exactly at the cap passes", async () => {
    const payee = await accountOf(bob.address);
    const carol = devWallet(3);
    const { unsigned } = await prepareJoin(carol.wallet, node, communityId);
    await signAndSubmit(carol.wallet, unsigned);
    await mine();
    const payer = await accountOf(carol.address);
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId };
    const capped = await preparePaymentFor(carol.wallet, node, { ...intent, amountUnits: 47_951n }).catch((e: unknown) => e);
    expect(capped).toBeInstanceOf(PositiveCapExceeded);
    expect((capped as PositiveCapExceeded).attempted).toBe(60_001n);
    expect((await preparePaymentFor(carol.wallet, node, { ...intent, amountUnits: 47_950n })).payeeBalanceAfter).toBe(60_000n);
    expect(carol.state.asked).toEqual([expect.anything()]);
  });

  it("reports a declined signature as declined, and nothing reaches the node", async () => {
    const [payer, payee] = [await accountOf(alice.address), await accountOf(bob.address)];
    const prepared = await preparePaymentFor(alice.wallet, node, { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 1n });
    alice.state.approve = false;
    const declined = await signAndSubmit(alice.wallet, prepared.unsigned).catch((e: unknown) => e);
    alice.state.approve = true;
    expect(declined).toBeInstanceOf(WalletError);
    expect((declined as WalletError).kind).toBe("declined");
    expect((declined as WalletError).message).toBe("You declined in the wallet, so nothing was signed or sent.");
    expect((await accountOf(alice.address)).boxId).toBe(payer.boxId);
  });

  it("reports the node's refusal of a transaction it signed (a double spend) as submit-refused", async () => {
    const [payer, payee] = [await accountOf(alice.address), await accountOf(bob.address)];
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, payerHint: { boxId: payer.boxId } };
    const first = await preparePaymentFor(alice.wallet, node, { ...intent, amountUnits: 1n });
    const second = await preparePaymentFor(alice.wallet, node, { ...intent, amountUnits: 2n });
    await signAndSubmit(alice.wallet, first.unsigned);
    const refused = await signAndSubmit(alice.wallet, second.unsigned).catch((e: unknown) => e);
    expect((refused as WalletError).kind).toBe("submit-refused");
    expect((refused as WalletError).message).toMatch(/^The node refused the transaction \(.*spen/i);
    await mine();
  });

  it("leaves only at balance 0 and takes the collateral back", async () => {
    const bobAccount = await accountOf(bob.address);
    const refused = await prepareLeave(bob.wallet, node, communityId, bobAccount.accountId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BalanceNotZero);
    const carol = devWallet(4);
    const { unsigned } = await prepareJoin(carol.wallet, node, communityId);
    await signAndSubmit(carol.wallet, unsigned);
    await mine();
    const fresh = await accountOf(carol.address);
    const before = (await node.unspentByAddress(carol.address)).reduce((s, b) => s + BigInt(b.value), 0n);
    const leaving = await prepareLeave(carol.wallet, node, communityId, fresh.accountId);
    await signAndSubmit(carol.wallet, leaving.unsigned);
    await mine();
    const after = (await node.unspentByAddress(carol.address)).reduce((s, b) => s + BigInt(b.value), 0n);
    expect(after - before).toBeGreaterThan(1_000_000_000n);
    await expect(liveAccount(node, communityId, fresh.accountId)).rejects.toThrow(/no live account/);
  });

  it("writes a payment's memo and request id into the payer's input, and the node accepts the signed transaction", async () => {
    const [payer, payee] = [await accountOf(bob.address), await accountOf(alice.address)];
    const requestId = "00112233445566778899aabbccddeeff";
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 1n };
    const prepared = await preparePaymentFor(bob.wallet, node, { ...intent, memo: " 2 loaves ", requestId });
    const txId = await signAndSubmit(bob.wallet, prepared.unsigned);
    // The node keeps a signed input's extension beside its proof.
    type SignedInput = { boxId: string; spendingProof: { extension: Record<string, string> } };
    const sent = await node.request<{ inputs: SignedInput[] }>("GET", `/transactions/unconfirmed/byTransactionId/${txId}`);
    const notesOf = (boxId: string) => readNotes(sent.inputs.find((i) => i.boxId === boxId)?.spendingProof.extension);
    expect(notesOf(prepared.payer.boxId)).toEqual({ memo: "2 loaves", requestId, problems: [] });
    expect(notesOf(prepared.payee.boxId)).toEqual({ problems: [] });
    // A memo over 140 characters is refused before the wallet is asked.
    const asked = bob.state.asked.length;
    await expect(preparePaymentFor(bob.wallet, node, { ...intent, memo: "x".repeat(141) })).rejects.toThrow("memo is 141 characters long; at most 140");
    expect(bob.state.asked.length).toBe(asked);
    await mine();
  });
});
