/** `/devnet/fund`: a real, signed transaction from the faucet key to any address. */
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { devAccount } from "../ergo/keys.ts";
import { FAUCET_INDEX } from "./genesis.ts";
import type { Chain } from "./chain.ts";
import { isAddress } from "./routes/common.ts";
import { signWithDevAccounts } from "../ergo/signer.ts";
import { badRequest } from "./types.ts";
import type { NodeTransaction } from "../ergo/types.ts";

const MAX_FUNDING = 1_000_000n * 1_000_000_000n;

/** Sends `nanoErg` from the faucet to `address` through the normal submission path. */
export function fund(chain: Chain, address: string, nanoErg: bigint): NodeTransaction {
  if (!isAddress(address)) throw badRequest(`not a valid Ergo address: ${address}`);
  if (nanoErg < 1_000_000n || nanoErg > MAX_FUNDING) throw badRequest(`amount must be between 1000000 and ${MAX_FUNDING} nanoERG`);
  const faucet = devAccount(FAUCET_INDEX);
  const view = chain.view();
  const pooled = chain.mempool.list().flatMap((e) => e.tx.outputs);
  const utxos = [...chain.ledger.utxo.values(), ...pooled]
    .filter((b) => b.ergoTree === faucet.ergoTree && !view.spentBy(b.boxId))
    .map((b) => ({ ...b, value: b.value.toString(), assets: b.assets.map((a) => ({ tokenId: a.tokenId, amount: a.amount.toString() })) }));
  const unsigned = new TransactionBuilder(chain.height)
    .from(utxos)
    .to(new OutputBuilder(nanoErg, address))
    .sendChangeTo(faucet.address)
    .payMinFee()
    .build()
    .toEIP12Object();
  return chain.submit(signWithDevAccounts(unsigned, [FAUCET_INDEX], chain.nextBlockContext()));
}
