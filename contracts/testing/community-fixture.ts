/** A ready community in a test world: committee, members with accounts, helpers to look boxes up. */
import type { Box } from "@fleet-sdk/common";
import { decodeAccount, type Account } from "../account/account.ts";
import { createCommunity } from "../builders/create.ts";
import { join } from "../builders/join.ts";
import { decodeCommunity, type Community, type CommunityMetadata, type Policy } from "../community/community.ts";
import { decodeGateway } from "../line/line.ts";
import { isCommunityTree } from "../scripts.ts";
import { worth } from "../economics.ts";
import { TEST_POLICY } from "./policy.ts";
import { World, type Member } from "./world.ts";

/** The policy a fixture uses unless told otherwise; defined in `./policy.ts` with its builder `testPolicy`. */
export { TEST_POLICY };

export const TEST_METADATA: CommunityMetadata = { name: "Kaikoura Dollars", symbol: "KCD", description: "test", decimals: 2 };

/** A created community with joined members. */
export class Fixture {
  readonly world: World;
  readonly committee: Member;
  readonly members: Member[] = [];
  communityId = "";
  private accountIds = new Map<string, string>();

  /** `world`: create the community in an existing world (several communities on one chain). */
  constructor(opts: { policy?: Policy; members?: string[]; height?: number; world?: World; name?: string } = {}) {
    this.world = opts.world ?? new World(opts.height ?? 1_000);
    this.committee = this.world.member(opts.name ? `${opts.name} committee` : "committee");
    const tx = createCommunity(
      { policy: opts.policy ?? TEST_POLICY, metadata: opts.name ? { ...TEST_METADATA, name: opts.name } : TEST_METADATA, committee: this.committee.owner },
      { height: this.world.height, wallet: this.world.wallet(this.committee) },
    );
    this.communityId = tx.inputs[0]!.boxId;
    this.world.submit(tx, [this.committee]);
    for (const name of opts.members ?? ["alice", "bob", "carol"]) this.join(this.world.member(name));
  }

  /** Joins `member` through the builder and the two interpreters. */
  join(member: Member): Account {
    const community = this.communityBox();
    const tx = join({ community, owner: member.owner }, { height: this.world.height, wallet: this.world.wallet(member) });
    this.world.submit(tx, [member]);
    this.members.push(member);
    this.accountIds.set(member.name, community.boxId);
    return this.account(member.name);
  }

  /** The live community box. */
  communityBox(): Box<string> {
    const box = [...this.world.utxos.values()].find(
      (b) => isCommunityTree(b.ergoTree) && b.assets[0]?.tokenId === this.communityId,
    );
    if (!box) throw new Error("no live community box");
    return box;
  }

  /** The decoded live community. */
  community(): Community {
    const decoded = decodeCommunity(this.communityBox());
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.value;
  }

  /** The member by name. */
  member(name: string): Member {
    const member = this.members.find((m) => m.name === name);
    if (!member) throw new Error(`no member ${name}`);
    return member;
  }

  /** The live account of `name`, found by accountId. */
  account(name: string): Account {
    const accountId = this.accountIds.get(name);
    for (const box of this.world.utxos.values()) {
      const decoded = decodeAccount(box);
      if (decoded.ok && decoded.value.accountId === accountId) return decoded.value;
    }
    throw new Error(`no live account for ${name}`);
  }

  /**
   * Sum of all live balances of this community (accounts and line gateways), with economics their
   * accrued charges and unused allowances, plus its communityBalance (always 0).
   */
  conservation(): bigint {
    let sum = this.community().communityBalance;
    for (const box of this.world.utxos.values()) {
      const decoded = decodeAccount(box);
      if (decoded.ok && decoded.value.communityId === this.communityId) sum += worth(decoded.value.balance, decoded.value.economy);
      const gateway = decodeGateway(box);
      if (gateway.ok && gateway.value.communityId === this.communityId) sum += gateway.value.balance;
    }
    return sum;
  }
}
