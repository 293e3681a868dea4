/**
 * The actions of a community with an exchange desk (docs/simulate.md, "The exchange desk"): those
 * of `ChainActions`, plus the committee (the funder) opening the desk before day 0 and members'
 * trades with it, built by the contracts' builders (`openDesk`, `buyFromDesk`, `sellToDesk`) on
 * the newest boxes. The desk box is followed here (the local boxes know accounts, the community and
 * wallets); in the ledger the desk is a unit holder beside the accounts, like a line's gateway.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import {
  buyFromDesk,
  DESK_ERGO_TREE,
  DeskLimitReached,
  openDesk,
  quoteBuy,
  quoteSell,
  ReserveTooLow,
  sellToDesk,
  type DeskTradeIntent,
} from "../../../contracts/index.ts";
import { predict, type Predicted } from "../../../ergo/predict.ts";
import type { Member } from "../members.ts";
import type { Outcome } from "../model.ts";
import type { DeskSpec } from "../scenario-desk.ts";
import { builderRefusal, ChainActions, type ActionContext } from "./actions.ts";

const NANO_PER_ERG = 1_000_000_000n;

/** A trade's refusal reason: the builders' usual ones, and the desk's limits and reserve. */
function deskRefusal(error: unknown): string | undefined {
  if (error instanceof DeskLimitReached) return `desk ${error.limit} limit`;
  if (error instanceof ReserveTooLow) return "desk reserve too low";
  return builderRefusal(error);
}

export class DeskActions extends ChainActions {
  /** The desk's id (the community box its opening spent) and its newest box. */
  deskId = "";
  private deskBox: Box<Amount> | undefined;

  constructor(
    ctx: ActionContext,
    readonly spec: DeskSpec,
  ) {
    super(ctx);
  }

  /** The committee opens the desk with the scenario's terms and reserve, in the setup (block -1). */
  openDesk(): void {
    const { boxes, scenario, driver } = this.ctx;
    const height = this.buildHeight(-1);
    const community = boxes.community!;
    const terms = {
      rateNum: this.spec.unitsPerErg, rateDen: NANO_PER_ERG, buyFeeBps: this.spec.buyFeeBps, sellFeeBps: this.spec.sellFeeBps,
      issueLimit: this.spec.issueLimit, periodBlocks: BigInt(scenario.blocksPerDay), memberLimit: this.spec.memberLimit,
      noticeBlocks: 0n, maxOracleAge: 1n, oracleNft: "",
    };
    const wallet = { utxos: boxes.wallet(driver.funder.ergoTree), changeAddress: driver.funder.address };
    const unsigned = openDesk({ community, terms, reserveNanoErg: this.spec.reserveNanoErg }, { height, wallet, feeNanoErg: scenario.txFeeNanoErg });
    this.deskId = community.boxId;
    this.sendWithDesk(unsigned, predict(unsigned), [driver.funder.secretKey], -1, height, undefined, () => () => {});
  }

  /**
   * A member's trade: a buy (the funder's wallet pays the ERG on the member's behalf, as anyone may;
   * the account is credited) or a sell (the member signs; the ERG goes to its wallet).
   */
  desk(member: Member, side: "buy" | "sell", units: bigint, block: number): Outcome {
    const { boxes, scenario, driver, ledger, log } = this.ctx;
    const height = this.buildHeight(block);
    const key = this.key(member.id);
    const payer = side === "buy" ? driver.funder : key;
    const base = { kind: "desk", block, member: member.id, amountUnits: units } as const;
    if (!this.deskBox) return this.refuse(base, "no desk");
    const intent: DeskTradeIntent = { desk: this.deskBox, account: boxes.account(this.accountOf.get(member.id)!), units };
    const ctx = { height, wallet: { utxos: boxes.wallet(payer.ergoTree), changeAddress: payer.address }, feeNanoErg: scenario.txFeeNanoErg };
    let built: { unsigned: EIP12UnsignedTransaction; nanoErg: bigint };
    try {
      const quote = side === "buy" ? quoteBuy(intent, height) : quoteSell(intent, height);
      built = { unsigned: side === "buy" ? buyFromDesk(intent, ctx) : sellToDesk(intent, ctx), nanoErg: quote.nanoErg };
    } catch (error) {
      const reason = deskRefusal(error);
      if (reason === undefined) throw error;
      return this.refuse(base, reason);
    }
    const event = log.accepted({ ...base, desk: { side, nanoErg: built.nanoErg } });
    const delta = side === "buy" ? units : -units;
    this.sendWithDesk(built.unsigned, predict(built.unsigned), [payer.secretKey], block, height, event, () => {
      const undoLeg = ledger.crossLeg(member.id, delta, block);
      const undoDesk = ledger.gateway(this.deskId, -delta, 0n);
      return () => (undoDesk(), undoLeg());
    });
    return { ok: true };
  }

  /** `send`, and the desk's newest box follows the transaction (and its undoing). */
  private sendWithDesk(unsigned: EIP12UnsignedTransaction, predicted: Predicted, keys: string[], block: number, height: number, event: Parameters<ChainActions["send"]>[5], effects: () => () => void): void {
    this.send(unsigned, predicted, keys, block, height, event, () => {
      const before = this.deskBox;
      this.deskBox = predicted.outputs.find((o) => o.ergoTree === DESK_ERGO_TREE);
      const undo = effects();
      return () => (undo(), (this.deskBox = before));
    });
  }
}
