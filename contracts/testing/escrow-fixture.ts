/** A plain community whose member alice has opened an escrow, in a test world (docs/escrow.md). */
import type { Box } from "@fleet-sdk/common";
import { openEscrow } from "../builders/escrow-open.ts";
import { decodeEscrow, type Escrow } from "../escrow/escrow.ts";
import { Fixture } from "./community-fixture.ts";
import { testPolicy } from "./policy.ts";

/** A community (credit 1,000, caps of 5,000) with alice's escrow open and idle. */
export class EscrowFixture extends Fixture {
  constructor(opts: { members?: string[]; owner?: string } = {}) {
    super({ policy: testPolicy({ positiveCap: 5_000n, creditLimit: 1_000n }), members: opts.members ?? ["alice", "bob", "carol"] });
    this.openEscrow(opts.owner ?? "alice");
  }

  /** `name` opens an escrow from its account (and pays the joining fee, the deposit and the fee). */
  openEscrow(name: string): Escrow {
    const m = this.member(name);
    const tx = openEscrow({ community: this.communityBox(), account: this.account(name).box }, { height: this.world.height, wallet: this.world.wallet(m) });
    this.world.submit(tx, [m]);
    return this.escrowOf(name);
  }

  /** The live escrow box owned by `name` (the first found). */
  escrowBox(name = "alice"): Box<string> {
    const owner = this.member(name).owner;
    for (const box of this.world.utxos.values()) {
      const d = decodeEscrow(box);
      if (d.ok && d.value.communityId === this.communityId && d.value.owner === owner) return box;
    }
    throw new Error(`no live escrow box of ${name}`);
  }

  escrowOf(name = "alice"): Escrow {
    const d = decodeEscrow(this.escrowBox(name));
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }

  /** The books including every live escrow of this community: every balance plus communityBalance (always 0). */
  override conservation(): bigint {
    let held = 0n;
    for (const box of this.world.utxos.values()) {
      const d = decodeEscrow(box);
      if (d.ok && d.value.communityId === this.communityId) held += d.value.balance;
    }
    return super.conservation() + held;
  }
}
