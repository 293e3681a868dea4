/**
 * The actions of a community where a share of newcomers is underwritten (docs/simulate.md,
 * "Underwritten newcomers"): those of `ChainActions`, plus, right after such a member joins, an
 * offer by one of a few underwriters (outside keys the funder pays once, round robin) and the
 * member's acceptance; an exit (leave, default) then takes the member's stake with it, settled as
 * the contract says: the committee (the funder's key) receives the stake's share of the raise in
 * use, the underwriter the rest. Built by the contracts' builders on the newest boxes; the
 * underwriter's wallet pays its stake, the funder's every other fee. Each step is an `underwrite`
 * event; a settlement shares its exit's transaction.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import {
  acceptUnderwriting, closeDefaulted, exitShares, leave, minimumStake, MIN_BOX_VALUE, offerUnderwriting, ownerFromPublicKey,
  requireAccount, stakeFloorNanoErg, UNDERWRITING_ERGO_TREE,
} from "../../../contracts/index.ts";
import type { DerivedKey } from "../../../ergo/keys.ts";
import { predict } from "../../../ergo/predict.ts";
import { Random } from "../../../util/prng.ts";
import type { SimEvent, UnderwritingDetail } from "../events.ts";
import type { Member } from "../members.ts";
import type { Outcome } from "../model.ts";
import type { Scenario } from "../scenario.ts";
import { raiseUnits, type UnderwritingSpec } from "../scenario-underwriting.ts";
import { attempt, ChainActions, type ActionContext } from "./actions.ts";

/** EIP-3 index of underwriter 0's key: far above any member's. */
const UNDERWRITER_KEY_BASE = 1_000_000;

/** An accepted stake the simulation follows until its account exits. */
export interface HeldStake {
  underwriter: number;
  stakeId: string;
  box: Box<Amount>;
  raise: bigint;
  stakeNanoErg: bigint;
}

/**
 * ERG the funder sends each underwriter: a stake (with its fees) for its share of the members
 * expected to join underwritten, plus one. A stake is the price of credit or, when more, the floor
 * a stake box must hold (about 4 ERG).
 */
export function underwriterFundingNanoErg(scenario: Scenario, spec: UnderwritingSpec, starting: number): bigint {
  const joiners = starting + Math.ceil(scenario.churn.joinsPerDay * scenario.days * 1.5);
  const each = Math.ceil((joiners * spec.share) / spec.underwriters) + 1;
  return BigInt(each) * (6n * 10n ** 9n + 2n * scenario.txFeeNanoErg) + 10n * MIN_BOX_VALUE;
}

export class UnderwritingActions extends ChainActions {
  /** Each underwritten member's live stake, by member id. */
  readonly stakes = new Map<number, HeldStake>();
  /** Members drawn to be underwritten whose stake was accepted (kept after they exit, for the report). */
  readonly underwritten = new Set<number>();
  private readonly random: Random;
  private funded = false;
  private next = 0;

  constructor(
    ctx: ActionContext,
    readonly spec: UnderwritingSpec,
  ) {
    super(ctx);
    this.random = new Random(ctx.scenario.seed, "underwriting");
  }

  /** The key of underwriter `u`. */
  underwriterKey(u: number): DerivedKey {
    return this.ctx.driver.keys.key(UNDERWRITER_KEY_BASE + u);
  }

  /** A join, then (for a share of newcomers) an underwriter's offer and the member's acceptance in the same block. */
  override join(member: Member, block: number): Outcome {
    const joined = super.join(member, block);
    if (joined.ok && this.random.chance(this.spec.share)) this.underwrite(member, block);
    return joined;
  }

