/**
 * Test data for the sync and API specs: three communities made by the contracts' builders (both
 * interpreters accept every transaction), as consecutive blocks from height 1, with compromised
 * and unsound twins. Community A gets a forged account (its books break: bob's unit leaves the
 * live state); B stays sound; C's genesis writes metadata that is not JSON.
 */
import { bytesConstant, longConstant, textConstant } from "../../contracts/registers.ts";
import { pay } from "../../contracts/builders/pay.ts";
import { COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import type { ChainTransaction } from "./apply-block.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, edited, testId } from "./block-testing.ts";

/** The blocks and what the specs look for in them. */
export interface CompromisedChain {
  /** Heights 1..: A, B and C created and joined, a payment in A and in B. */
  sound: BatchBlock[];
  /** The next block: alice pays bob in A, but bob's new box names an accountId nobody opened. */
  forged: BatchBlock;
  /** After it: a real payment in A (its books stay broken) and one in B. */
  later: BatchBlock[];
  /** Instead of `forged`: B's later payment crediting its payee one unit more than the payer paid, with no compromise. */
  unflagged: BatchBlock;
  ids: { a: string; b: string; c: string; forgedBox: string; forgedAccount: string };
  /** The raw text of C's R6. */
  cMetadata: string;
}

const payIn = (f: Fixture, payer: string, payee: string, units: bigint): ChainTransaction => {
  const tx = pay({ payer: f.account(payer).box, payees: [{ account: f.account(payee).box, amountUnits: units }] }, { height: f.world.height });
  return chainTx(f.world.submit(tx, [f.member(payer)]).signed);
};

/** The output of `tx` that is `accountId`'s account box. */
const outputOf = (tx: ChainTransaction, accountId: string) => tx.outputs.findIndex((o) => o.additionalRegisters.R7 === bytesConstant(accountId));

/** Builds the chain (a few seconds: every transaction goes through both interpreters). */
export function compromisedChain(): CompromisedChain {
  const a = new Fixture({ members: ["alice", "bob", "carol"] });
  const b = new Fixture({ members: ["dave", "erin"], height: 3_000 });
  const c = new Fixture({ members: [], height: 5_000 });
  const txs = [...a.world.submitted, ...b.world.submitted].map(chainTx);
  txs.push(payIn(a, "alice", "bob", 10n), payIn(b, "dave", "erin", 3n));
  const cMetadata = "Kaikoura Dollars (no JSON here)";
  const cGenesis = edited(c.world.submitted[0]!, (t) => {
    const box = t.outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE)!;
    box.additionalRegisters.R6 = textConstant(cMetadata);
  });
  txs.push(cGenesis);

  const forgedAccount = testId("an account nobody opened");
  const real = payIn(a, "alice", "bob", 5n);
  const i = outputOf(real, a.account("bob").accountId);
  const forged = edited(real, (t) => void (t.outputs[i]!.additionalRegisters.R7 = bytesConstant(forgedAccount)));
  const later = [payIn(a, "carol", "alice", 2n), payIn(b, "erin", "dave", 1n)];
  // B's later payment again, its payee credited one unit more than erin paid: B's live boxes after `sound` are its inputs.
  const j = outputOf(later[1]!, b.account("dave").accountId);
  const unflagged = edited(later[1]!, (t) => void (t.outputs[j]!.additionalRegisters.R5 = longConstant(b.account("dave").balance + 1n)));

  const sound = txs.map((tx, n) => blockOf(n + 1, tx));
  const next = sound.length + 1;
  return {
    sound,
    forged: blockOf(next, forged),
    later: later.map((tx, n) => blockOf(next + 1 + n, tx)),
    unflagged: blockOf(next, unflagged),
    ids: { a: a.communityId, b: b.communityId, c: c.communityId, forgedBox: real.outputs[i]!.boxId, forgedAccount },
    cMetadata,
  };
}
