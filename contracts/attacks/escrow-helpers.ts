/**
 * Shared pieces of the escrow attack specs (escrow.spec.ts, escrow-open-close.spec.ts,
 * escrow-rent.spec.ts; contract version 7, docs/escrow.md): the honest commit and settlement of an
 * order by the builders, the escrow's output in a transaction, edits of a settlement's amounts,
 * and the least deposit the escrow script allows, computed from the box's own bytes.
 */
import type { Account } from "../account/account.ts";
import { commitOrder, settleOrder, type SettleIntent } from "../builders/escrow-order.ts";
import { longConstant } from "../registers.ts";
import { SLong } from "@fleet-sdk/serializer";
import { ESCROW_ERGO_TREE, LINE_FLOOR_FEES, STORAGE_FEE_FACTOR } from "../scripts.ts";
import type { EscrowFixture } from "../testing/escrow-fixture.ts";
import { storageFeeNanoErg } from "../testing/rent.ts";
import { accountOut, setRegister, type Output, type Tx } from "../testing/tx-edit.ts";
import type { Member } from "../testing/world.ts";

export { accepted, refused } from "./desk-helpers.ts";

/** The build context of `member` at the chain tip. */
export const ctxOf = (f: EscrowFixture, member: Member) => ({ height: f.world.height, wallet: f.world.wallet(member) });

/** An order's shape: units, the payee's minimum and the deadline as blocks from the tip. */
export interface OrderShape {
  max?: bigint;
  minimum?: bigint;
  deadlineIn?: number;
  payee?: string;
  reference?: string;
}

/** The honest commit by alice (the escrow's owner) of an order to `payee` (bob), not submitted. */
export function commitTx(f: EscrowFixture, o: OrderShape = {}): Tx {
  return commitOrder(
    {
      escrow: f.escrowBox(),
      payer: f.account("alice").box,
      payeeId: f.account(o.payee ?? "bob").accountId,
      maxUnits: o.max ?? 50n,
      minimumUnits: o.minimum ?? 20n,
      deadline: f.world.height + (o.deadlineIn ?? 100),
      ...(o.reference === undefined ? {} : { reference: o.reference }),
    },
    ctxOf(f, f.member("alice")),
  );
}

/** Commits an order by alice to bob (50 units, a minimum of 20, 100 blocks) through both interpreters. */
export function committed(f: EscrowFixture, o: OrderShape = {}): void {
  f.world.submit(commitTx(f, o), [f.member("alice")]);
}

/** The honest settlement of alice's open order, both accounts in the transaction, built by `signer`'s wallet. */
export function settleTx(f: EscrowFixture, by: SettleIntent["by"], signer: Member, releasedUnits?: bigint): Tx {
  return settleOrder(
    {
      escrow: f.escrowBox(),
      payer: f.account("alice").box,
      payee: f.account("bob").box,
      by,
      ...(releasedUnits === undefined ? {} : { releasedUnits }),
    },
    ctxOf(f, signer),
  );
}

/** The escrow output of `tx` (under the escrow tree, holding a unit). */
export function escrowOut(tx: Tx): Output {
  const out = tx.outputs.find((o) => o.ergoTree === ESCROW_ERGO_TREE && o.assets.length > 0);
  if (!out) throw new Error("no escrow output");
  return out;
}

/** Writes `balance` into the successor of `account` in draft `d`. */
export function setBalance(d: Tx, account: Account, balance: bigint): void {
  setRegister(accountOut(d, account.accountId), "R5", longConstant(balance));
}

/**
 * How many storage fees the compiled escrow script keeps its box above: read from the tree (its
 * constants are inline), so these specs judge whichever floor the committed contract has.
 */
export const ESCROW_FLOOR_FEES: bigint = ESCROW_ERGO_TREE.includes(SLong(STORAGE_FEE_FACTOR * LINE_FLOOR_FEES).toHex()) ? LINE_FLOOR_FEES : 1n;

/**
 * The most an escrow box like `out` may NOT hold as output `index`: ESCROW_FLOOR_FEES storage fees
 * of its bytes plus eight bytes of room (escrow.es `kept`, the community's `escrowOk`), judged at
 * that value itself (a fixed point: the value's encoding counts). One nanoERG more is the least.
 */
export function escrowFloorOf(out: Output, index: number): bigint {
  let floor = 0n;
  for (let i = 0; i < 6; i++) {
    const fee = storageFeeNanoErg({ ...out, value: floor.toString(), boxId: "00".repeat(32), transactionId: "00".repeat(32), index });
    floor = (fee + 8n * STORAGE_FEE_FACTOR) * ESCROW_FLOOR_FEES;
  }
  return floor;
}
