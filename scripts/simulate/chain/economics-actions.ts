/**
 * The actions of a community with levers or top-ups (docs/simulate.md, "Economics"): those of
 * `ChainActions`, plus the committee's sweeps of accrued charges and the members' top-ups of their
 * fee reserves, each built by the contracts' builders (`sweep`, `topUp`) on the newest boxes, with
 * the ledger's own charges recorded beside it.
 */
import { MIN_BOX_VALUE, sweep, topUp } from "../../../contracts/index.ts";
import { predict } from "../../../ergo/predict.ts";
import type { LedgerAccount } from "../ledger.ts";
import { sideCharges, swept, touched, type EconSide } from "../ledger-economics.ts";
import type { Member } from "../members.ts";
import type { Outcome } from "../model.ts";
import { attempt, ChainActions } from "./actions.ts";

/** Accounts one sweep transaction takes (each an input and an output of about 1.3 kB), as `lets sweep`. */
export const SWEEP_BATCH = 20;

type Ready = { account: LedgerAccount; side: EconSide & { collected: bigint } };

export class EconomicsActions extends ChainActions {
  /** Tops the payer's fee reserve up first when it covers fewer payments than `behaviour.topUpBelowPayments`. */
  override pay(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome {
    if (this.reserveLow(payer)) this.topUp(payer, block);
    return super.pay(payer, payee, amountUnits, block);
  }

  /** The committee (the funder) sweeps every open account holding at least the sweep minimum, in batches, in member order. */
  sweep(block: number): void {
    const { ledger, scenario } = this.ctx;
    const levers = scenario.policy.economics;
    if (!levers) return;
    const height = BigInt(this.buildHeight(block));
    const ready: Ready[] = [];
    for (const account of ledger.accounts.values()) {
      if (account.status !== "open" || !account.econ) continue;
      const side = swept({ balance: account.balance, econ: account.econ }, levers.sweepMin, height);
      if (side) ready.push({ account, side });
    }
    for (let first = 0; first < ready.length; first += SWEEP_BATCH) this.sweepBatch(ready.slice(first, first + SWEEP_BATCH), block);
  }

  private sweepBatch(batch: Ready[], block: number): void {
    const { boxes, scenario, driver, ledger, log } = this.ctx;
    const height = this.buildHeight(block);
    const built = attempt(() =>
      sweep(
        { community: boxes.community!, accounts: batch.map((r) => boxes.account(this.accountOf.get(r.account.member)!)) },
        { height, wallet: { utxos: boxes.wallet(driver.funder.ergoTree), changeAddress: driver.funder.address }, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    const attempts = batch.map((r) => ({ kind: "sweep", block, member: r.account.member, amountUnits: r.side.collected, charges: sideCharges(r.side) }) as const);
    if ("reason" in built) return void attempts.forEach((a) => this.refuse(a, built.reason));
    const events = attempts.map((a) => log.accepted(a));
    this.send(built.unsigned, predict(built.unsigned), [driver.funder.secretKey], block, height, events, () => {
      const undos = batch.map((r) => ledger.sweep(r.account.member, r.side));
      return () => undos.reverse().forEach((undo) => undo());
    });
  }

  /** Whether `member`'s account holds fewer miner fees above its collateral than the top-up threshold. */
  private reserveLow(member: Member): boolean {
    const { boxes, scenario } = this.ctx;
    const below = BigInt(scenario.behaviour.topUpBelowPayments);
    if (below === 0n) return false;
    const box = boxes.account(this.accountOf.get(member.id)!);
    return BigInt(box.value) - scenario.policy.collateralNanoErg - MIN_BOX_VALUE < below * scenario.txFeeNanoErg;
  }

  /** The funder sends the member's wallet the top-up, and the member adds it to its account (which charges the demurrage due). */
  private topUp(member: Member, block: number): void {
    const { boxes, scenario, ledger, driver, log } = this.ctx;
    const height = this.buildHeight(block);
    const key = this.key(member.id);
    const add = BigInt(scenario.behaviour.topUpPayments) * scenario.txFeeNanoErg;
    const funding = this.funding([{ address: key.address, nanoErg: add + scenario.txFeeNanoErg + MIN_BOX_VALUE }], height);
    const account = ledger.open(member.id);
    const side = account.econ ? touched({ balance: account.balance, econ: account.econ }, BigInt(height)) : undefined;
    const base = { kind: "top-up", block, member: member.id, ...(side ? { charges: sideCharges(side) } : {}) } as const;
    const utxos = funding.predicted.outputs.filter((o) => o.ergoTree === key.ergoTree);
    const built = attempt(() =>
      topUp({ account: boxes.account(this.accountOf.get(member.id)!), addNanoErg: add }, { height, wallet: { utxos, changeAddress: key.address }, feeNanoErg: scenario.txFeeNanoErg }),
    );
    if ("reason" in built) return void this.refuse(base, built.reason);
    this.send(funding.unsigned, funding.predicted, [driver.funder.secretKey], block, height, undefined, () => () => {});
    this.send(built.unsigned, predict(built.unsigned), [key.secretKey], block, height, log.accepted(base), () => ledger.topUp(member.id, block, side));
  }
}
