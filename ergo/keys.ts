/**
 * Keys from mnemonics: EIP-3 addresses m/44'/429'/0'/0/i, as Nautilus derives them, and the
 * devnet's public development accounts (one well-known mnemonic, never for real funds, testnet
 * addresses). Secret keys stay in the process that derived them (and its signing workers).
 */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import { ErgoHDKey, validateMnemonic } from "@fleet-sdk/wallet";
import { ErgoError } from "./errors.ts";

/** The EIP-3 account-0 external chain: key `i` is at `${EIP3_CHAIN}/i`. */
export const EIP3_CHAIN = "m/44'/429'/0'/0";

/** A key that signs: address, public key, 32-byte secret (hex), and its P2PK ErgoTree. */
export interface DerivedKey {
  index: number;
  path: string;
  address: string;
  ergoTree: string;
  publicKey: string;
  /** 32-byte secret key (hex); keep it inside the process. */
  secretKey: string;
}

/** The mnemonic does not hold 12 to 24 valid BIP-39 words. */
export class InvalidMnemonic extends ErgoError {
  constructor() {
    super("the mnemonic is not a valid BIP-39 phrase (12 to 24 words with a valid checksum)");
  }
}

/** The EIP-3 account-0 external chain of a mnemonic (and optional passphrase); derives keys by index, caching them. */
export class KeyChain {
  private readonly parent: ErgoHDKey;
  private readonly cache = new Map<number, DerivedKey>();

  constructor(
    mnemonic: string,
    private readonly network: Network,
    passphrase = "",
  ) {
    const words = mnemonic.trim().toLowerCase().split(/\s+/).join(" ");
    if (!validateMnemonic(words)) throw new InvalidMnemonic();
    this.parent = ErgoHDKey.fromMnemonicSync(words, { passphrase }).derive(EIP3_CHAIN);
  }

  /** The key at m/44'/429'/0'/0/`index`. */
  key(index: number): DerivedKey {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const child = this.parent.deriveChild(index);
    if (!child.privateKey) throw new Error("derived key has no private key");
    const address = ErgoAddress.fromPublicKey(child.publicKey, this.network);
    const key: DerivedKey = {
      index,
      path: `${EIP3_CHAIN}/${index}`,
      address: address.encode(this.network),
      ergoTree: address.ergoTree,
      publicKey: hex.encode(child.publicKey),
      secretKey: hex.encode(child.privateKey),
    };
    this.cache.set(index, key);
    return key;
  }
}

/** The public development mnemonic (the same one Hardhat and Anvil use). */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** How many funded development accounts the devnet documents. */
export const DEV_ACCOUNT_COUNT = 10;

/** A development account with its key material. */
export interface DevAccount extends DerivedKey {
  mnemonic: string;
}

let devKeys: KeyChain | undefined;

/** The account at EIP-3 index `index` of the development mnemonic, on testnet addresses. */
export function devAccount(index: number): DevAccount {
  devKeys ??= new KeyChain(DEV_MNEMONIC, Network.Testnet);
  return { ...devKeys.key(index), mnemonic: DEV_MNEMONIC };
}

/** The ten documented development accounts. */
export function devAccounts(): DevAccount[] {
  return Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => devAccount(i));
}
