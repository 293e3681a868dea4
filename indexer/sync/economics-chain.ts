/**
 * Test data for the economics specs (sync and API): on one contracts World (every transaction
 * judged by both interpreters), an economics community E with every lever on (alice, bob, carol)
 * and a plain community P (dave, erin). In E: payments that charge usage fees, spend newcomer
 * allowances and, blocks later, demurrage on payer and payee; a payment that credits bob less
 * than the demurrage charged on him, with a profile alice wrote on bob's input (not his); a top-up
 * that charges demurrage alone; a sweep by an outsider; carol paying down to 0 and leaving (her
 * allowance returned, her charges collected); alice paying bob once more (a fee outstanding, bob's
 * turnover earning him credit). In P a plain payment. Each transaction is a block
 * at the World's height, so heights, `joinedHeight` and `chargedHeight` agree as on a real chain.
 * `expected` holds, per step, what the builders quoted before signing (`quotePayment`, `legOf`,
 * `sweepLeg`), the oracle the indexer's derivation from the boxes must meet.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { leave } from "../../contracts/builders/leave.ts";
import { legOf, pay, quotePayment, type PayIntent } from "../../contracts/builders/pay.ts";
import { sweep, sweepLeg } from "../../contracts/builders/sweep.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { extendInput, profileExtension } from "../../contracts/notes.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import { econPolicy } from "../../contracts/testing/policy.ts";
import type { Member } from "../../contracts/testing/world.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx } from "./block-testing.ts";
import type { EconomicsEventKind } from "./lets-events.ts";

/** An economics event as the builders quoted it (amounts 0 unless set). */
export interface ExpectedCharge {
  kind: EconomicsEventKind;
  accountId: string;
  fee: bigint;
  demurrage: bigint;
  allowanceUsed: bigint;
  allowanceIssued: bigint;
  allowanceReturned: bigint;
  collected: bigint;
}

export interface EconomicsChain {
  econ: Fixture;
  plain: Fixture;
  /** One block per transaction, at the World's heights. */
  blocks: BatchBlock[];
  /** Height and transaction id of each named step. */
  at: Record<string, number>;
  tx: Record<string, string>;
  /** Account ids by member name (E's and P's). */
  accounts: Record<string, string>;
  /** What each step's economics events must be. */
  expected: Record<string, ExpectedCharge[]>;
}

/** E's levers: 10% demurrage per 100 blocks, a 1% usage fee (at least 1), an earned limit, an allowance of 40. */
export const ECON_LEVERS = {
  demurragePpm: 100_000n, demurragePeriod: 100n, feeBps: 100n, feeMin: 1n, turnoverPpm: 10_000n, stepUnits: 10n, stepBlocks: 50n,
  maxCreditLimit: 300n, newcomerBlocks: 1_000n, allowance: 40n, sweepMin: 1n,
};

const charge = (kind: EconomicsEventKind, accountId: string, amounts: Partial<Omit<ExpectedCharge, "kind" | "accountId">>): ExpectedCharge => ({
  kind, accountId, fee: 0n, demurrage: 0n, allowanceUsed: 0n, allowanceIssued: 0n, allowanceReturned: 0n, collected: 0n, ...amounts,
});

