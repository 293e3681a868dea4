/**
 * Member keys: EIP-3 addresses m/44'/429'/0'/0/i of one mnemonic, as Nautilus derives them. On the
 * devnet that is the public development mnemonic; on a real node, the mnemonic the simulation
 * author funded. Secret keys stay in this process (and its signing workers).
 */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import { ErgoHDKey, validateMnemonic } from "@fleet-sdk/wallet";

/** A key that signs: address, public key, 32-byte secret (hex), and its P2PK ErgoTree. */
export interface SimKey {
  index: number;
  path: string;
  address: string;
  ergoTree: string;
  publicKey: string;
  secretKey: string;
}

/** The mnemonic does not hold 12 to 24 valid BIP-39 words. */
export class InvalidMnemonic extends Error {
  constructor() {
    super("the mnemonic is not a valid BIP-39 phrase (12 to 24 words with a valid checksum)");
    this.name = new.target.name;
  }
}

/** The EIP-3 account-0 external chain of a mnemonic; derives keys by index, caching them. */
export class KeyChain {
  private readonly parent: ErgoHDKey;
  private readonly cache = new Map<number, SimKey>();

  constructor(
    mnemonic: string,
    private readonly network: Network,
  ) {
    const words = mnemonic.trim().toLowerCase().split(/\s+/).join(" ");
    if (!validateMnemonic(words)) throw new InvalidMnemonic();
    this.parent = ErgoHDKey.fromMnemonicSync(words).derive("m/44'/429'/0'/0");
  }

  /** The key at m/44'/429'/0'/0/`index`. */
  key(index: number): SimKey {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const child = this.parent.deriveChild(index);
    if (!child.privateKey) throw new Error("derived key has no private key");
    const address = ErgoAddress.fromPublicKey(child.publicKey, this.network);
    const key: SimKey = {
      index,
      path: `m/44'/429'/0'/0/${index}`,
      address: address.encode(this.network),
      ergoTree: address.ergoTree,
      publicKey: hex.encode(child.publicKey),
      secretKey: hex.encode(child.privateKey),
    };
    this.cache.set(index, key);
    return key;
  }
}
