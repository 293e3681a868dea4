/**
 * The devnet's development accounts: one well-known mnemonic (never use it for real funds),
 * addresses at EIP-3 paths m/44'/429'/0'/0/i as Nautilus derives them, on testnet addresses.
 */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { ErgoHDKey } from "@fleet-sdk/wallet";
import { hex } from "@fleet-sdk/crypto";

/** The public development mnemonic (the same one Hardhat and Anvil use). */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** How many funded development accounts the devnet documents. */
export const DEV_ACCOUNT_COUNT = 10;
/** Index of the faucet key that funds `/devnet/fund`; not one of the documented accounts. */
export const FAUCET_INDEX = 1000;
/** ERG each development account holds at genesis, in nanoERG. */
export const DEV_ACCOUNT_FUNDS = 100_000n * 1_000_000_000n;
/** ERG the faucet holds at genesis, in nanoERG. */
export const FAUCET_FUNDS = 10_000_000n * 1_000_000_000n;

/** A development account with its key material. */
export interface DevAccount {
  index: number;
  address: string;
  ergoTree: string;
  publicKey: string;
  /** 32-byte secret key (hex); keep it inside the process. */
  secretKey: string;
  mnemonic: string;
  path: string;
}

let root: ErgoHDKey | undefined;

/** The account at EIP-3 index `index` of the development mnemonic. */
export function devAccount(index: number): DevAccount {
  root ??= ErgoHDKey.fromMnemonicSync(DEV_MNEMONIC);
  const path = `m/44'/429'/0'/0/${index}`;
  const key = root.derive(path);
  const address = ErgoAddress.fromPublicKey(key.publicKey, Network.Testnet);
  if (!key.privateKey) throw new Error("derived key has no private key");
  return {
    index,
    address: address.encode(Network.Testnet),
    ergoTree: address.ergoTree,
    publicKey: hex.encode(key.publicKey),
    secretKey: hex.encode(key.privateKey),
    mnemonic: DEV_MNEMONIC,
    path,
  };
}

/** The ten documented development accounts. */
export function devAccounts(): DevAccount[] {
  return Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => devAccount(i));
}
