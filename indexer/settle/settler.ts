/**
 * One round of the settlement service (docs/batches.md): for each community with pending orders,
 * read its live accounts from the node (its mempool applied: the mirror may lag, and spending
 * needs the newest boxes), plan with `planSettlement` (it refuses what cannot settle now; the
 * reason is noted on the order, which stays pending while it may settle later), build with
 * `settle` on a batch box, sign with the settler's key, submit, and note the transaction on the
 * orders it carries. Nothing here can settle an order twice: the batch contract settles a payer's
 * orders only from its nextSeq and moves nextSeq past them, and the plan reads nextSeq from the
 * node's newest boxes, so a second settler (or this one after a crash) at worst wastes a transaction.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { serializeTransaction } from "@fleet-sdk/serializer";
import { planSettlement, settle, type SettlementPlan } from "../../contracts/builders/settle.ts";
import type { KeyHolder, LetsOverHttp, Tip } from "../../client/lets-over-http.ts";
import { indexedTip, markSubmitted, noteReasons } from "../db/order-book.ts";
import type { Db } from "../db/queries/common.ts";
import { listOrders, type OrderView } from "../db/queries/orders.ts";
import type { Logger } from "../log.ts";
import { findBatchBox, makeBatchBox, unspentByTree } from "./batch-box.ts";

/** Where a test stops a round, as a crash would. */
export interface SettleHooks {
  /** Just before the signed settlement goes to the node. */
  beforeSubmit?(unsigned: EIP12UnsignedTransaction): void | Promise<void>;
  /** Just after the node took it, before the orders are marked. */
  afterSubmit?(txId: string): void | Promise<void>;
}

/** What a round needs. */
export interface SettleRound {
  db: Db;
  lets: LetsOverHttp;
  settler: KeyHolder & { ergoTree: string };
  /** Most orders per settlement (the node's transaction limits; docs/batches.md). */
  maxOrders: number;
  logger: Logger;
  hooks?: SettleHooks;
}

/** What a round did: the settlements it submitted. */
export interface RoundOutcome {
  submitted: { communityId: string; txId: string; orders: number }[];
}

const PAGE = 1_000;

/** Every pending order, by community. */
async function pendingByCommunity(db: Db): Promise<Map<string, OrderView[]>> {
  const byCommunity = new Map<string, OrderView[]>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await listOrders(db, { status: "pending", limit: PAGE, offset, order: "asc" });
    for (const order of page.items) byCommunity.set(order.communityId, [...(byCommunity.get(order.communityId) ?? []), order]);
    if (page.items.length < PAGE) return byCommunity;
  }
}

const signedOrder = (o: OrderView) => ({
  communityId: o.communityId, payer: o.payer, payee: o.payee, amount: BigInt(o.amount), seq: BigInt(o.seq), expiry: BigInt(o.expiry),
  signature: { commitment: o.signature.commitment, response: BigInt(o.signature.response) },
});

/** The node's largest transaction (`maxTransactionSize`); a settlement's legs bind it long before the cost limit. */
const MAX_SETTLEMENT_BYTES = 98_304;
/** Bytes a single key's proof adds to an input once signed. */
const PROOF_BYTES = 56;

/** The settlement of `plan` on the settler's own batch box (made first when it has none), its wallet paying. */
async function build(round: SettleRound, plan: SettlementPlan, tip: Tip): Promise<EIP12UnsignedTransaction> {
  const { lets, settler } = round;
  let wallet = await unspentByTree(lets.node, settler.ergoTree);
  let verifier = await findBatchBox(lets.node, wallet, tip.height);
  if (!verifier) {
    verifier = await makeBatchBox(lets, settler, wallet, tip);
    wallet = await unspentByTree(lets.node, settler.ergoTree);
  }
  return settle({ verifier, plan }, { height: tip.height, wallet: { utxos: wallet, changeAddress: settler.address } });
}

/** Settles what can be settled of `orders` (one community's) now; returns the settlement submitted, if any. */
async function settleCommunity(round: SettleRound, communityId: string, orders: OrderView[]): Promise<{ txId: string; orders: number } | undefined> {
  const { db, lets, settler } = round;
  const view = await lets.findCommunity(communityId);
  if (!view) return undefined;
  const boxes = view.accounts.filter((a) => a.nextSeq !== undefined).map((a) => a.box);
  const tip = await lets.tip();
  try {
    for (let maxLegs = round.maxOrders; ; ) {
      const plan = planSettlement(boxes, orders.map(signedOrder), tip.height, { maxLegs });
      await noteReasons(db, new Map(plan.refused.map((r) => [r.error.orderId, `${r.error.kind}: ${r.error.message}`])));
      if (plan.legs.length === 0) return undefined;
      const unsigned = await build(round, plan, tip);
      const bytes = serializeTransaction(unsigned).toBytes().length + PROOF_BYTES * (unsigned.inputs.length - 1 - plan.accounts.length);
      if (bytes > MAX_SETTLEMENT_BYTES && plan.legs.length > 1) {
        // Fewer legs, in proportion, and plan again: which accounts a settlement spends depends on its legs.
        maxLegs = Math.max(1, Math.min(plan.legs.length - 1, Math.floor((plan.legs.length * MAX_SETTLEMENT_BYTES) / bytes)));
        continue;
      }
      await round.hooks?.beforeSubmit?.(unsigned);
      const { id } = await lets.signAndSubmit(unsigned, settler, tip);
      await round.hooks?.afterSubmit?.(id);
      await markSubmitted(db, plan.legs.map((l) => l.orderId), id, await indexedTip(db));
      return { txId: id, orders: plan.legs.length };
    }
  } finally {
    tip.context.free();
  }
}

/** One round over every community with pending orders; a community that fails is logged and left for the next round. */
export async function settleRound(round: SettleRound): Promise<RoundOutcome> {
  const outcome: RoundOutcome = { submitted: [] };
  for (const [communityId, orders] of await pendingByCommunity(round.db)) {
    try {
      const done = await settleCommunity(round, communityId, orders);
      if (!done) continue;
      outcome.submitted.push({ communityId, ...done });
      round.logger.info(`submitted a settlement of ${done.orders} orders in community ${communityId}: ${done.txId}`);
    } catch (error) {
      round.logger.warn(`settling in community ${communityId}: ${error instanceof Error ? error.message : String(error)}; retrying after the next block`);
    }
  }
  return outcome;
}