/** Builds the chain (several seconds: both interpreters judge every transaction). */
export function economicsChain(): EconomicsChain {
  const econ = new Fixture({ policy: econPolicy(ECON_LEVERS) });
  const w = econ.world;
  const plain = new Fixture({ world: w, name: "Plain", members: ["dave", "erin"] });
  const at: Record<string, number> = {};
  const tx: Record<string, string> = {};
  const expected: Record<string, ExpectedCharge[]> = {};
  // The fixtures' transactions, one block each from the World's start (no blocks mined between them).
  const heights = w.submitted.map((_, i) => w.height - w.submitted.length + i + 1);
  const id = (name: string) => (["dave", "erin"].includes(name) ? plain : econ).account(name).accountId;
  const submit = (name: string, built: EIP12UnsignedTransaction, signers: Member[], charges: ExpectedCharge[] = []) => {
    const { signed } = w.submit(built, signers);
    heights.push(w.height);
    at[name] = w.height;
    tx[name] = signed.id;
    expected[name] = charges;
  };
  const payment = (name: string, f: Fixture, payer: string, payees: [string, bigint][], extra: Partial<PayIntent> = {}) => {
    const intent: PayIntent = { payer: f.account(payer).box, payees: payees.map(([p, units]) => ({ account: f.account(p).box, amountUnits: units })), ...extra };
    const quote = quotePayment(intent, w.height);
    const charges = f === econ
      ? [
          charge("payment", quote.payer.accountId, { fee: quote.payer.fee, demurrage: quote.payer.demurrage, allowanceUsed: quote.payer.allowanceUsed }),
          ...quote.payees.map((leg) => charge("payment", leg.accountId, { demurrage: leg.demurrage })),
        ]
      : [];
    return { built: pay(intent, { height: w.height }), signers: [f.member(payer)], charges, name };
  };
  const send = (p: ReturnType<typeof payment>) => submit(p.name, p.built, p.signers, p.charges);
  const allowance = econ.community().policy.economics!.allowance;
  expected.joins = ["alice", "bob", "carol"].map((name) => charge("join", id(name), { allowanceIssued: allowance }));

  send(payment("aliceToBob", econ, "alice", [["bob", 50n]]));
  send(payment("aliceToCarol", econ, "alice", [["carol", 20n]]));
  send(payment("plain", plain, "dave", [["erin", 7n]]));
  w.mine(300);
  send(payment("bobPaysTwo", econ, "bob", [["carol", 10n], ["alice", 5n]], { memo: "bread and eggs" }));
  w.mine(100);
  // Alice pays bob 1 while 10% demurrage on bob's balance is due: his balance falls, his worth rises.
  const forged = payment("forgedNote", econ, "alice", [["bob", 1n]]);
  extendInput(forged.built, econ.account("bob").boxId, profileExtension({ name: "Bob owes everyone" }));
  send(forged);
  w.mine(10);
  const carol = econ.account("carol");
  const topUpLeg = legOf(carol, {}, BigInt(w.height));
  submit("topUp", topUp({ account: carol.box, addNanoErg: 1_000_000n }, { height: w.height, wallet: w.wallet(econ.member("carol")) }), [econ.member("carol")], [
    charge("charge", carol.accountId, { demurrage: topUpLeg.demurrage }),
  ]);
  const outsider = w.member("outsider");
  const swept = ["alice", "bob", "carol"].map((name) => econ.account(name));
  const legs = swept.map((a) => sweepLeg(a, BigInt(w.height)));
  submit("sweep", sweep({ community: econ.communityBox(), accounts: swept.map((a) => a.box) }, { height: w.height, wallet: w.wallet(outsider) }), [outsider],
    legs.map((l) => charge("sweep", l.accountId, { demurrage: l.demurrage, collected: l.collected })));
  send(payment("carolToZero", econ, "carol", [["bob", carolToZero(econ, w.height)]], { allowanceUnits: 0n }));
  const leaving = econ.account("carol");
  submit("carolLeaves", leave({ community: econ.communityBox(), account: leaving.box }, { height: w.height, wallet: w.wallet(econ.member("carol")) }), [econ.member("carol")], [
    charge("exit", leaving.accountId, { allowanceReturned: leaving.economy!.allowance, collected: leaving.economy!.accrued }),
  ]);
  // After the sweep: a fee outstanding in alice's account, and bob's turnover past 100 units (an earned unit of limit).
  send(payment("afterSweep", econ, "alice", [["bob", 40n]]));

  const blocks = w.submitted.map((signed, i) => blockOf(heights[i]!, chainTx(signed)));
  const accounts = Object.fromEntries(["alice", "bob", "dave", "erin"].map((n) => [n, id(n)]));
  accounts.carol = leaving.accountId;
  return { econ, plain, blocks, at, tx, accounts, expected };
}

/** What carol must send bob (no allowance spent) to end at balance 0, after the fee and the demurrage due. */
function carolToZero(econ: Fixture, height: number): bigint {
  const carol = econ.account("carol");
  for (let sent = carol.balance; sent > 0n; sent--) {
    const quote = quotePayment({ payer: carol.box, payees: [{ account: econ.account("bob").box, amountUnits: sent }], allowanceUnits: 0n }, height);
    if (quote.payer.balanceAfter === 0n) return sent;
  }
  throw new Error(`no payment brings carol's ${carol.balance} to 0`);
}
