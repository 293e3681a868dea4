/**
 * The client side of the LETS over a node's REST API, done the way the CLI and the web wallet do
 * it: read state from the node (wallet boxes by address, a community's boxes by its token id,
 * decoded with `decodeCommunity` / `decodeAccount`), build with the contract builders at the chain
 * tip, sign with ergo-lib for the next block (context from `/blocks/lastHeaders/10`), and
 * `POST /transactions`. Nothing here touches the devnet's internals: it works against any node.
 *
 * Every action comes in two steps: `planX` reads what the transaction needs and returns a `Plan`
 * (the tip height in, the EIP-12 unsigned transaction out), which either `submit` signs and sends
 * or `unsigned` builds for a wallet to sign. Planning needs only an address and a public key.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import {
  closeDefaulted,
  closeDormant,
  refreshCommunity,
  createCommunity,
  sweep,
  decodeAccount,
  decodeCommunity,
  decodeGateway,
  DEFAULT_FEE,
  govern,
  join,
  leave,
  MIN_BOX_VALUE,
  ownerFromPublicKey,
  pay,
  topUp,
  type Account,
  type Community,
  type CommunityMetadata,
  type Gateway,
  type GovernIntent,
  type Policy,
  type MarketIntent,
  type Profile,
  type Wallet,
} from "../contracts/index.ts";
import { signWithSecrets } from "../ergo/signer.ts";
import type { NodeHeader } from "../ergo/types.ts";
import { BlockContext } from "../ergo/block-context.ts";
import type { NodeClient } from "../ergo/node-client.ts";
import { ClientError } from "./errors.ts";
import { stakeBoxesOf } from "./stakes.ts";

/** Who a transaction is for: an address and its public key; enough to build, not to sign. */
export interface Identity {
  address: string;
  /** 33-byte compressed public key, hex. */
  publicKey: string;
}

/** Who signs: an address with its key (a development account has exactly these fields). */
export interface KeyHolder extends Identity {
  /** 32-byte secret key, hex. */
  secretKey: string;
}

/**
 * A community as the node shows it now (mempool included, mempool-spent boxes excluded): its
 * community box, its members' accounts and, apart from them, the gateways of its trade lines
 * (which hold a membership unit too, docs/inter-lets.md).
 */
export interface CommunityView {
  community: Community;
  accounts: Account[];
  gateways: Gateway[];
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

/** A transaction built at the chain tip, for a wallet to sign. */
export interface Unsigned {
  height: number;
  unsigned: EIP12UnsignedTransaction;
}

/** Builds a transaction at a chain tip height, from state already read. */
export type Plan = (height: number) => EIP12UnsignedTransaction;

/** What a payer pays to one member. */
export interface PayeeIntent {
  member: KeyHolder;
  amountUnits: bigint;
}

/** What a payer pays into one account. */
export interface AccountPayment {
  account: Account;
  amountUnits: bigint;
  /** nanoERG to the payee's owner in the same transaction (a mixed payment); the wallet pays it. */
  ergNanoErg?: bigint;
}

/** What a payment says besides its amounts: a memo and the payment request it pays (`contracts/notes.ts`). */
export interface PaymentNotes {
  memo?: string;
  requestId?: string;
  /** The marketplace listing paid for (docs/marketplace.md). */
  listingId?: string;
}

/** What the creator of a community decides; the committee defaults to the creator's own key. */
export interface CreatePlanIntent {
  policy: Policy;
  metadata: CommunityMetadata;
  committee?: string;
  treasuryNanoErg?: bigint;
}

/** The node has no live community box for this id (never created, or not a LETS token). */
export class UnknownCommunity extends ClientError {
  constructor(readonly communityId: string, readonly liveBoxes: number) {
    super(liveBoxes === 0 ? `no community ${communityId} on this node` : `community ${communityId}: ${liveBoxes} live community boxes`);
  }
}

/** The most boxes a node answers in one page (`/blockchain/box/unspent/byTokenId`). */
const MAX_PAGE = 16_384;

/** The owner register of a key holder's accounts. */
export const ownerOf = (holder: Identity): string => ownerFromPublicKey(holder.publicKey);

/** Whether a payer account's own ERG covers the miner fee (else the fee comes from its wallet). */
export const accountPaysFee = (account: Account): boolean =>
  account.valueNanoErg - DEFAULT_FEE >= account.terms.collateralNanoErg + MIN_BOX_VALUE;

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
  async wallet(holder: Identity): Promise<Wallet> {
    return { utxos: await this.node.unspentByAddress(holder.address), changeAddress: holder.address };
  }

