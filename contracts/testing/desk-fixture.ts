/** A plain community with an exchange desk in a test world (docs/desk.md), and an oracle pool box to price it. */
import type { Box } from "@fleet-sdk/common";
import { SInt, SLong } from "@fleet-sdk/serializer";
import { openDesk } from "../builders/desk-open.ts";
import { decodeDesk, type Desk, type DeskTerms } from "../desk/desk.ts";
import { Fixture } from "./community-fixture.ts";
import { testPolicy } from "./policy.ts";

/** A fixed-rate desk: 110 units (1.10 at two decimals) per ERG, 1% fee each way, 1,000 units outstanding at most, 300 per member per 100 blocks, 10 blocks of notice. */
export const FIXED_TERMS: Omit<DeskTerms, "maxUnits"> = {
  rateNum: 110n, rateDen: 1_000_000_000n, buyFeeBps: 100n, sellFeeBps: 100n, issueLimit: 1_000n,
  periodBlocks: 100n, memberLimit: 300n, noticeBlocks: 10n, maxOracleAge: 30n, oracleNft: "",
};

/** The pool NFT of the test oracle. */
export const POOL_NFT = "11".repeat(32);

/** A community (caps of 5,000 so trades have room) with a desk opened by its committee. */
export class DeskFixture extends Fixture {
  deskId = "";

  constructor(opts: { terms?: Partial<Omit<DeskTerms, "maxUnits">>; reserveNanoErg?: bigint; members?: string[] } = {}) {
    super({ policy: testPolicy({ positiveCap: 5_000n, creditLimit: 1_000n }), members: opts.members ?? ["alice", "bob", "carol"] });
    const tx = openDesk(
      { community: this.communityBox(), terms: { ...FIXED_TERMS, ...opts.terms }, ...(opts.reserveNanoErg === undefined ? {} : { reserveNanoErg: opts.reserveNanoErg }) },
      { height: this.world.height, wallet: this.world.wallet(this.committee) },
    );
    this.world.submit(tx, [this.committee]);
    this.deskId = this.deskOf().deskId;
  }

  /** The live desk box. */
  deskBox(): Box<string> {
    for (const box of this.world.utxos.values()) {
      const d = decodeDesk(box);
      if (d.ok && d.value.communityId === this.communityId) return box;
    }
    throw new Error("no live desk box");
  }

  deskOf(): Desk {
    const d = decodeDesk(this.deskBox());
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }

  /** The books including the desk: every balance plus communityBalance (always 0). */
  override conservation(): bigint {
    return super.conservation() + this.deskOf().balance;
  }

  /** An oracle pool box with the mainnet layout (NFT first, R4 nanoERG per USD, R5 epoch), posted `age` blocks ago. */
  oracle(nanoErgPerUsd: bigint, age = 0, nft = POOL_NFT): Box<string> {
    return this.world.addBox({
      ergoTree: this.committee.ergoTree,
      value: 1_000_000_000n,
      creationHeight: this.world.height - age,
      assets: [{ tokenId: nft, amount: 1n }],
      additionalRegisters: { R4: SLong(nanoErgPerUsd).toHex(), R5: SInt(1).toHex() },
    });
  }
}
