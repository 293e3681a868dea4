/**
 * The escrow under storage rent (contract version 7; docs/escrow.md, docs/contracts.md "Storage
 * rent"). Rent spends are judged by ergo-lib, which models storage rent as the node does
 * (testing/rent.ts); the escrow's own transactions after it by both interpreters.
 */
import type { Box } from "@fleet-sdk/common";
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { describe, expect, it } from "vitest";
import { refreshEscrow } from "../builders/escrow-open.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { longConstant } from "../registers.ts";
import { DORMANT_BLOCKS, ESCROW_ERGO_TREE } from "../scripts.ts";
import { EscrowFixture } from "../testing/escrow-fixture.ts";
import { rentSuccessor, storageFeeNanoErg, takeByRent } from "../testing/rent.ts";
import { edit, rebalance, type Tx } from "../testing/tx-edit.ts";
import { accepted, commitTx, committed, ctxOf, escrowFloorOf, refused, settleTx } from "./escrow-helpers.ts";

/** A rent spend of `box` into `kept` (output 0), the fee collected into a box of the miner's (output 1). */
const collect = (box: Box<string>, kept: Tx["outputs"][number]) => ({
  rent: [{ box, outputIndex: 0 }],
  outputs: [kept, { value: (BigInt(box.value) - BigInt(kept.value)).toString(), ergoTree: FEE_CONTRACT, creationHeight: kept.creationHeight, assets: [], additionalRegisters: {} }],
});

/** Mines until the next block is the first in which rent can reach `box`. */
const untilRent = (f: EscrowFixture, box: Box<string>) => f.world.mine(box.creationHeight + STORAGE_PERIOD_BLOCKS - 1 - f.world.height);

/** Alice's escrow (opened at the builder's default deposit) untouched for a storage period, then rented once. */
function rentedOnce(order = false) {
  const f = new EscrowFixture();
  if (order) committed(f, { max: 50n, minimum: 20n, deadlineIn: 100 });
  const box = f.escrowBox();
  untilRent(f, box);
  const after = f.world.rentSpend(collect(box, rentSuccessor(box, f.world.height + 1)), []).outputs[0]!;
  return { f, box, after, alice: f.member("alice"), mallory: f.world.member("mallory") };
}

describe("the escrow under storage rent", () => {
  it("at the builder's deposit, rent takes only the fee: never the unit, a register, or more ERG", () => {
    const f = new EscrowFixture();
    const box = f.escrowBox();
    untilRent(f, box);
    const w = f.world;
    expect(BigInt(box.value)).toBeGreaterThan(storageFeeNanoErg(box));
    expect(w.judgeRent(takeByRent(w, box, w.member("mallory")), []).ok).toBe(false);
    const keep = rentSuccessor(box, w.height + 1);
    expect(w.judgeRent(collect(box, { ...keep, assets: [] }), []).ok).toBe(false);
    expect(w.judgeRent(collect(box, { ...keep, additionalRegisters: { ...keep.additionalRegisters, R5: longConstant(7n) } }), []).ok).toBe(false);
    expect(w.judgeRent(collect(box, { ...keep, value: (BigInt(keep.value) - 1n).toString() }), []).ok).toBe(false);
    const after = w.rentSpend(collect(box, keep), []).outputs[0]!;
    expect(after.ergoTree).toBe(ESCROW_ERGO_TREE);
    expect(after.assets).toEqual(box.assets);
    expect(after.additionalRegisters).toEqual(box.additionalRegisters);
  });

  it("a rented escrow still takes an order: the builder's commit raises the deposit back above the floor", () => {
    const { f, after, alice } = rentedOnce();
    expect(f.escrowBox().boxId).toBe(after.boxId);
    const tx = commitTx(f);
    const out = tx.outputs[1]!;
    expect(BigInt(out.value)).toBeGreaterThan(escrowFloorOf(out, 1));
    // the rented value kept as it is: below the floor, refused
    refused(f.world, edit(tx, (d) => {
      d.outputs[1]!.value = after.value;
      rebalance(d, alice.ergoTree);
    }), [alice]);
    f.world.submit(tx, [alice]);
    expect(f.escrowOf().order?.max).toBe(50n);
  });

  it("a rented open escrow is settled by anyone after its deadline, and the builder keeps the floor", () => {
    const { f, mallory } = rentedOnce(true);
    const tx = settleTx(f, "anyone", mallory);
    expect(BigInt(tx.outputs[0]!.value)).toBeGreaterThan(escrowFloorOf(tx.outputs[0]!, 0));
    accepted(f.world, tx, [mallory]);
  });

  it("a rented escrow is refreshable by anyone once dormant, the refresher topping it up to the floor (twin: not the top-up)", () => {
    const { f, after, mallory } = rentedOnce();
    f.world.mine(after.creationHeight + DORMANT_BLOCKS - f.world.height);
    const tx = refreshEscrow({ escrow: f.escrowBox() }, ctxOf(f, mallory));
    const out = tx.outputs[0]!;
    expect(BigInt(out.value)).toBeGreaterThan(escrowFloorOf(out, 0));
    accepted(f.world, tx, [mallory]);
    // the rented value kept as it is: below the floor, refused
    const asIs = edit(tx, (d) => {
      d.outputs[0]!.value = after.value;
      rebalance(d, mallory.ergoTree);
    });
    refused(f.world, asIs, [mallory]);
  });

  // Was FOUND here (storage rent, the desk's old hole): the escrow's floor was ONE storage fee
  // (plus eight bytes). Rent took the fee and left an escrow at its floor with about
  // 8 x 1,250,000 nanoERG, far below its next fee, so a second rent (nobody refreshing or closing
  // it for another storage period) took it whole, unit and all, and a freed unit is a member to
  // every account (docs/contracts.md: forged member boxes mint units). After the first rent a
  // stranger's close paid less than its fee, and an open escrow whose payer is gone cannot be
  // closed. The floor is now two fees and eight bytes, as the desk's and the lines'.
  it("an escrow at the builder's deposit still holds more than its fee after one rent, so a second cannot take its unit", () => {
    const { f, after } = rentedOnce();
    untilRent(f, after);
    expect(BigInt(after.value)).toBeGreaterThan(storageFeeNanoErg(after));
    expect(f.world.judgeRent(takeByRent(f.world, after, f.world.member("mallory")), []).ok).toBe(false);
  });
});
