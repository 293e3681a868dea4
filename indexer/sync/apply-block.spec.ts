import { readFileSync } from "node:fs";
import type { SignedTransaction } from "@fleet-sdk/common";
import { mockUTxO } from "@fleet-sdk/mock-chain";
import { describe, expect, it } from "vitest";
import { pay } from "../../contracts/builders/pay.ts";
import { leave } from "../../contracts/builders/leave.ts";
import { closeDefaulted } from "../../contracts/builders/close-defaulted.ts";
import { govern } from "../../contracts/builders/govern.ts";
import { accountRegisters } from "../../contracts/account/account.ts";
import { ACCOUNT_ERGO_TREE } from "../../contracts/scripts.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import { parseJson } from "../../ergo/json.ts";
import { applyBlock, type ChainBlock } from "./apply-block.ts";
import { MemoryLetsState } from "./memory-state.ts";

const fixture = (name: string) => parseJson(readFileSync(new URL(`../../test/fixtures/ergo-node/${name}`, import.meta.url), "utf8")) as {
  header: ChainBlock["header"];
  blockTransactions: { transactions: ChainBlock["transactions"] };
};

describe("applyBlock on real mainnet blocks", () => {
  it("finds nothing LETS in them, keeps big numbers exact, and does not throw", () => {
    for (const name of ["mainnet-block-693479-full.json", "mainnet-block-1-genesis-full.json"]) {
      const block = fixture(name);
      const changes = applyBlock({ header: block.header, transactions: block.blockTransactions.transactions }, new MemoryLetsState());
      expect(changes).toEqual({
        events: [], spent: [], communities: [], accounts: [], ignored: [], compromises: [], profiles: [], refusedNotes: [], lines: [], gateways: [], lineEvents: [], crossPayments: [], economics: [], batchBoxes: [], market: [],
        desks: [], deskActivities: [], oracleBoxes: [], escrows: [], escrowActivities: [], underwritings: [], underwritingActivities: [],
      });
    }
    const amounts = fixture("mainnet-block-693479-full.json").blockTransactions.transactions.flatMap((t) => t.outputs.flatMap((o) => o.assets ?? []));
    expect(amounts.some((a) => a.amount === 9223371996546264297n)).toBe(true);
  });
});

describe("applyBlock on LETS blocks made by the builders", () => {
  const f = new Fixture({ members: [] });
  const w = f.world;
  const state = new MemoryLetsState();
  const blocks: SignedTransaction[] = [];
  const record = (signed: SignedTransaction) => {
    blocks.push(signed);
    const block: ChainBlock = {
      header: { id: `block-${blocks.length}`, height: w.height, timestamp: 1_700_000_000_000 + blocks.length },
      transactions: [signed as unknown as ChainBlock["transactions"][number]],
    };
    const changes = applyBlock(block, state);
    state.apply(changes);
    return changes;
  };

  it("sees every path as what it means, and keeps sum(balances) + communityBalance = 0", () => {
    // The fixture created the community before recording started: replay its transaction.
    const genesis = w.submitted[0]!;
    const created = record(genesis);
    expect(created.events.map((e) => e.kind)).toEqual(["create"]);

    for (const name of ["alice", "bob", "carol"]) {
      f.join(w.member(name));
      expect(record(w.submitted.at(-1)!).events.map((e) => e.kind)).toEqual(["join"]);
    }
    const payment = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 30n }, { account: f.account("carol").box, amountUnits: 5n }] }, { height: w.height });
    const paid = record(w.submit(payment, [f.member("alice")]).signed);
    expect(paid.events).toMatchObject([{ kind: "payment", payer: f.account("alice").accountId, payees: [{ amount: 5n }, { amount: 30n }] }]);

    const back = pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height });
    record(w.submit(back, [f.member("carol")]).signed);
    const left = record(w.submit(leave({ community: f.communityBox(), account: f.account("carol").box }, { height: w.height, wallet: w.wallet(f.member("carol")) }), [f.member("carol")]).signed);
    expect(left.events.map((e) => e.kind)).toEqual(["leave"]);

    w.mine(60);
    const outsider = w.member("outsider");
    const closed = record(w.submit(closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box] }, { height: w.height, wallet: w.wallet(outsider) }), [outsider]).signed);
    expect(closed.events).toMatchObject([{ kind: "default", debt: 35n }]);
    const governed = record(w.submit(govern({ community: f.communityBox(), policy: { creditLimit: 7n } }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]).signed);
    expect(governed.events).toMatchObject([{ kind: "govern", community: { policy: { creditLimit: 7n } } }]);

    const community = [...state.communities.values()][0]!;
    const balances = [...state.accounts.values()].reduce((s, a) => s + a.balance, 0n);
    expect(balances + community.communityBalance).toBe(0n);
    expect(state.accounts.size).toBe(1);
    expect(state.accountById(f.account("bob").accountId)?.balance).toBe(35n);
  });

  it("ignores a look-alike account box holding a fake community's token", () => {
    const registers = accountRegisters({ owner: f.committee.owner, balance: 1_000n, terms: f.account("bob").terms, accountId: "ab".repeat(32), lastActiveHeight: 1n });
    const fake = mockUTxO({ ergoTree: ACCOUNT_ERGO_TREE, value: 1_000_000_000n, assets: [{ tokenId: "cd".repeat(32), amount: 1n }], additionalRegisters: registers });
    const changes = applyBlock(
      { header: { id: "x", height: 1, timestamp: 1 }, transactions: [{ id: "t", inputs: [{ boxId: "00".repeat(32) }], outputs: [fake] }] },
      state,
    );
    expect(changes.events).toEqual([]);
    expect(changes.accounts).toEqual([]);
    expect(changes.ignored).toMatchObject([{ boxId: fake.boxId, reason: "token of no valid community" }]);
  });
});
