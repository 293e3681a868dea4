/**
 * `lets order`: sign a payment order (a cheque, docs/batches.md) with your key, offline: no
 * transaction, nothing sent. The payee, or anyone, settles it later with `lets settle`.
 */
import { writeFile } from "node:fs/promises";
import { creditLeft, type Account } from "../../../contracts/index.ts";
import { LONG_MAX } from "../../../contracts/long.ts";
import { encodeOrder, orderId, orderToJson } from "../../../contracts/orders.ts";
import { DEFAULT_ORDER_EXPIRY_BLOCKS, OrdersOverHttp, requirePlain } from "../../../client/orders.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { canSign } from "../keys.ts";
import { ownAccount, parsePayeeTarget, payeeAccount } from "./accounts.ts";
import { amountSyntax, parseUnits } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import type { UnitFormat } from "./errors.ts";
import { commonUsage, idOption, integerOption, parseActionArgs } from "./options.ts";
import { bigintsAsStrings, Session } from "./session.ts";

/** The latest expiry an order can carry is a block height in an Int. */
const MAX_EXPIRY_BLOCKS = 0x7fffffffn;

/** The common options' usage without the ones that only build (--address, --unsigned): for commands that must hold the secret. */
export const signingUsage = commonUsage.split("\n").filter((line) => !/^\s+--(address|unsigned)\b/.test(line)).join("\n");

/** `--expiry-blocks`: a whole number of blocks from 1. */
export function expiryBlocksOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const blocks = integerOption("expiry-blocks", text, MAX_EXPIRY_BLOCKS);
  if (blocks === 0n) throw new CliError("--expiry-blocks must be at least 1: an order must stay valid until the next block", ExitCode.usage);
  return Number(blocks);
}

/**
 * What would keep the order from settling if it settled now; a note, not a refusal: the balances
 * may move before it is settled (and earlier unsettled orders are not counted).
 */
export function settlementNotes(payer: Account, payee: Account, amount: bigint, units: UnitFormat): string[] {
  const notes: string[] = [];
  if (amount > creditLeft(payer)) notes.push(`note: your credit left is ${units(creditLeft(payer))} now: this order cannot settle until your balance rises`);
  const payeeAfter = payee.balance + amount;
  if (payeeAfter > payee.terms.positiveCap) notes.push(`note: the payee would reach ${units(payeeAfter)}, above its positive cap of ${units(payee.terms.positiveCap)}: this order cannot settle until its balance falls`);
  return notes;
}

/** `lets order` */
export const orderCommand: Command = {
  summary: "sign a payment order offline (a cheque): nothing is sent until someone settles it",
  usage: `lets order --community ID --to ADDRESS|ACCOUNT_ID --amount N [--expiry-blocks B] [--seq S]
           [--out FILE] [--account ID] [key] [options]

  --community ID          a plain community (its token id); economics communities have no orders
  --to X                  the payee: an address (its one account here) or an account id
  --amount N              what the payee gets, in the community's units
  --expiry-blocks B       the order can be settled until B blocks from now (default ${DEFAULT_ORDER_EXPIRY_BLOCKS})
  --seq S                 the order's number (default: your account's next, from the node). Orders
                          settle in number order: sign a second order before the first settles
                          with the next number
  --out FILE              also write the order's JSON to FILE (what 'lets settle FILE' reads)
  --account ID            your account, when your address owns several in this community
${signingUsage}

  The order is signed with your key (--dev-account or --mnemonic) and printed as JSON and as one
  line, 'lets-order:…', that fits a QR code. Nothing is sent: the units leave your account when a
  batch settles the order ('lets settle'), if your credit allows it then. 'lets revoke' voids it.
  Exit codes: 0 signed, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      community: { type: "string" },
      to: { type: "string" },
      amount: { type: "string" },
      "expiry-blocks": { type: "string" },
      seq: { type: "string" },
      out: { type: "string" },
      account: { type: "string" },
    });
    if (values.unsigned) throw new CliError("an order is not a transaction: it is signed with your key (--dev-account or --mnemonic), not printed for a wallet (--unsigned)", ExitCode.usage);
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const payerAccountId = values.account === undefined ? undefined : idOption("account", values.account);
    if (values.to === undefined) throw new CliError("--to is required: the payee's address or account id", ExitCode.usage);
    const target = parsePayeeTarget(values.to, session.network);
    if (values.amount === undefined) throw new CliError("--amount is required: what the payee gets, in the community's units", ExitCode.usage);
    amountSyntax(values.amount, "--amount");
    const expiryBlocks = expiryBlocksOption(values["expiry-blocks"]);
    const seq = values.seq === undefined ? undefined : integerOption("seq", values.seq, LONG_MAX - 1n);
    if (values.out === "") throw new CliError("--out needs a file name", ExitCode.usage);
    return session.run("required", async (key) => {
      if (!canSign(key)) throw new CliError("an order is signed with your secret key: use --dev-account or --mnemonic", ExitCode.usage);
      const view = requirePlain(await session.lets.community(communityId));
      const { metadata } = view.community;
      const units = (session.units = unitFormat(metadata));
      const payer = ownAccount(view, key, payerAccountId);
      const payee = payeeAccount(view, target);
      const amount = parseUnits(values.amount!, metadata.decimals, "--amount", { unit: metadata.symbol });
      for (const note of settlementNotes(payer, payee, amount, units)) session.info(note);
      const signed = await new OrdersOverHttp(session.lets).signOrder(communityId, key, { payee: payee.accountId, amount, seq, expiryBlocks, payerAccountId: payer.accountId }, view);
      const json = orderToJson(signed);
      const text = encodeOrder(signed);
      const id = orderId(signed);
      if (values.out !== undefined) await writeOut(values.out, `${JSON.stringify(json, bigintsAsStrings, 2)}\n`);
      session.result(
        [
          `order ${id}: ${units(amount)} from account ${payer.accountId} to ${values.to} (account ${payee.accountId})`,
          `  number ${signed.seq}, valid until height ${signed.expiry}; nothing is sent until it is settled ('lets settle')`,
          ...(values.out !== undefined ? [`  written to ${values.out}`] : []),
          JSON.stringify(json, null, 2),
          text,
        ],
        { orderId: id, communityId, order: json, text },
      );
      return ExitCode.ok;
    });
  },
};

async function writeOut(file: string, content: string): Promise<void> {
  try {
    await writeFile(file, content);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ExitCode.failure, { cause: error });
  }
}
