/** Decoding a line or gateway box given to a builder, or refusing it with `NotALetsBox`; the ERG their successors hold. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { type OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { NotALetsBox } from "../errors.ts";
import { decodeGateway, decodeLine, type Gateway, type Line } from "../line/line.ts";
import { gatewayFloorNanoErg, lineFloorNanoErg } from "../line/floors.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";

export function requireLine(box: Box<Amount>): Line {
  const result = decodeLine(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "line", result.reason);
  return result.value;
}

export function requireGateway(box: Box<Amount>): Gateway {
  const result = decodeGateway(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "gateway", result.reason);
  return result.value;
}

/**
 * ERG for a line's successor: its own, or the floor when storage rent took a fee from it (the
 * contracts require more than two fees on every successor); the builder's wallet pays the difference.
 */
export function lineValue(line: Line): bigint {
  const floor = lineFloorNanoErg();
  return line.valueNanoErg < floor ? floor : line.valueNanoErg;
}

/** ERG for a gateway's successor, topped up to the floor in the same way. */
export function gatewayValue(gateway: Gateway): bigint {
  const floor = gatewayFloorNanoErg(gateway.side);
  return gateway.valueNanoErg < floor ? floor : gateway.valueNanoErg;
}

/**
 * The line builders' transaction: `inputs` all spent, `ctx.wallet` pays the fee and
 * `walletNanoErg` more (what the outputs hold beyond the inputs), change to the wallet.
 */
export function walletPaidTx(
  parts: { inputs: Box<Amount>[]; outputs: OutputBuilder[]; dataInputs?: Box<Amount>[]; burn?: { tokenId: string; amount: bigint }[] },
  ctx: BuildContext,
  walletNanoErg: bigint,
): EIP12UnsignedTransaction {
  const wallet = requireWallet(ctx);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const builder = new TransactionBuilder(ctx.height)
    .from(parts.inputs, { ensureInclusion: true })
    .from(wallet.utxos)
    .to(parts.outputs)
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  if (parts.dataInputs && parts.dataInputs.length > 0) builder.withDataFrom(parts.dataInputs);
  if (parts.burn && parts.burn.length > 0) builder.burnTokens(parts.burn);
  return finish(builder, totalValue(wallet.utxos), fee + walletNanoErg);
}