  /** A leaver's stake goes back whole to its underwriter in the leave. */
  override leave(member: Member, block: number): Outcome {
    const stake = this.stakes.get(member.id);
    if (!stake) return super.leave(member, block);
    const { boxes, scenario, ledger } = this.ctx;
    const height = this.buildHeight(block);
    const key = this.key(member.id);
    const base = { kind: "leave", block, member: member.id } as const;
    const built = attempt(() =>
      leave(
        { community: boxes.community!, account: boxes.account(this.accountOf.get(member.id)!), stakes: [stake.box] },
        { height, wallet: { utxos: boxes.wallet(key.ergoTree), changeAddress: key.address }, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    if ("reason" in built) return this.refuse(base, built.reason);
    this.exit(member, stake, built.unsigned, [key.secretKey], block, height, this.ctx.log.accepted(base), () => ledger.leave(member.id, block));
    return { ok: true };
  }

  /** A defaulter's stake pays the committee its share of the raise in use, in the close. */
  override closeDefaulted(member: Member, block: number): Outcome {
    const stake = this.stakes.get(member.id);
    if (!stake) return super.closeDefaulted(member, block);
    const { boxes, scenario, driver, ledger } = this.ctx;
    const height = this.buildHeight(block);
    const base = { kind: "default", block, member: member.id, amountUnits: -ledger.open(member.id).balance } as const;
    const built = attempt(() =>
      closeDefaulted(
        { community: boxes.community!, accounts: [boxes.account(this.accountOf.get(member.id)!)], stakes: [stake.box] },
        { height, wallet: { utxos: boxes.wallet(driver.funder.ergoTree), changeAddress: driver.funder.address }, feeNanoErg: scenario.txFeeNanoErg },
      ),
    );
    if ("reason" in built) return this.refuse(base, built.reason);
    this.exit(member, stake, built.unsigned, [driver.funder.secretKey], block, height, this.ctx.log.accepted(base), () => ledger.default(member.id, block));
    return { ok: true };
  }

  /** Sends an exit with its stake's settlement (an `underwrite` event in the same transaction); the stake is gone after it. */
  private exit(member: Member, stake: HeldStake, unsigned: EIP12UnsignedTransaction, keys: string[], block: number, height: number, event: SimEvent, effects: () => () => void): void {
    const shares = exitShares(requireAccount(this.ctx.boxes.account(this.accountOf.get(member.id)!)), stake.stakeNanoErg);
    const settled = this.ctx.log.accepted({ kind: "underwrite", block, member: member.id, underwriting: { ...this.detail("settle", stake), lostNanoErg: shares.lost, returnedNanoErg: shares.returned } });
    this.send(unsigned, predict(unsigned), keys, block, height, [event, settled], () => {
      const undo = effects();
      this.stakes.delete(member.id);
      return () => (this.stakes.set(member.id, stake), undo());
    });
  }

  /** The offer of the next underwriter (round robin) to `member`, and its acceptance; refusals are recorded. */
  private underwrite(member: Member, block: number): void {
    const { boxes, scenario, driver } = this.ctx;
    const height = this.buildHeight(block);
    const u = this.next++ % this.spec.underwriters;
    this.fundUnderwriters(block, height);
    const key = this.underwriterKey(u);
    const account = requireAccount(boxes.account(this.accountOf.get(member.id)!));
    const raise = raiseUnits(this.spec, scenario.policy.creditLimit);
    const underwriter = ownerFromPublicKey(key.publicKey);
    const deal = { underwriter, accountId: account.accountId, communityId: account.communityId, raise, premium: 0n, premiumAccountId: "" };
    const price = minimumStake(account.terms, raise) ?? 0n;
    const floor = stakeFloorNanoErg(deal, height);
    const stakeNanoErg = price > floor ? price : floor;
    const pending: HeldStake = { underwriter: u, stakeId: "", box: account.box, raise, stakeNanoErg };
    const base = { kind: "underwrite", block, member: member.id } as const;
    const offered = attempt(() =>
      offerUnderwriting({ account: account.box, underwriter, raiseUnits: raise, stakeNanoErg }, { height, wallet: { utxos: boxes.wallet(key.ergoTree), changeAddress: key.address }, feeNanoErg: scenario.txFeeNanoErg }),
    );
    if ("reason" in offered) return void this.refuse({ ...base, underwriting: this.detail("offer", pending) }, offered.reason);
    const offerTx = predict(offered.unsigned);
    const offer = offerTx.outputs.find((o) => o.ergoTree === UNDERWRITING_ERGO_TREE)!;
    const stake: HeldStake = { ...pending, stakeId: offer.boxId };
    this.send(offered.unsigned, offerTx, [key.secretKey], block, height, this.ctx.log.accepted({ ...base, underwriting: this.detail("offer", stake) }), () => () => {});
    const accepted = attempt(() =>
      acceptUnderwriting({ offer, account: boxes.account(account.accountId) }, { height, wallet: { utxos: boxes.wallet(driver.funder.ergoTree), changeAddress: driver.funder.address }, feeNanoErg: scenario.txFeeNanoErg }),
    );
    if ("reason" in accepted) return void this.refuse({ ...base, underwriting: this.detail("accept", stake) }, accepted.reason);
    const acceptTx = predict(accepted.unsigned);
    const box = acceptTx.outputs.find((o) => o.ergoTree === UNDERWRITING_ERGO_TREE)!;
    this.send(accepted.unsigned, acceptTx, [this.key(member.id).secretKey, driver.funder.secretKey], block, height, this.ctx.log.accepted({ ...base, underwriting: this.detail("accept", stake) }), () => {
      const undo = this.ctx.ledger.raiseLimit(member.id, raise);
      this.stakes.set(member.id, { ...stake, box });
      this.underwritten.add(member.id);
      return () => (this.stakes.delete(member.id), this.underwritten.delete(member.id), undo());
    });
  }

  /** Once, before the first offer: the funder pays every underwriter its stakes for the run. */
  private fundUnderwriters(block: number, height: number): void {
    if (this.funded) return;
    this.funded = true;
    const { boxes, scenario, driver } = this.ctx;
    const nanoErg = underwriterFundingNanoErg(scenario, this.spec, scenario.members);
    const recipients = Array.from({ length: this.spec.underwriters }, (_, u) => {
      const key = this.underwriterKey(u);
      boxes.track(key.ergoTree);
      return { address: key.address, nanoErg };
    });
    const funding = this.funding(recipients, height);
    this.send(funding.unsigned, funding.predicted, [driver.funder.secretKey], block, height, undefined, () => () => {});
  }

  private detail(step: UnderwritingDetail["step"], s: HeldStake): UnderwritingDetail {
    return { step, underwriter: s.underwriter, stakeId: s.stakeId, raise: s.raise, stakeNanoErg: s.stakeNanoErg };
  }
}
