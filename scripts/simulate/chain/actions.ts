/**
 * The model's decisions as real transactions: each is built by the contracts' builders on the
 * newest local boxes, its effects applied to the ledger and the local boxes at once (so the next
 * decision sees them), and handed to the pipeline to be signed, submitted and mined. A builder's
 * refusal (the rule the contract enforces) is recorded as a refusal with its reason.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import {
  BalanceNotZero,
  closeDefaulted,
  CommunityFull,
  CreditLimitExceeded,
  InsufficientFunds,
  isAccountTree,
  join,
  LineExposureExceeded,
  LineNotOpen,
  LinePaused,
  NoRoute,
  leave,
  NotDefaulted,
  ownerFromPublicKey,
  pay,
  PositiveCapExceeded,
} from "../../../contracts/index.ts";
import { readBytes } from "../../../contracts/registers.ts";
import type { EventLog, SimEvent } from "../events.ts";
import type { Ledger, Undo } from "../ledger.ts";
import type { Member } from "../members.ts";
import type { Actions, Outcome } from "../model.ts";
import type { Scenario } from "../scenario.ts";
import type { ChainDriver } from "./driver.ts";
import { feeReserveNanoErg, fundingTransaction, memberFundingNanoErg } from "./funding.ts";
import type { DerivedKey } from "../../../ergo/keys.ts";
import type { Pipeline } from "./pipeline.ts";
import { predict, type Predicted } from "../../../ergo/predict.ts";
import { chargesOf } from "../ledger-economics.ts";

/** The refusal reasons of the builders' typed errors; anything else is a bug and propagates. */
export function builderRefusal(error: unknown): string | undefined {
  if (error instanceof CreditLimitExceeded) return "credit limit";
  if (error instanceof PositiveCapExceeded) return "positive cap";
  if (error instanceof InsufficientFunds) return "not enough ERG for the fee";
  if (error instanceof CommunityFull) return "community full";
  if (error instanceof BalanceNotZero) return "balance not zero";
  if (error instanceof NotDefaulted) return "not yet closable as defaulted";
  if (error instanceof LineExposureExceeded) return "line exposure cap";
  if (error instanceof LinePaused) return "line paused";
  if (error instanceof LineNotOpen) return "line not open";
  if (error instanceof NoRoute) return "no route";
  return undefined;
}

type Built = { unsigned: EIP12UnsignedTransaction } | { reason: string };

/** Builds, or returns the refusal reason of a builder's typed error. */
export function attempt(build: () => EIP12UnsignedTransaction): Built {
  try {
    return { unsigned: build() };
  } catch (error) {
    const reason = builderRefusal(error);
    if (reason === undefined) throw error;
    return { reason };
  }
}

/** The newest boxes the actions build on: `LocalBoxes` (one community) or a view of `NetworkBoxes`. */
export interface BoxStore {
  readonly community: Box<Amount> | undefined;
  account(accountId: string): Box<Amount>;
  wallet(ergoTree: string): Box<Amount>[];
  track(ergoTree: string): void;
  add(boxes: readonly Box<Amount>[]): void;
  apply(inputIds: readonly string[], outputs: readonly Box<Amount>[]): () => void;
}

/** Everything the actions touch. */
export interface ActionContext {
  scenario: Scenario;
  ledger: Ledger;
  boxes: BoxStore;
  pipeline: Pipeline;
  driver: ChainDriver;
  log: EventLog;
}

export class ChainActions implements Actions {
  /** Chain height of simulated block 0 (set when the clock starts). */
  startHeight = 0;

  /** `accountOf`: the account id of every member who joined (kept after it closes, for the reports); a network's communities share one. */
  constructor(
    readonly ctx: ActionContext,
    readonly accountOf = new Map<number, string>(),
  ) {
    // The model asks the ledger what economics would charge in a block: at the height it is built at.
    ctx.ledger.clock = (block) => BigInt(this.buildHeight(block));
  }

  /** The key of member `id`. */
  key(member: number): DerivedKey {
    return this.ctx.driver.keys.key(this.ctx.driver.firstMemberIndex + member);
  }

  /** The height simulated block `block`'s transactions are built at; the setup (-1) builds at the tip. */
  buildHeight(block: number): number {
    const tip = this.ctx.driver.tipHeight;
    return block < 0 ? tip : Math.max(this.startHeight + block, tip);
  }