  /** The live community box and account boxes of `communityId`, decoded, or undefined. */
  async findCommunity(communityId: string): Promise<CommunityView | undefined> {
    const boxes = await this.node.unspentByTokenId(communityId, MAX_PAGE);
    // A full page may hide accounts: refuse rather than act on part of the community.
    if (boxes.length === MAX_PAGE) throw new Error(`community ${communityId} has more than ${MAX_PAGE - 1} live accounts; reading it needs paging`);
    const communities: Community[] = [];
    const accounts: Account[] = [];
    const gateways: Gateway[] = [];
    for (const box of boxes) {
      const asCommunity = decodeCommunity(box);
      if (asCommunity.ok) {
        communities.push(asCommunity.value);
        continue;
      }
      const asAccount = decodeAccount(box);
      if (asAccount.ok && asAccount.value.communityId === communityId) {
        accounts.push(asAccount.value);
        continue;
      }
      const asGateway = decodeGateway(box);
      if (asGateway.ok && asGateway.value.communityId === communityId) gateways.push(asGateway.value);
    }
    if (communities.length === 0) return undefined;
    if (communities.length !== 1) throw new UnknownCommunity(communityId, communities.length);
    return { community: communities[0]!, accounts, gateways };
  }

  /** The live community box and account boxes of `communityId`; `UnknownCommunity` if none. */
  async community(communityId: string): Promise<CommunityView> {
    const view = await this.findCommunity(communityId);
    if (!view) throw new UnknownCommunity(communityId, 0);
    return view;
  }

