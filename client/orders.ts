/**
 * Payment orders over HTTP (contract version 5, docs/batches.md), on top of a `LetsOverHttp`: a
 * member signs an order offline (no transaction: it reads its live account only for the order's
 * number and the tip for its expiry), a settler settles many orders in batch transactions from its
 * own wallet, and an owner revokes unsettled orders by raising its account's `nextSeq`. Plain
 * communities only: economics accounts have no order path.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { TransactionBuilder } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import { serializeTransaction } from "@fleet-sdk/serializer";
import { DEFAULT_FEE, finish, MIN_BOX_VALUE, totalValue, type Account, type OrderRefusal, type OrderRefused } from "../contracts/index.ts";
import { planSettlement, settle, verifierOutput } from "../contracts/builders/settle.ts";
import { revoke } from "../contracts/builders/revoke.ts";
import { orderId, signOrder, type SignedOrder } from "../contracts/orders.ts";
import { BATCH_ERGO_TREE } from "../contracts/scripts.ts";
import { STORAGE_PERIOD_BLOCKS } from "../contracts/parameters.ts";
import { ClientError } from "./errors.ts";
import { LinesOverHttp } from "./lines.ts";
import { accountPaysFee, soleAccount, type CommunityView, type Identity, type KeyHolder, type LetsOverHttp, type Plan, type Submitted } from "./lets-over-http.ts";

/** How long an order stays valid unless told otherwise: 720 blocks, about a day. */
export const DEFAULT_ORDER_EXPIRY_BLOCKS = 720;
/** The node's largest transaction (`maxTransactionSize`); at about 800 bytes per leg it binds long before the cost limit (1,000,000). */
export const MAX_SETTLEMENT_BYTES = 98_304;
/** Bytes a single key's proof adds to an input when signed (a Schnorr proof: 24-byte challenge, 32-byte response). */
const PROOF_BYTES = 56;
/** A batch box this close to a storage period old is left alone: its spender must be mined first. */
const BATCH_BOX_MARGIN_BLOCKS = 720;

/** Payment orders and batches are for plain communities: economics accounts have no order path. */
export class OrdersNeedPlainCommunity extends ClientError {
  constructor(readonly communityId: string, readonly communityName: string) {
    super(`${communityName} is an economics community: payment orders and batch settlement are for plain communities (docs/batches.md)`);
  }
}

/** An account an order names is not open in the community. */
export class NoSuchAccount extends ClientError {
  constructor(readonly communityId: string, readonly accountId: string) {
    super(`no open account ${accountId} in community ${communityId}`);
  }
}

/** An order number below the payer's `nextSeq`: such an order could never settle. */
export class OrderNumberUsed extends ClientError {
  constructor(readonly accountId: string, readonly seq: bigint, readonly nextSeq: bigint) {
    super(`order number ${seq} of account ${accountId} is settled or revoked already; its next order is number ${nextSeq}`);
  }
}

