/**
 * End to end over HTTP: a devnet in this process, and a client that only speaks the node's REST
 * API (`lets-over-http.ts`), as the CLI and the web wallet do. Create a community, join three
 * members, pay, pay two at once, pay back, leave; refuse an invalid payment without a trace; show
 * a fork of 3 blocks the way a node shows it; and `--instant` mining.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { Transaction, UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import { genesisFloorNanoErg, pay, type Account, type CommunityMetadata } from "../../contracts/index.ts";
import { longConstant } from "../../contracts/registers.ts";
import { TEST_POLICY } from "../../contracts/testing/policy.ts";
import { accountOut, edit } from "../../contracts/testing/tx-edit.ts";
import { devAccount } from "../../ergo/keys.ts";
import { stringifyJson } from "../../ergo/json.ts";
import { signWithSecrets } from "../../ergo/signer.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import type { NodeHeader, NodeTransaction } from "../../ergo/types.ts";
import { NodeClient, NodeRequestError } from "../../ergo/node-client.ts";
import { LetsOverHttp, ownerOf, type CommunityView, type KeyHolder } from "../../client/lets-over-http.ts";

const POLICY = TEST_POLICY;
const METADATA: CommunityMetadata = { name: "Devnet Dollars", symbol: "DVD", description: "end-to-end test", decimals: 2 };

const founder = devAccount(0);
const alice = devAccount(1);
const bob = devAccount(2);
const carol = devAccount(3);

interface NodeInfo {
  fullHeight: number;
  bestFullHeaderId: string | null;
  unconfirmedCount: number;
}

/** A node client plus the devnet-only mining route. */
class Http {
  readonly node: NodeClient;
  constructor(url: string) {
    this.node = new NodeClient(url);
  }
  get<T>(path: string): Promise<T> {
    return this.node.request<T>("GET", path);
  }
  info(): Promise<NodeInfo> {
    return this.get<NodeInfo>("/info");
  }
  mempool(): Promise<string[]> {
    return this.get<string[]>("/transactions/unconfirmed/transactionIds");
  }
  async mine(blocks = 1): Promise<string[]> {
    return (await this.node.request<{ blocks: string[] }>("POST", "/devnet/mine", { blocks })).blocks;
  }
  async blockTransactionIds(headerId: string): Promise<string[]> {
    const body = await this.get<{ transactions: NodeTransaction[] }>(`/blocks/${headerId}/transactions`);
    return body.transactions.map((t) => t.id);
  }
}

/** Balances by owner, and the community's own figures, as read back over HTTP. */
function ledgerOf(view: CommunityView): { balances: Map<string, bigint>; communityBalance: bigint; sum: bigint } {
  const balances = new Map<string, bigint>();
  for (const account of view.accounts) balances.set(account.owner, account.balance);
  const sum = view.accounts.reduce((s, a) => s + a.balance, 0n) + view.community.communityBalance;
  return { balances, communityBalance: view.community.communityBalance, sum };
}

const accountOfOwner = (view: CommunityView, holder: KeyHolder): Account => {
  const account = view.accounts.find((a) => a.owner === ownerOf(holder));
  if (!account) throw new Error(`no account for ${holder.address}`);
  return account;
};

