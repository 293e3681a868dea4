/** A plain community with an underwriter, in a test world (docs/underwriting.md). */
import type { Box } from "@fleet-sdk/common";
import { acceptUnderwriting, offerUnderwriting } from "../builders/underwrite.ts";
import { pay } from "../builders/pay.ts";
import { decodeUnderwriting, type Underwriting } from "../underwriting/underwriting.ts";
import { Fixture } from "./community-fixture.ts";
import { testPolicy } from "./policy.ts";
import type { Member } from "./world.ts";

/** 1 ERG of collateral for a credit limit of 100: the community's price is 0.01 ERG a unit. */
export const UNDERWRITING_POLICY = testPolicy({ creditLimit: 100n, positiveCap: 1_000n, collateralNanoErg: 1_000_000_000n });

/** A community of alice, bob and carol, and an underwriter `uma` who is not a member. */
export class UnderwritingFixture extends Fixture {
  readonly uma: Member;

  constructor(opts: { members?: string[] } = {}) {
    super({ policy: UNDERWRITING_POLICY, members: opts.members ?? ["alice", "bob", "carol"] });
    this.uma = this.world.member("uma", 1_000_000_000_000n);
  }

  /** `by` offers a stake of `stakeNanoErg` raising `name`'s limit by `raise` (premium to `premiumTo`'s account). */
  offer(name: string, raise: bigint, stakeNanoErg: bigint, opts: { by?: Member; premium?: bigint; premiumTo?: string } = {}): Underwriting {
    const by = opts.by ?? this.uma;
    const tx = offerUnderwriting(
      {
        account: this.account(name).box, underwriter: by.owner, raiseUnits: raise, stakeNanoErg,
        ...(opts.premium ? { premiumUnits: opts.premium, premiumAccountId: this.account(opts.premiumTo!).accountId } : {}),
      },
      { height: this.world.height, wallet: this.world.wallet(by) },
    );
    const done = this.world.submit(tx, [by]);
    const box = done.outputs.find((b) => decodeUnderwriting(b).ok)!;
    return this.decode(box);
  }

  /** `name` accepts `offer` (paying its premium); returns the stake. */
  accept(name: string, offer: Underwriting, premiumTo?: string): Underwriting {
    const tx = acceptUnderwriting(
      { offer: this.world.box(offer.boxId), account: this.account(name).box, ...(premiumTo ? { premiumAccount: this.account(premiumTo).box } : {}) },
      { height: this.world.height, wallet: this.world.wallet(this.member(name)) },
    );
    const done = this.world.submit(tx, [this.member(name)]);
    return this.decode(done.outputs.find((b) => decodeUnderwriting(b).ok)!);
  }

  /** An offer accepted in one go. */
  underwrite(name: string, raise: bigint, stakeNanoErg: bigint): Underwriting {
    return this.accept(name, this.offer(name, raise, stakeNanoErg));
  }

  /** `from` pays `amount` units to `to`. */
  pay(from: string, to: string, amount: bigint): void {
    const tx = pay({ payer: this.account(from).box, payees: [{ account: this.account(to).box, amountUnits: amount }] }, { height: this.world.height });
    this.world.submit(tx, [this.member(from)]);
  }

  /** The live underwriting boxes of this community. */
  stakes(): Underwriting[] {
    return [...this.world.utxos.values()].flatMap((b) => {
      const d = decodeUnderwriting(b);
      return d.ok && d.value.communityId === this.communityId ? [d.value] : [];
    });
  }

  decode(box: Box<string>): Underwriting {
    const d = decodeUnderwriting(box);
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }
}