/** A later batch failed after earlier ones were sent: those stand (they are in the mempool), and `settlement` says what they settled. */
export class SettlementIncomplete extends ClientError {
  constructor(readonly settlement: Settlement, cause: unknown) {
    const sent = settlement.batches.map((b) => b.id).join(", ");
    super(`${settlement.settled.length} orders settled (transactions ${sent}), then: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Even a batch of one order is larger than the size asked for: no split can help. */
export class SettlementTooLarge extends ClientError {
  constructor(readonly orderId: string, readonly bytes: number, readonly maxBytes: number) {
    super(`order ${orderId} alone needs a batch of ${bytes} bytes, more than the ${maxBytes} allowed`);
  }
}

/** What a payer orders; the payee by account id. */
export interface OrderIntent {
  payee: string;
  amount: bigint;
  /** The order's number; default the payer account's live `nextSeq`. */
  seq?: bigint;
  /** Blocks from the tip the order stays valid; default `DEFAULT_ORDER_EXPIRY_BLOCKS`. */
  expiryBlocks?: number;
  /** The payer's account, when its key owns several in the community. */
  payerAccountId?: string;
}

/** An order a settlement could not take, and why. */
export interface RefusedOrder {
  orderId: string;
  order: SignedOrder;
  kind: OrderRefusal;
  /** Why, in words (the refusal's message without the order id). */
  reason: string;
  error: OrderRefused;
}

/** An order a batch settled. */
export interface SettledOrder {
  orderId: string;
  order: SignedOrder;
  txId: string;
}

/** What `settleOrders` did: each order settled or refused, and the transactions it sent. */
export interface Settlement {
  settled: SettledOrder[];
  refused: RefusedOrder[];
  /** The batch transactions, in the order they chain in the mempool. */
  batches: Submitted[];
  /** The transaction that created the first batch box, when the settler had none. */
  batchBoxCreated?: Submitted;
}

/** Refuses an economics community, whose accounts have no order sequence. */
export function requirePlain(view: CommunityView): CommunityView {
  if (view.community.policy.economics) throw new OrdersNeedPlainCommunity(view.community.communityId, view.community.metadata.name);
  return view;
}

/** The open account `accountId` of a community. */
export function openAccount(view: CommunityView, accountId: string): Account {
  const account = view.accounts.find((a) => a.accountId === accountId);
  if (!account) throw new NoSuchAccount(view.community.communityId, accountId);
  return account;
}

/** The size a transaction will have once its single-key inputs carry their proofs. */
export function signedBytes(unsigned: Parameters<typeof serializeTransaction>[0], keyInputs: number): number {
  return serializeTransaction(unsigned).toBytes().length + PROOF_BYTES * keyInputs;
}

const reasonOf = (error: OrderRefused): string => error.message.replace(/^payment order \S+ cannot be settled: /, "");

/** Payment orders over HTTP. */
export class OrdersOverHttp {
  constructor(readonly lets: LetsOverHttp) {}

  /**
   * `payer` signs an order to pay `intent.amount` units from its account to `intent.payee`. No
   * transaction: the node is read for the payer's next order number and the tip (the expiry
   * counts from it). `view` saves a read when the caller has the community already.
   */
  async signOrder(communityId: string, payer: KeyHolder, intent: OrderIntent, view?: CommunityView): Promise<SignedOrder> {
    const [live, height] = await Promise.all([view ?? this.lets.community(communityId), this.lets.node.height()]);
    requirePlain(live);
    const account = intent.payerAccountId === undefined ? soleAccount(live, payer) : openAccount(live, intent.payerAccountId);
    openAccount(live, intent.payee);
    const nextSeq = account.nextSeq!;
    const seq = intent.seq ?? nextSeq;
    if (seq < nextSeq) throw new OrderNumberUsed(account.accountId, seq, nextSeq);
    const expiry = BigInt(height + (intent.expiryBlocks ?? DEFAULT_ORDER_EXPIRY_BLOCKS));
    const order = { communityId, payer: account.accountId, payee: intent.payee, amount: intent.amount, seq, expiry };
    return signOrder(order, hex.decode(payer.secretKey));
  }

  /**
   * Settles `orders` with `settler`'s key and wallet, in as many batch transactions as the
   * node's transaction size needs, chained in the mempool. Each batch is planned on the live
   * accounts (mempool applied): an order that cannot settle is refused with its reason and never
   * sent. A settler with no batch box of its own first creates one; each batch creates the next.
   */
  async settleOrders(communityId: string, orders: readonly SignedOrder[], settler: KeyHolder, options: { maxBytes?: number } = {}): Promise<Settlement> {
    const maxBytes = options.maxBytes ?? MAX_SETTLEMENT_BYTES;
    let pending = [...new Map(orders.map((o) => [orderId(o), o])).values()];
    const result: Settlement = { settled: [], refused: [], batches: [] };
    let maxLegs: number | undefined;
    while (pending.length > 0) {
      const view = requirePlain(await this.lets.community(communityId));
      const tip = await this.lets.tip();
      try {
        const plan = planSettlement(view.accounts.map((a) => a.box), pending, tip.height, maxLegs === undefined ? {} : { maxLegs });
        if (plan.legs.length > 0) {
          const verifier = (await this.batchBox(settler, tip.height)) ?? (await this.createBatchBox(settler, tip.height, result));
          const unsigned = settle({ verifier, plan }, { height: tip.height, wallet: await this.lets.wallet(settler) });
          const bytes = signedBytes(unsigned, unsigned.inputs.length - 1 - plan.accounts.length);
          if (bytes > maxBytes) {
            // One leg is as few as a batch can have (this looped for ever once account boxes grew).
            if (plan.legs.length === 1) throw new SettlementTooLarge(plan.legs[0]!.orderId, bytes, maxBytes);
            // Fewer legs, in proportion, and plan again: which accounts a batch spends depends on its legs.
            maxLegs = Math.max(1, Math.min(plan.legs.length - 1, Math.floor((plan.legs.length * maxBytes) / bytes)));
            continue;
          }
          const submitted = await this.lets.signAndSubmit(unsigned, settler, tip);
          result.batches.push(submitted);
          result.settled.push(...plan.legs.map((l) => ({ orderId: l.orderId, order: l.order, txId: submitted.id })));
        }
        result.refused.push(...plan.refused.map(({ order, error }) => ({ orderId: error.orderId, order, kind: error.kind, reason: reasonOf(error), error })));
        const done = new Set([...plan.legs.map((l) => l.orderId), ...plan.refused.map((r) => r.error.orderId)]);
        if (done.size === 0) break;
        pending = pending.filter((o) => !done.has(orderId(o)));
      } catch (error) {
        throw result.batches.length > 0 ? new SettlementIncomplete(result, error) : error;
      } finally {
        tip.context.free();
      }
    }
    return result;
  }

  /**
   * The settler's newest unspent batch box: one created by a transaction whose change the settler
   * still holds (its own batch-box creation or its last batch), younger than a storage period.
   */
  async batchBox(settler: Identity, height: number): Promise<Box<Amount> | undefined> {
    const [boxes, wallet] = await Promise.all([new LinesOverHttp(this.lets).unspentByErgoTree(BATCH_ERGO_TREE), this.lets.wallet(settler)]);
    const ours = new Set(wallet.utxos.map((b) => b.transactionId));
    const young = height + 1 - STORAGE_PERIOD_BLOCKS + BATCH_BOX_MARGIN_BLOCKS;
    return boxes.filter((b) => ours.has(b.transactionId) && b.creationHeight > young).sort((a, b) => b.creationHeight - a.creationHeight)[0];
  }

  /** Creates a batch box from the settler's wallet (anyone may; its ERG returns to whoever spends it). */
  private async createBatchBox(settler: KeyHolder, height: number, result: Settlement): Promise<Box<Amount>> {
    const wallet = await this.lets.wallet(settler);
    const builder = new TransactionBuilder(height).from(wallet.utxos).to(verifierOutput()).payFee(DEFAULT_FEE).sendChangeTo(wallet.changeAddress);
    const unsigned = finish(builder, totalValue(wallet.utxos), MIN_BOX_VALUE + DEFAULT_FEE);
    result.batchBoxCreated = await this.lets.submit(settler, () => unsigned);
    const box = result.batchBoxCreated.signed.outputs.find((o) => o.ergoTree === BATCH_ERGO_TREE);
    if (!box) throw new Error(`transaction ${result.batchBoxCreated.id} created no batch box`);
    return box;
  }

  /**
   * `member` revoking its unsettled orders: its account's `nextSeq` rises to `nextSeq` (default one
   * more), voiding every unsettled order numbered below it. The fee comes from the account's ERG
   * while it lasts, else from the member's wallet.
   */
  async planRevoke(member: Identity, account: Account, nextSeq?: bigint): Promise<Plan> {
    const wallet = accountPaysFee(account) ? undefined : await this.lets.wallet(member);
    return (height) => revoke({ account: account.box, nextSeq }, { height, wallet });
  }

  /** `holder` revokes its unsettled orders below `nextSeq` (default: its next order only). */
  async revoke(communityId: string, holder: KeyHolder, nextSeq?: bigint): Promise<Submitted> {
    const account = soleAccount(requirePlain(await this.lets.community(communityId)), holder);
    return this.lets.submit(holder, await this.planRevoke(holder, account, nextSeq));
  }
}
