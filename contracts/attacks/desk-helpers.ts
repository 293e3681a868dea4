/**
 * Shared pieces of the exchange-desk attack specs (desk.spec.ts, desk-govern.spec.ts,
 * desk-open-rent.spec.ts): verdicts both interpreters must agree on, the desk's and a wallet's
 * outputs in a built transaction, and an edit that rewrites a buy or a sell to another number of
 * units with the ERG, balances and ledger it then moves.
 */
import { expect } from "vitest";
import type { Account } from "../account/account.ts";
import { ledgerConstant, type Desk, type DeskLedger } from "../desk/desk.ts";
import { longConstant } from "../registers.ts";
import { SLong } from "@fleet-sdk/serializer";
import { DESK_ERGO_TREE, LINE_FLOOR_FEES, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { storageFeeNanoErg } from "../testing/rent.ts";
import type { DeskFixture } from "../testing/desk-fixture.ts";
import { accountOut, expectAccepted, moveErg, setRegister, valueOf, type Output, type Tx } from "../testing/tx-edit.ts";
import { agreed, type Member, type World } from "../testing/world.ts";

export const ERG = 1_000_000_000n;

/**
 * How many storage fees the compiled desk script keeps its box above: read from the tree (its
 * constants are inline), so these specs judge whichever floor the committed contract has.
 */
export const DESK_FLOOR_FEES: bigint = DESK_ERGO_TREE.includes(SLong(STORAGE_FEE_FACTOR * LINE_FLOOR_FEES).toHex()) ? LINE_FLOOR_FEES : 1n;

/** The storage fee of `out` once created as output `index` with its own value: a fixed point (the value's encoding counts). */
export function feeOfOutput(out: Output, index: number): bigint {
  let fee = 0n;
  for (let i = 0; i < 6; i++) {
    fee = storageFeeNanoErg({ ...out, value: (fee * DESK_FLOOR_FEES).toString(), boxId: "00".repeat(32), transactionId: "00".repeat(32), index });
  }
  return fee;
}

/**
 * The most a desk box like `out` may NOT hold (its value must be above it): DESK_FLOOR_FEES storage
 * fees of its bytes plus eight bytes of room for a later creation height (desk.es, `successorOk`),
 * judged at that value itself (a fixed point: the value's encoding counts).
 */
export function deskFloorOf(out: Output, index: number): bigint {
  let floor = 0n;
  for (let i = 0; i < 6; i++) {
    const fee = storageFeeNanoErg({ ...out, value: floor.toString(), boxId: "00".repeat(32), transactionId: "00".repeat(32), index });
    floor = (fee + 8n * STORAGE_FEE_FACTOR) * DESK_FLOOR_FEES;
  }
  return floor;
}

/** Both interpreters refuse `tx` signed by `signers` (they must agree; `agreed` throws otherwise). */
export function refused(world: World, tx: Tx, signers: Member[]): void {
  expect(agreed(world.judge(tx, signers)), "expected both interpreters to refuse").toBe(false);
}

export const accepted = expectAccepted;

/** The desk output of `tx` (the one under the desk script holding a unit). */
export function deskOut(tx: Tx): Output {
  const out = tx.outputs.find((o) => o.ergoTree === DESK_ERGO_TREE && o.assets.length > 0);
  if (!out) throw new Error("no desk output");
  return out;
}

/** The output of `tx` paying `member`'s wallet (its change). */
export function walletOut(tx: Tx, member: Member): Output {
  const out = tx.outputs.find((o) => o.ergoTree === member.ergoTree);
  if (!out) throw new Error(`no output to ${member.name}`);
  return out;
}

/** The build context of `member` at the chain tip. */
export const ctxOf = (f: DeskFixture, member: Member, height = f.world.height) => ({ height, wallet: f.world.wallet(member) });

/**
 * Rewrites, in draft `d`, a trade of the desk `desk` with `account` so that the account's balance
 * moves by `delta` (positive: a buy) and the desk's by `-delta`, the desk's reserve is `reserve`
 * (the difference from what the draft had goes to or from `payer`'s wallet output), and, when
 * given, the ledger is `ledger`.
 */
export function rewriteTrade(
  d: Tx, desk: Desk, account: Account, delta: bigint, reserve: bigint, payer: Member, ledger?: DeskLedger,
): void {
  const out = deskOut(d);
  setRegister(out, "R5", longConstant(desk.balance - delta));
  setRegister(accountOut(d, account.accountId), "R5", longConstant(account.balance + delta));
  if (ledger) setRegister(out, "R9", ledgerConstant(ledger));
  moveErg(walletOut(d, payer), out, reserve - valueOf(out));
}

