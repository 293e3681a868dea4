/**
 * Batch settlement shapes for `bench:contracts` (contract version 5, docs/batches.md): batches of
 * signed payment orders settled in one transaction, next to a batch of plain P2PK token transfers
 * of the same count built in the same run.
 *
 * - `batch-pairs-N`: N independent two-party payments, 2N distinct members (member 2i pays 2i+1).
 * - `batch-shop-N`: N customers each pay one shop (the busy shop of the issue).
 * - `reference-p2pk-batch-N`: one transaction in which N P2PK boxes each send one token to N
 *   recipients (N keys sign), the wallet-transfer equivalent of N payments.
 *
 * The accounts are placed in the bench world as a join writes them (the batch contract reads only
 * the boxes, not how they came to be), which keeps a 400-member set-up quick.
 */
import { createHash } from "node:crypto";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ErgoAddress, OutputBuilder, RECOMMENDED_MIN_FEE_VALUE, SAFE_MIN_BOX_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import { mockUTxO } from "@fleet-sdk/mock-chain";
import { SecretKey } from "ergo-lib-wasm-nodejs";
import { accountRegisters } from "../account/account.ts";
import { planSettlement, settle } from "../builders/settle.ts";
import { signOrder, type SignedOrder } from "../orders.ts";
import { ACCOUNT_ERGO_TREE, BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { TEST_POLICY } from "../testing/policy.ts";
import { World, type Member } from "../testing/world.ts";
import { secretOf, type Shape } from "./shape.ts";

/** The node's mempool limits on one transaction (Scala node defaults). */
export const MAX_TRANSACTION_BYTES = 98_304;
export const MAX_TRANSACTION_COST = 1_000_000;

const digest = (label: string) => createHash("sha256").update(label).digest("hex");
const COMMUNITY_ID = digest("lets-bench-batch-community");

/** A world with `count` plain accounts of one community, each at balance 0, and a settler. */
class BatchWorld {
  readonly world = new World(10_000);
  readonly members: Member[] = [];
  readonly settler: Member;

  constructor(count: number) {
    this.settler = this.world.member("settler", 1_000_000_000_000n);
    for (let i = 0; i < count; i++) {
      const member = this.world.member(`member-${i}`, 0n);
      this.members.push(member);
      this.world.addBox({
        ergoTree: ACCOUNT_ERGO_TREE,
        value: TEST_POLICY.collateralNanoErg + MIN_BOX_VALUE,
        assets: [{ tokenId: COMMUNITY_ID, amount: 1n }],
        additionalRegisters: accountRegisters({
          owner: member.owner,
          balance: 0n,
          terms: { creditLimit: 1_000n, positiveCap: 1_000_000n, collateralNanoErg: TEST_POLICY.collateralNanoErg, inactivityBlocks: 50n, joinedHeight: BigInt(this.world.height) },
          accountId: digest(`account-${i}`),
          lastActiveHeight: BigInt(this.world.height),
          nextSeq: 0n,
        }),
      });
    }
  }

  accountIdOf(i: number): string {
    return digest(`account-${i}`);
  }

  /** Builds the settlement of `pairs` ([payer, payee] member indexes, 5 units each) at the tip. */
  batch(name: string, pairs: [number, number][]): Shape {
    const w = this.world;
    const verifier = w.addBox({ ergoTree: BATCH_ERGO_TREE, value: MIN_BOX_VALUE });
    const orders: SignedOrder[] = pairs.map(([from, to]) =>
      signOrder(
        { communityId: COMMUNITY_ID, payer: this.accountIdOf(from), payee: this.accountIdOf(to), amount: 5n, seq: 0n, expiry: BigInt(w.height + 100) },
        secretOf(this.members[from]!),
      ),
    );
    const accounts = [...w.utxos.values()].filter((b) => b.ergoTree === ACCOUNT_ERGO_TREE);
    const plan = planSettlement(accounts, orders, w.height);
    if (plan.refused.length > 0) throw new Error(`${name}: ${plan.refused[0]!.error.message}`);
    const tx = settle({ verifier, plan, nextVerifiers: 0 }, { height: w.height, wallet: w.wallet(this.settler) });
    return { name, tx, secrets: [secretOf(this.settler)], height: w.height + 1 };
  }
}

function keyFor(label: string): { secret: bigint; address: ErgoAddress } {
  const secretHex = digest(label);
  const tree = SecretKey.dlog_from_bytes(Buffer.from(secretHex, "hex")).get_address().to_ergo_tree().to_base16_bytes();
  return { secret: BigInt(`0x${secretHex}`), address: ErgoAddress.fromErgoTree(tree) };
}

/** One transaction in which `count` P2PK boxes each send one token to a recipient; the fee from the first sender's ERG. */
export function referenceBatch(count: number, height: number): Shape {
  const token = digest("lets-reference-batch-token");
  const senders = Array.from({ length: count }, (_, i) => keyFor(`lets-reference-batch-sender-${i}`));
  const inputs = senders.map((s, i) =>
    mockUTxO({ ergoTree: s.address.ergoTree, value: SAFE_MIN_BOX_VALUE + (i === 0 ? RECOMMENDED_MIN_FEE_VALUE : 0n), assets: [{ tokenId: token, amount: 1n }], creationHeight: height - 1, transactionId: digest(`lets-reference-batch-funding-${i}`), index: 0 }),
  );
  const outputs = senders.map((_, i) => new OutputBuilder(SAFE_MIN_BOX_VALUE, keyFor(`lets-reference-batch-recipient-${i}`).address).addTokens({ tokenId: token, amount: 1n }));
  const tx: EIP12UnsignedTransaction = new TransactionBuilder(height).from(inputs, { ensureInclusion: true }).to(outputs).payFee(RECOMMENDED_MIN_FEE_VALUE).sendChangeTo(senders[0]!.address).build().toEIP12Object();
  return { name: `reference-p2pk-batch-${count}`, tx, secrets: senders.map((s) => s.secret), height: height + 1 };
}

/** The batch shapes: `sizes` of each kind, plus the largest of each kind (`max`) that fits the node's limits. */
export interface BatchShape extends Shape {
  kind: "pairs" | "shop" | "reference";
  payments: number;
}

/** Builds `batch-pairs-N` and `batch-shop-N` for each N of `sizes`, and the P2PK reference of each N. */
export function buildBatchShapes(sizes: number[]): BatchShape[] {
  const most = Math.max(...sizes);
  const bench = new BatchWorld(2 * most + 1);
  const shapes: BatchShape[] = [];
  for (const n of sizes) {
    const pairs = Array.from({ length: n }, (_, i): [number, number] => [2 * i, 2 * i + 1]);
    shapes.push({ ...bench.batch(`batch-pairs-${n}`, pairs), kind: "pairs", payments: n });
    const shop = 2 * most;
    const customers = Array.from({ length: n }, (_, i): [number, number] => [i, shop]);
    shapes.push({ ...bench.batch(`batch-shop-${n}`, customers), kind: "shop", payments: n });
    shapes.push({ ...referenceBatch(n, bench.world.height), kind: "reference", payments: n });
  }
  return shapes;
}