  /**
   * A payment on the newest boxes. With economics the ledger's own charges say how much of the
   * allowance the payer spends (the builder checks that it may).
   */
  pay(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome {
    const { boxes, scenario, ledger } = this.ctx;
    const height = this.buildHeight(block);
    const quote = ledger.quote(payer.id, payee.id, amountUnits, BigInt(height));
    const base = { kind: "payment", block, member: payer.id, payee: payee.id, amountUnits, ...(quote ? { charges: chargesOf(quote) } : {}) } as const;
    const built = attempt(() =>
      pay(
        {
          payer: boxes.account(this.accountOf.get(payer.id)!),
          payees: [{ account: boxes.account(this.accountOf.get(payee.id)!), amountUnits }],
          ...(quote ? { allowanceUnits: quote.payer.allowanceUsed } : {}),
        },
        { height, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    if ("reason" in built) return this.refuse(base, built.reason);
    const event = this.ctx.log.accepted(base);
    this.send(built.unsigned, predict(built.unsigned), [this.key(payer.id).secretKey], block, height, event, () => ledger.pay(payer.id, payee.id, amountUnits, block, quote));
    return { ok: true };
  }

  join(member: Member, block: number): Outcome {
    const { boxes, scenario, driver, ledger } = this.ctx;
    const height = this.buildHeight(block);
    const key = this.key(member.id);
    boxes.track(key.ergoTree);
    const reserve = feeReserveNanoErg(scenario, member.role.buysPerDay);
    // Members arriving during the run are funded in the same block, just before they join.
    const funding = block < 0 ? undefined : this.funding([{ address: key.address, nanoErg: memberFundingNanoErg(scenario, reserve) }], height);
    const utxos = funding ? funding.predicted.outputs.filter((o) => o.ergoTree === key.ergoTree) : boxes.wallet(key.ergoTree);
    const base = { kind: "join", block, member: member.id } as const;
    const built = attempt(() =>
      join(
        { community: boxes.community!, owner: ownerFromPublicKey(key.publicKey), feeReserveNanoErg: reserve },
        { height, wallet: { utxos, changeAddress: key.address }, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    if ("reason" in built) return this.refuse(base, built.reason);
    if (funding) this.send(funding.unsigned, funding.predicted, [driver.funder.secretKey], block, height, undefined, () => () => {});
    const predicted = predict(built.unsigned);
    const accountId = readBytes("R7", predicted.outputs.find((o) => isAccountTree(o.ergoTree))!.additionalRegisters.R7);
    // An economics join issues the allowance from the community balance.
    const allowance = scenario.policy.economics?.allowance;
    const event = this.ctx.log.accepted(allowance === undefined ? base : { ...base, amountUnits: allowance });
    this.send(built.unsigned, predicted, [key.secretKey], block, height, event, () => {
      const undoJoin = ledger.join(member.id, block, { creditLimit: scenario.policy.creditLimit, positiveCap: scenario.policy.positiveCap }, BigInt(height));
      this.accountOf.set(member.id, accountId);
      return () => (undoJoin(), this.accountOf.delete(member.id));
    });
    return { ok: true };
  }

  leave(member: Member, block: number): Outcome {
    const { boxes, scenario, ledger } = this.ctx;
    const height = this.buildHeight(block);
    const key = this.key(member.id);
    const base = { kind: "leave", block, member: member.id } as const;
    const built = attempt(() =>
      leave(
        { community: boxes.community!, account: boxes.account(this.accountOf.get(member.id)!) },
        { height, wallet: { utxos: boxes.wallet(key.ergoTree), changeAddress: key.address }, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    if ("reason" in built) return this.refuse(base, built.reason);
    const event = this.ctx.log.accepted(base);
    this.send(built.unsigned, predict(built.unsigned), [key.secretKey], block, height, event, () => ledger.leave(member.id, block));
    return { ok: true };
  }

  closeDefaulted(member: Member, block: number): Outcome {
    const { boxes, scenario, driver, ledger } = this.ctx;
    const height = this.buildHeight(block);
    const base = { kind: "default", block, member: member.id, amountUnits: -ledger.open(member.id).balance } as const;
    const built = attempt(() =>
      closeDefaulted(
        { community: boxes.community!, accounts: [boxes.account(this.accountOf.get(member.id)!)] },
        { height, wallet: { utxos: boxes.wallet(driver.funder.ergoTree), changeAddress: driver.funder.address }, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    if ("reason" in built) return this.refuse(base, built.reason);
    const event = this.ctx.log.accepted(base);
    this.send(built.unsigned, predict(built.unsigned), [driver.funder.secretKey], block, height, event, () => ledger.default(member.id, block));
    return { ok: true };
  }

  /** A funding transaction from the funder's boxes (not yet sent). */
  funding(recipients: { address: string; nanoErg: bigint }[], height: number): { unsigned: EIP12UnsignedTransaction; predicted: Predicted } {
    const { boxes, driver, scenario } = this.ctx;
    const unsigned = fundingTransaction({ utxos: boxes.wallet(driver.funder.ergoTree), address: driver.funder.address }, recipients, height, scenario.txFeeNanoErg);
    return { unsigned, predicted: predict(unsigned) };
  }

  /** Applies a built transaction's effects and hands it to the pipeline; `event`: what it records (a sweep records one per account). */
  send(unsigned: EIP12UnsignedTransaction, predicted: Predicted, secretKeys: string[], block: number, height: number, event: SimEvent | readonly SimEvent[] | undefined, effects: () => Undo): void {
    const undoBoxes = this.ctx.boxes.apply(unsigned.inputs.map((input) => input.boxId), predicted.outputs);
    const undoEffects = effects();
    const events = event === undefined ? [] : "kind" in event ? [event] : event;
    for (const e of events) e.txId = predicted.id;
    this.ctx.pipeline.push({
      unsigned,
      predicted,
      secretKeys,
      block,
      buildHeight: height,
      undo: () => (undoEffects(), undoBoxes()),
      refused: (reason) => events.forEach((e) => this.ctx.log.refusedLater(e, reason)),
    });
  }

  protected refuse(event: Omit<SimEvent, "status" | "reason" | "txId">, reason: string): Outcome {
    this.ctx.log.refused(event, reason);
    return { ok: false, reason };
  }
}
