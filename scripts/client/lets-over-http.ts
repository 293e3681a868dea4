/**
 * The client side of the LETS over a node's REST API, done the way the CLI and the web wallet do
 * it: read state from the node (wallet boxes by address, a community's boxes by its token id,
 * decoded with `decodeCommunity` / `decodeAccount`), build with the contract builders at the chain
 * tip, sign with ergo-lib for the next block (context from `/blocks/lastHeaders/10`), and
 * `POST /transactions`. Nothing here touches the devnet's internals: it works against any node.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import {
  createCommunity,
  decodeAccount,
  decodeCommunity,
  join,
  leave,
  ownerFromPublicKey,
  pay,
  type Account,
  type Community,
  type CommunityMetadata,
  type Policy,
  type Wallet,
} from "../../contracts/index.ts";
import { signWithSecrets } from "../../devnet/signer.ts";
import type { NodeHeader } from "../../devnet/types.ts";
import { BlockContext } from "../../devnet/validate.ts";
import type { NodeClient } from "../../indexer/node/client.ts";

/** Who signs: an address with its key (a development account has exactly these fields). */
export interface KeyHolder {
  address: string;
  publicKey: string;
  /** 32-byte secret key, hex. */
  secretKey: string;
}

/** A community as the node shows it now (mempool included, mempool-spent boxes excluded). */
export interface CommunityView {
  community: Community;
  accounts: Account[];
}

/** Where the chain is: its tip height and the signing context of the next block. */
export interface Tip {
  height: number;
  context: BlockContext;
}

/** A transaction this client signed and the node accepted. */
export interface Submitted {
  id: string;
  signed: SignedTransaction;
  unsigned: EIP12UnsignedTransaction;
}

/** What a payer pays to one member. */
export interface PayeeIntent {
  member: KeyHolder;
  amountUnits: bigint;
}

/** The owner register of a key holder's accounts. */
export const ownerOf = (holder: KeyHolder): string => ownerFromPublicKey(holder.publicKey);

/** The LETS client over HTTP. */
export class LetsOverHttp {
  constructor(readonly node: NodeClient) {}

  /**
   * The tip height (`/info` fullHeight) and a signing context for the next block, built from
   * `/blocks/lastHeaders/10`. The node returns those oldest first; `NodeClient.lastHeaders`
   * reverses them, and ergo-lib wants them newest first.
   */
  async tip(): Promise<Tip> {
    const [info, headers] = await Promise.all([this.node.info(), this.node.lastHeaders(10)]);
    const newest = headers as unknown as NodeHeader[];
    if ((newest[0]?.height ?? 0) !== info.fullHeight) {
      throw new Error(`the chain moved while reading it: /info says ${info.fullHeight}, lastHeaders ${newest[0]?.height ?? 0}`);
    }
    const timestamp = Math.max(Date.now(), (newest[0]?.timestamp ?? 0) + 1);
    return { height: info.fullHeight, context: new BlockContext(info.fullHeight + 1, newest, timestamp) };
  }

  /** A key holder's wallet as EIP-12 `get_utxos` would give it: its unspent boxes, mempool applied. */
  async wallet(holder: KeyHolder): Promise<Wallet> {
    return { utxos: await this.node.unspentByAddress(holder.address), changeAddress: holder.address };
  }

  /** The live community box and account boxes of `communityId`, decoded. */
  async community(communityId: string): Promise<CommunityView> {
    const boxes = await this.node.unspentByTokenId(communityId);
    const communities: Community[] = [];
    const accounts: Account[] = [];
    for (const box of boxes) {
      const asCommunity = decodeCommunity(box);
      if (asCommunity.ok) {
        communities.push(asCommunity.value);
        continue;
      }
      const asAccount = decodeAccount(box);
      if (asAccount.ok && asAccount.value.communityId === communityId) accounts.push(asAccount.value);
    }
    if (communities.length !== 1) throw new Error(`community ${communityId}: ${communities.length} live community boxes`);
    return { community: communities[0]!, accounts };
  }

  /** The live account of `holder` in `communityId`. */
  async account(communityId: string, holder: KeyHolder): Promise<Account> {
    const owner = ownerOf(holder);
    const found = (await this.community(communityId)).accounts.filter((a) => a.owner === owner);
    if (found.length !== 1) throw new Error(`${holder.address}: ${found.length} accounts in community ${communityId}`);
    return found[0]!;
  }

  /** Signs `unsigned` with `signer`'s key for the block after `tip` and submits it. */
  async signAndSubmit(unsigned: EIP12UnsignedTransaction, signer: KeyHolder, tip: Tip): Promise<Submitted> {
    const signed = signWithSecrets(unsigned, [signer.secretKey], tip.context);
    const id = await this.node.submit(signed);
    if (id !== signed.id) throw new Error(`the node accepted ${id}, but the signed transaction is ${signed.id}`);
    return { id, signed, unsigned };
  }

  /** Builds at the tip with `build`, signs with `signer`, submits. */
  async submit(signer: KeyHolder, build: (height: number) => EIP12UnsignedTransaction | Promise<EIP12UnsignedTransaction>): Promise<Submitted> {
    const tip = await this.tip();
    try {
      return await this.signAndSubmit(await build(tip.height), signer, tip);
    } finally {
      tip.context.free();
    }
  }

  /** `founder` creates a community governed by its own key; returns the community id. */
  async createCommunity(founder: KeyHolder, policy: Policy, metadata: CommunityMetadata): Promise<Submitted & { communityId: string }> {
    const wallet = await this.wallet(founder);
    const submitted = await this.submit(founder, (height) =>
      createCommunity({ policy, metadata, committee: ownerOf(founder) }, { height, wallet }),
    );
    return { ...submitted, communityId: submitted.unsigned.inputs[0]!.boxId };
  }

  /** `member` joins with its own wallet. */
  async join(communityId: string, member: KeyHolder, feeReserveNanoErg?: bigint): Promise<Submitted> {
    const [{ community }, wallet] = await Promise.all([this.community(communityId), this.wallet(member)]);
    return this.submit(member, (height) =>
      join({ community: community.box, owner: ownerOf(member), feeReserveNanoErg }, { height, wallet }),
    );
  }

  /** `payer` pays `payees`; the fee comes from the payer's account. */
  async pay(communityId: string, payer: KeyHolder, payees: PayeeIntent[]): Promise<Submitted> {
    const { accounts } = await this.community(communityId);
    const accountOf = (holder: KeyHolder): Account => {
      const found = accounts.filter((a) => a.owner === ownerOf(holder));
      if (found.length !== 1) throw new Error(`${holder.address}: ${found.length} accounts in community ${communityId}`);
      return found[0]!;
    };
    const payerAccount = accountOf(payer);
    const payments = payees.map((p) => ({ account: accountOf(p.member).box, amountUnits: p.amountUnits }));
    return this.submit(payer, (height) => pay({ payer: payerAccount.box, payees: payments }, { height }));
  }

  /** `member` leaves at balance 0; its account's ERG goes to its wallet. */
  async leave(communityId: string, member: KeyHolder): Promise<Submitted> {
    const [{ community, accounts }, wallet] = await Promise.all([this.community(communityId), this.wallet(member)]);
    const account = accounts.find((a) => a.owner === ownerOf(member));
    if (!account) throw new Error(`${member.address} has no account in community ${communityId}`);
    return this.submit(member, (height) => leave({ community: community.box, account: account.box }, { height, wallet }));
  }
}