  /** The live account of `holder` in `communityId`. */
  async account(communityId: string, holder: Identity): Promise<Account> {
    return soleAccount(await this.community(communityId), holder);
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

  /** Builds `plan` at the chain tip without signing: what a wallet (EIP-12 `sign_tx`) receives. */
  async unsigned(plan: Plan): Promise<Unsigned> {
    const height = await this.node.height();
    return { height, unsigned: plan(height) };
  }

  /** Creating a community with `creator`'s wallet; the community id is its first input's box id. */
  async planCreate(creator: Identity, intent: CreatePlanIntent): Promise<Plan> {
    const wallet = await this.wallet(creator);
    const committee = intent.committee ?? ownerOf(creator);
    return (height) => createCommunity({ ...intent, committee }, { height, wallet });
  }

  /** `member` joining with its own wallet. */
  async planJoin(communityId: string, member: Identity, feeReserveNanoErg?: bigint): Promise<Plan> {
    const [{ community }, wallet] = await Promise.all([this.community(communityId), this.wallet(member)]);
    return (height) => join({ community: community.box, owner: ownerOf(member), feeReserveNanoErg }, { height, wallet });
  }

  /**
   * `payer`'s account paying `payees`. The fee comes from the payer's account ERG while it lasts
   * (the smallest transaction), then from the payer's wallet. `notes` go in the payer's input.
   */
  async planPay(
    payer: Identity,
    payerAccount: Account,
    payees: AccountPayment[],
    notes: PaymentNotes = {},
    options: { allowanceUnits?: bigint } = {},
  ): Promise<Plan> {
    const paysErg = payees.some((p) => (p.ergNanoErg ?? 0n) > 0n);
    const wallet = accountPaysFee(payerAccount) && !paysErg ? undefined : await this.wallet(payer);
    const payments = payees.map((p) => ({ account: p.account.box, amountUnits: p.amountUnits, ergNanoErg: p.ergNanoErg ?? 0n }));
    return (height) => pay({ payer: payerAccount.box, payees: payments, ...notes, ...options }, { height, wallet });
  }

  /**
   * Sweeping the charges accrued in `accounts` (economics, docs/economics.md) into the community
   * balance; anyone may, and `caller`'s wallet pays the fee.
   */
  async planSweep(communityId: string, caller: Identity, accounts: Account[]): Promise<Plan> {
    const [{ community }, wallet] = await Promise.all([this.community(communityId), this.wallet(caller)]);
    return (height) => sweep({ community: community.box, accounts: accounts.map((a) => a.box) }, { height, wallet });
  }

  /**
   * `member` adding `addNanoErg` to its account's ERG, setting its profile and/or writing
   * marketplace notes (a listing, review or shop: docs/marketplace.md). Added ERG comes
   * from the member's wallet, which then pays the fee too; a profile change alone is paid from the
   * account's fee reserve while it lasts, then from the wallet.
   */
  async planTopUp(member: Identity, account: Account, change: { addNanoErg?: bigint; profile?: Profile; market?: MarketIntent }): Promise<Plan> {
    const needsWallet = (change.addNanoErg ?? 0n) > 0n || !accountPaysFee(account);
    const wallet = needsWallet ? await this.wallet(member) : undefined;
    return (height) => topUp({ account: account.box, ...change }, { height, wallet });
  }

  /** `member`'s account leaving; its ERG goes to the member's wallet, its stakes (if backed) back whole to their underwriters. */
  async planLeave(communityId: string, member: Identity, account: Account): Promise<Plan> {
    const [{ community }, wallet, stakes] = await Promise.all([this.community(communityId), this.wallet(member), stakeBoxesOf(this.node, [account])]);
    return (height) => leave({ community: community.box, account: account.box, stakes }, { height, wallet });
  }

  /** Closing defaulted `accounts` with every stake backing them; anyone may, and `caller`'s wallet pays the fee. */
  async planCloseDefaulted(communityId: string, caller: Identity, accounts: Account[]): Promise<Plan> {
    const [{ community }, wallet, stakes] = await Promise.all([this.community(communityId), this.wallet(caller), stakeBoxesOf(this.node, accounts)]);
    return (height) => closeDefaulted({ community: community.box, accounts: accounts.map((a) => a.box), stakes }, { height, wallet });
  }

  /** Closing dormant `accounts` (nobody spent their boxes for the dormancy window); anyone may. */
  async planCloseDormant(communityId: string, caller: Identity, accounts: Account[]): Promise<Plan> {
    const [{ community }, wallet, stakes] = await Promise.all([this.community(communityId), this.wallet(caller), stakeBoxesOf(this.node, accounts)]);
    return (height) => closeDormant({ community: community.box, accounts: accounts.map((a) => a.box), stakes }, { height, wallet });
  }

  /** Recreating a dormant community box unchanged; anyone may, and `caller`'s wallet pays the fee. */
  async planRefresh(communityId: string, caller: Identity): Promise<Plan> {
    const [{ community }, wallet] = await Promise.all([this.community(communityId), this.wallet(caller)]);
    return (height) => refreshCommunity({ community: community.box }, { height, wallet });
  }

  /** A governance change; a committee member's wallet pays the fee and receives any withdrawal. */
  async planGovern(communityId: string, member: Identity, changes: Omit<GovernIntent, "community">): Promise<Plan> {
    const [{ community }, wallet] = await Promise.all([this.community(communityId), this.wallet(member)]);
    return (height) => govern({ ...changes, community: community.box }, { height, wallet });
  }

  /** `founder` creates a community governed by its own key; returns the community id. */
  async createCommunity(founder: KeyHolder, policy: Policy, metadata: CommunityMetadata): Promise<Submitted & { communityId: string }> {
    const submitted = await this.submit(founder, await this.planCreate(founder, { policy, metadata }));
    return { ...submitted, communityId: submitted.unsigned.inputs[0]!.boxId };
  }

  /** `member` joins with its own wallet. */
  async join(communityId: string, member: KeyHolder, feeReserveNanoErg?: bigint): Promise<Submitted> {
    return this.submit(member, await this.planJoin(communityId, member, feeReserveNanoErg));
  }

  /** `payer` pays `payees`; the fee comes from the payer's account. */
  async pay(communityId: string, payer: KeyHolder, payees: PayeeIntent[]): Promise<Submitted> {
    const view = await this.community(communityId);
    const payments = payees.map((p) => ({ account: soleAccount(view, p.member), amountUnits: p.amountUnits }));
    return this.submit(payer, await this.planPay(payer, soleAccount(view, payer), payments));
  }

  /** `member` leaves at balance 0; its account's ERG goes to its wallet. */
  async leave(communityId: string, member: KeyHolder): Promise<Submitted> {
    const account = await this.account(communityId, member);
    return this.submit(member, await this.planLeave(communityId, member, account));
  }

  /** `caller` closes the defaulted accounts `accountIds`; their debt moves to the community balance. */
  async closeDefaulted(communityId: string, caller: KeyHolder, accountIds: string[]): Promise<Submitted> {
    const { accounts } = await this.community(communityId);
    const closing = accountIds.map((id) => {
      const account = accounts.find((a) => a.accountId === id);
      if (!account) throw new Error(`no open account ${id} in community ${communityId}`);
      return account;
    });
    return this.submit(caller, await this.planCloseDefaulted(communityId, caller, closing));
  }

  /** `member` (whose key alone satisfies the committee) changes the policy, committee or metadata. */
  async govern(communityId: string, member: KeyHolder, changes: Omit<GovernIntent, "community">): Promise<Submitted> {
    return this.submit(member, await this.planGovern(communityId, member, changes));
  }
}

/** The one live account `holder` owns in `view`; throws when it has none or several. */
export function soleAccount(view: CommunityView, holder: Identity): Account {
  const owner = ownerOf(holder);
  const found = view.accounts.filter((a) => a.owner === owner);
  if (found.length !== 1) throw new Error(`${holder.address}: ${found.length} accounts in community ${view.community.communityId}`);
  return found[0]!;
}
