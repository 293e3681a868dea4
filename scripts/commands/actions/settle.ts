/**
 * `lets settle`: settle signed payment orders (docs/batches.md) in batch transactions, with your
 * key as the settler: your wallet pays the fees, no member signs. Orders that cannot settle now
 * are refused with their reason and never sent.
 */
import { orderId, type SignedOrder } from "../../../contracts/orders.ts";
import { OrdersOverHttp, type Settlement } from "../../../client/orders.ts";
import { CliError, ExitCode, parseCommandArgs, type Command } from "../command.ts";
import { canSign, refuseMnemonicArgument } from "../keys.ts";
import { unitFormat } from "./describe.ts";
import type { UnitFormat } from "./errors.ts";
import { ordersOfAll, readSources } from "./order-input.ts";
import { commonOptions, idOption } from "./options.ts";
import { signingUsage } from "./order.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** Where `lets settle` reads orders from; tests replace it. */
let ordersInput: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin;

/** For tests: read stdin's orders from this stream. */
export function setOrdersInput(input: (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined): void {
  ordersInput = input ?? process.stdin;
}

/** The options and the files named; `-` (or none, from a pipe) is stdin. */
export function parseSettleArgs(args: readonly string[]) {
  refuseMnemonicArgument(args);
  let parsed;
  try {
    parsed = parseCommandArgs(args, { allowPositionals: true, options: { ...commonOptions, community: { type: "string" } } });
  } catch (error) {
    if (error instanceof CliError) throw new CliError(error.message.split("\n")[0]!, error.exitCode, { cause: error });
    throw error;
  }
  const { values, positionals } = parsed;
  if (values.unsigned) throw new CliError("a settlement is signed with the settler's key (--dev-account or --mnemonic); --unsigned is not supported", ExitCode.usage);
  const communityId = idOption("community", values.community);
  const files = positionals.length > 0 ? positionals : ["-"];
  if (files.includes("-") && positionals.length === 0 && ordersInput.isTTY) {
    throw new CliError("name the order files, or - to read orders from stdin", ExitCode.usage);
  }
  if (files.includes("-") && values.mnemonic && !process.env.LETS_MNEMONIC) {
    throw new CliError("stdin carries the orders: give the mnemonic in $LETS_MNEMONIC", ExitCode.usage);
  }
  return { values, communityId, files };
}

const legLine = (order: SignedOrder, units: UnitFormat) => `${units(order.amount)} from account ${order.payer} to account ${order.payee}, number ${order.seq}`;

/** The human lines of a settlement. */
function inWords(settlement: Settlement, units: UnitFormat): string[] {
  const { settled, refused, batches, batchBoxCreated } = settlement;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return [
    ...(batchBoxCreated ? [`created a batch box first (transaction ${batchBoxCreated.id})`] : []),
    ...(settled.length > 0 ? [`settled ${count(settled.length, "order")} in ${count(batches.length, "batch")}:`] : ["nothing settled"]),
    ...settled.map((s) => `  order ${s.orderId}: ${legLine(s.order, units)}`),
    ...(refused.length > 0 ? [`refused ${count(refused.length, "order")}:`] : []),
    ...refused.map((r) => `  order ${r.orderId} (${legLine(r.order, units)}): ${r.reason}`),
    ...batches.map((b) => sentLine(b.id)),
  ];
}

const orderFields = (order: SignedOrder) => ({ payer: order.payer, payee: order.payee, amount: order.amount.toString(), seq: order.seq.toString() });

/** `lets settle` */
export const settleCommand: Command = {
  summary: "settle signed payment orders in one batch (or as many as the size limit needs); anyone may",
  usage: `lets settle --community ID [FILE ...|-] [key] [options]

  --community ID          the plain community the orders are for (its token id)
  FILE                    orders: JSON (as 'lets order --out' or --json writes it, or an array of
                          them) or lines of 'lets-order:…' text; - (or no FILE, from a pipe) reads
                          stdin
${signingUsage}

  Each payer's orders settle in number order from its account's next; an order that cannot settle
  now (settled or revoked already, expired, a bad signature, past the payer's credit limit or the
  payee's cap, or waiting for an earlier number) is refused with its reason and never sent. The
  rest settle in one transaction, or in as many as the node's size limit needs, chained in the
  mempool. You are the settler: your wallet pays the fees; the first time, it also creates a batch
  box (a small box any settler may spend; each batch creates the next).
  Exit codes: 0 every order settled, 1 some or all refused (those settled are sent) or failed,
  2 bad usage or a malformed order (nothing sent).`,
  async run(args) {
    const { values, communityId, files } = parseSettleArgs(args);
    const orders = ordersOfAll(await readSources(files, ordersInput));
    const session = new Session(values);
    return session.run("required", async (key) => {
      if (!canSign(key)) throw new CliError("a settlement is signed with the settler's key: use --dev-account or --mnemonic", ExitCode.usage);
      const view = await session.lets.community(communityId);
      const units = (session.units = unitFormat(view.community.metadata));
      const settlement = await new OrdersOverHttp(session.lets).settleOrders(communityId, orders, key);
      session.result(inWords(settlement, units), {
        communityId,
        orders: new Set(orders.map(orderId)).size,
        settled: settlement.settled.map((s) => ({ orderId: s.orderId, ...orderFields(s.order), txId: s.txId })),
        refused: settlement.refused.map((r) => ({ orderId: r.orderId, ...orderFields(r.order), kind: r.kind, reason: r.reason })),
        txIds: settlement.batches.map((b) => b.id),
        batchBoxTxId: settlement.batchBoxCreated?.id ?? null,
      });
      return settlement.refused.length === 0 ? ExitCode.ok : ExitCode.failure;
    });
  },
};