describe("the LETS end to end over the devnet's HTTP API", () => {
  let devnet: Devnet;
  let http: Http;
  let lets: LetsOverHttp;
  let communityId = "";
  /** Transaction ids of the three blocks a fork will replace. */
  const lastThreeBlocksTxs: string[] = [];

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    http = new Http(devnet.url);
    lets = new LetsOverHttp(http.node);
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("serves /blocks/lastHeaders oldest first, as the node does; the client signs with them newest first", async () => {
    await http.mine(3);
    const raw = await http.get<NodeHeader[]>("/blocks/lastHeaders/10");
    expect(raw.map((h) => h.height)).toEqual([1, 2, 3]);
    for (let i = 1; i < raw.length; i++) expect(raw[i]!.parentId).toBe(raw[i - 1]!.id);
    const newestFirst = (await http.node.lastHeaders(10)) as unknown as NodeHeader[];
    expect(newestFirst.map((h) => h.height)).toEqual([3, 2, 1]);
    const tip = await lets.tip();
    expect(tip.height).toBe(3);
    expect(tip.context.height).toBe(4);
    tip.context.free();
  });

  it("creates a community, joins three members, pays, pays two at once, pays back and leaves; sum of balances is 0", async () => {
    const created = await lets.createCommunity(founder, POLICY, METADATA);
    communityId = created.communityId;
    expect(await http.mempool()).toEqual([created.id]);
    await http.mine();

    // Three joins chained in the mempool: each spends the community box the previous one made.
    const joins = [];
    for (const member of [alice, bob, carol]) joins.push((await lets.join(communityId, member)).id);
    expect(await http.mempool()).toEqual(joins);
    const [joinBlock] = await http.mine();
    expect(await http.blockTransactionIds(joinBlock!)).toEqual(joins);

    let view = await lets.community(communityId);
    expect(view.community.membersJoined).toBe(3n);
    expect(view.community.seatsLeft).toBe(POLICY.maxMembers - 3n);
    // The genesis treasury is the storage-rent floor of the community box (contracts/storage-rent.ts).
    const floor = genesisFloorNanoErg({ policy: POLICY, metadata: METADATA, committee: view.community.committee });
    expect(view.community.treasuryNanoErg).toBe(floor + 3n * POLICY.joinFeeNanoErg);
    expect(view.accounts.map((a) => a.balance)).toEqual([0n, 0n, 0n]);
    const aliceValueBefore = accountOfOwner(view, alice).valueNanoErg;

    // Alice pays Bob 30; the fee comes from her account's ERG.
    const first = await lets.pay(communityId, alice, [{ member: bob, amountUnits: 30n }]);
    expect(first.unsigned.inputs).toHaveLength(2);
    await http.mine();
    view = await lets.community(communityId);
    expect(accountOfOwner(view, alice).balance).toBe(-30n);
    expect(accountOfOwner(view, bob).balance).toBe(30n);
    const fee = BigInt(first.unsigned.outputs.at(-1)!.value);
    expect(accountOfOwner(view, alice).valueNanoErg).toBe(aliceValueBefore - fee);

    // The next three blocks each hold one transaction: a fork of 3 will replace them.
    const blocks: string[] = [];
    const twoPayees = await lets.pay(communityId, bob, [
      { member: alice, amountUnits: 10n },
      { member: carol, amountUnits: 15n },
    ]);
    blocks.push(...(await http.mine()));
    const payBack = await lets.pay(communityId, carol, [{ member: alice, amountUnits: 15n }]);
    blocks.push(...(await http.mine()));
    view = await lets.community(communityId);
    expect(accountOfOwner(view, carol).balance).toBe(0n);
    const carolWalletBefore = (await lets.wallet(carol)).utxos.reduce((s, b) => s + BigInt(b.value), 0n);
    const carolAccountValue = accountOfOwner(view, carol).valueNanoErg;
    const left = await lets.leave(communityId, carol);
    blocks.push(...(await http.mine()));
    for (const [i, block] of blocks.entries()) {
      expect(await http.blockTransactionIds(block)).toEqual([[twoPayees, payBack, left][i]!.id]);
    }
    lastThreeBlocksTxs.push(twoPayees.id, payBack.id, left.id);

    view = await lets.community(communityId);
    const ledger = ledgerOf(view);
    expect(ledger.balances).toEqual(new Map([[ownerOf(alice), -5n], [ownerOf(bob), 5n]]));
    expect(ledger.communityBalance).toBe(0n);
    expect(ledger.sum).toBe(0n);
    expect(view.community.membersJoined).toBe(3n);
    expect(view.community.seatsLeft).toBe(POLICY.maxMembers - 2n);
    // Carol's account ERG (collateral and what is left of her fee reserve) went back to her wallet.
    const carolWalletAfter = (await lets.wallet(carol)).utxos.reduce((s, b) => s + BigInt(b.value), 0n);
    expect(carolWalletAfter).toBe(carolWalletBefore + carolAccountValue - fee);
    expect(await http.mempool()).toEqual([]);
  });

  it("refuses an invalid payment with the node's 400 body and leaves the UTXO set and the mempool unchanged", async () => {
    const view = await lets.community(communityId);
    const payer = accountOfOwner(view, alice);
    const payee = accountOfOwner(view, bob);
    const tip = await lets.tip();
    try {
      // A valid payment of 1 unit, signed; then the same payment moved one unit past Alice's
      // credit floor (balances still sum up, only the floor is broken).
      const valid = pay({ payer: payer.box, payees: [{ account: payee.box, amountUnits: 1n }] }, { height: tip.height });
      const validSigned = signWithSecrets(valid, [alice.secretKey], tip.context);
      const pastFloor = -POLICY.creditLimit - 1n;
      const invalid: EIP12UnsignedTransaction = edit(valid, (draft) => {
        accountOut(draft, payer.accountId).additionalRegisters.R5 = longConstant(pastFloor);
        accountOut(draft, payee.accountId).additionalRegisters.R5 = longConstant(payee.balance + (payer.balance - pastFloor));
      });
      // ergo-lib will not sign it: the payer's script reduces to false.
      expect(() => signWithSecrets(invalid, [alice.secretKey], tip.context)).toThrow();
      // So the payment carries the valid transaction's proofs, which do not verify for it.
      const proofs = validSigned.inputs.map((i) => hex.decode(i.spendingProof?.proofBytes ?? ""));
      const unsigned = UnsignedTransaction.from_json(stringifyJson(invalid));
      const forged = Transaction.from_unsigned_tx(unsigned, proofs);
      const forgedJson: unknown = forged.to_js_eip12();
      forged.free(); // from_unsigned_tx took ownership of `unsigned`

      const tokenBoxesBefore = (await http.node.unspentByTokenId(communityId)).map((b) => b.boxId).sort();
      const mempoolBefore = await http.mempool();
      const heightBefore = (await http.info()).fullHeight;

      const response = await fetch(new URL("/transactions", devnet.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stringifyJson(forgedJson),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: number; reason: string; detail: string };
      expect(body).toEqual({ error: 400, reason: "bad.request", detail: expect.stringMatching(/^Transaction validation failed: /) });
      await expect(lets.node.submit(forgedJson)).rejects.toSatisfy((e) => e instanceof NodeRequestError && e.status === 400);

      for (const box of [payer, payee]) {
        const confirmed = await http.get<{ boxId: string }>(`/utxo/byId/${box.boxId}`);
        expect(confirmed.boxId).toBe(box.boxId);
        expect((await http.node.boxWithPool(box.boxId))?.boxId).toBe(box.boxId);
      }
      expect(await http.mempool()).toEqual(mempoolBefore);
      expect((await http.node.unspentByTokenId(communityId)).map((b) => b.boxId).sort()).toEqual(tokenBoxesBefore);
      expect((await http.info()).fullHeight).toBe(heightBefore);

      // The valid twin is accepted: the refusal was about the edit, not about the boxes.
      expect(await http.node.request("POST", "/transactions/check", validSigned)).toBe(validSigned.id);
    } finally {
      tip.context.free();
    }
  });

  it("shows a fork of 3 blocks through /info and /blocks/at as a node does, and the LETS state survives it", async () => {
    const before = await http.info();
    const h = before.fullHeight;
    const oldTip = before.bestFullHeaderId!;
    const oldIds = new Map<number, string>();
    for (let height = h - 3; height <= h; height++) {
      const ids = await http.get<string[]>(`/blocks/at/${height}`);
      expect(ids).toHaveLength(1);
      oldIds.set(height, ids[0]!);
    }
    const stateBefore = await lets.community(communityId);
    const boxIdsBefore = (await http.node.unspentByTokenId(communityId)).map((b) => b.boxId).sort();

    const forked = await http.node.request<{ height: number; blocks: string[] }>("POST", "/devnet/fork", { blocks: 3 });
    expect(forked.height).toBe(h + 1);
    expect(forked.blocks).toHaveLength(4);

    const after = await http.info();
    expect(after.fullHeight).toBe(h + 1);
    expect(after.bestFullHeaderId).not.toBe(oldTip);
    expect(after.bestFullHeaderId).toBe(forked.blocks.at(-1));

    // Walk the new best chain back from its tip by parent links.
    const newIds = new Map<number, string>();
    let id = after.bestFullHeaderId!;
    for (let height = h + 1; height >= h - 2; height--) {
      const header = await http.get<NodeHeader>(`/blocks/${id}/header`);
      expect(header.height).toBe(height);
      newIds.set(height, id);
      id = header.parentId;
    }
    expect(id).toBe(oldIds.get(h - 3));
    expect(await http.get<string[]>(`/blocks/at/${h + 1}`)).toEqual([newIds.get(h + 1)]);
    for (let height = h - 2; height <= h; height++) {
      expect(await http.get<string[]>(`/blocks/at/${height}`)).toEqual([newIds.get(height), oldIds.get(height)]);
    }
    expect(await http.get<string[]>(`/blocks/at/${h - 3}`)).toEqual([oldIds.get(h - 3)]);
    const lastHeaders = await http.get<NodeHeader[]>("/blocks/lastHeaders/4");
    expect(lastHeaders.map((x) => x.id)).toEqual([h - 2, h - 1, h, h + 1].map((x) => newIds.get(x)));

    // The old tip is still served, as the node serves orphaned blocks it has.
    const orphan = await http.get<{ header: NodeHeader }>(`/blocks/${oldTip}`);
    expect(orphan.header.id).toBe(oldTip);
    expect(orphan.header.height).toBe(h);

    // The forked-out transactions were included again, and nothing is left in the mempool.
    const included: string[] = [];
    for (let height = h - 2; height <= h + 1; height++) included.push(...(await http.blockTransactionIds(newIds.get(height)!)));
    expect(included).toEqual(lastThreeBlocksTxs);
    expect(await http.mempool()).toEqual([]);

    const stateAfter = await lets.community(communityId);
    expect(ledgerOf(stateAfter)).toEqual(ledgerOf(stateBefore));
    expect(stateAfter.community.membersJoined).toBe(stateBefore.community.membersJoined);
    expect(stateAfter.community.seatsLeft).toBe(stateBefore.community.seatsLeft);
    expect((await http.node.unspentByTokenId(communityId)).map((b) => b.boxId).sort()).toEqual(boxIdsBefore);
  });
});

describe("--instant mining over HTTP", () => {
  let devnet: Devnet;
  let http: Http;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0, instant: true });
    http = new Http(devnet.url);
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("puts an accepted payment into a block at once: height + 1, mempool empty", async () => {
    const lets = new LetsOverHttp(http.node);
    const { communityId } = await lets.createCommunity(founder, POLICY, METADATA);
    await lets.join(communityId, alice);
    await lets.join(communityId, bob);
    expect((await http.info()).fullHeight).toBe(3);

    const before = await http.info();
    const payment = await lets.pay(communityId, alice, [{ member: bob, amountUnits: 7n }]);
    const after = await http.info();
    expect(after.fullHeight).toBe(before.fullHeight + 1);
    expect(after.unconfirmedCount).toBe(0);
    expect(await http.mempool()).toEqual([]);
    expect(await http.blockTransactionIds(after.bestFullHeaderId!)).toEqual([payment.id]);
    const view = await lets.community(communityId);
    expect(accountOfOwner(view, alice).balance).toBe(-7n);
    expect(accountOfOwner(view, bob).balance).toBe(7n);
    expect(ledgerOf(view).sum).toBe(0n);
  });
});
