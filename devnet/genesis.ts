/** The devnet's genesis state: one box for each development account and one for the faucet. */
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import { serializeBox } from "@fleet-sdk/serializer";
import { devAccount, devAccounts } from "../ergo/keys.ts";
import type { NodeBox } from "../ergo/types.ts";

/** Index of the faucet key that funds `/devnet/fund`; not one of the documented accounts. */
export const FAUCET_INDEX = 1000;
/** ERG each development account holds at genesis, in nanoERG. */
export const DEV_ACCOUNT_FUNDS = 100_000n * 1_000_000_000n;
/** ERG the faucet holds at genesis, in nanoERG. */
export const FAUCET_FUNDS = 10_000_000n * 1_000_000_000n;

/** Id of the pseudo transaction that created the genesis boxes. */
export const GENESIS_TRANSACTION_ID = hex.encode(blake2b256(utf8.decode("lets-devnet-genesis")));

function genesisBox(ergoTree: string, value: bigint, index: number): NodeBox {
  const box = { value, ergoTree, creationHeight: 0, assets: [], additionalRegisters: {}, transactionId: GENESIS_TRANSACTION_ID, index };
  const boxId = hex.encode(blake2b256(serializeBox(box).toBytes()));
  return { boxId, ...box };
}

/** Genesis boxes: development accounts 0..9, then the faucet. */
export function genesisBoxes(): NodeBox[] {
  const boxes = devAccounts().map((a, i) => genesisBox(a.ergoTree, DEV_ACCOUNT_FUNDS, i));
  boxes.push(genesisBox(devAccount(FAUCET_INDEX).ergoTree, FAUCET_FUNDS, boxes.length));
  return boxes;
}
