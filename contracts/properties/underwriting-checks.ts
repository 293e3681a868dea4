/**
 * What the underwriting property (underwriting-sequences.spec.ts) checks after every step: the
 * chain against the model (underwriting-model.ts). Nothing minted; each account's limit, backing
 * and entries follow from its live stakes; every stake is in exactly one state, and the ERG of a
 * settled stake left in exactly one share to the committee and one to its underwriter, both naming
 * the box it left (scanned over every transaction the world accepted).
 */
import { SColl, SLong } from "@fleet-sdk/serializer";
import { expect } from "vitest";
import { bytesConstant } from "../registers.ts";
import { UNDERWRITING_ERGO_TREE } from "../scripts.ts";
import type { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import type { Member } from "../testing/world.ts";
import type { ModelStake, UnderwritingModel } from "./underwriting-model.ts";

/** An output that names a box in R4 and pays a key. */
interface Share {
  tree: string;
  value: bigint;
}

/** The registers the model expects of a stake's box (underwriting.es's header, encoded here). */
function registersOf(s: ModelStake, underwriter: string, communityId: string): Record<string, string> {
  return {
    R4: underwriter,
    R5: bytesConstant(s.accountId),
    R6: SColl(SLong, [s.raise, s.premium]).toHex(),
    R7: bytesConstant(communityId),
    R8: bytesConstant(s.premiumTo),
  };
}

export class UnderwritingChecks {
  /** Shares by the R4 constant that tags them. */
  private readonly shares = new Map<string, Share[]>();
  private seen = 0;

  constructor(
    readonly f: UnderwritingFixture,
    readonly model: UnderwritingModel,
    /** Live member names by accountId. */
    readonly names: Map<string, string>,
    readonly memberOf: (name: string) => Member,
  ) {}

  run(): void {
    this.index();
    this.books();
    this.accounts();
    this.stakes();
  }

  /** Every output of a newly accepted transaction that pays a key and carries a Coll[Byte] of 32 in R4. */
  private index(): void {
    const submitted = this.f.world.submitted;
    for (; this.seen < submitted.length; this.seen++) {
      for (const out of submitted[this.seen]!.outputs) {
        const tag = out.additionalRegisters.R4;
        if (!out.ergoTree.startsWith("0008cd") || !tag?.startsWith("0e20")) continue;
        const list = this.shares.get(tag) ?? [];
        list.push({ tree: out.ergoTree, value: BigInt(out.value) });
        this.shares.set(tag, list);
      }
    }
  }

  private books(): void {
    expect(this.f.conservation(), "live balances + communityBalance = 0 on the chain").toBe(0n);
    expect(this.model.balances() + this.model.communityBalance, "and in the model").toBe(0n);
    expect(this.f.community().communityBalance).toBe(this.model.communityBalance);
  }

  private accounts(): void {
    expect(this.names.size, "the model knows every live account").toBe(this.model.accounts.size);
    for (const [accountId, name] of this.names) {
      const a = this.f.account(name);
      const m = this.model.account(accountId);
      const raises = m.stakes.reduce((sum, id) => sum + this.model.stake(id).raise, 0n);
      expect(a.balance, `${name}'s balance`).toBe(m.balance);
      expect(a.lastActiveHeight, `${name}'s last activity`).toBe(m.lastActive);
      expect(a.terms.creditLimit, `${name}'s limit = base + the raises of its live stakes`).toBe(m.base + raises);
      expect(a.terms.backing?.backed ?? 0n, `${name}'s backed = the raises' sum`).toBe(raises);
      expect(a.terms.backing?.stakes ?? [], `${name}'s entries = its live stakes' keys`).toEqual(m.stakes.map((id) => id.slice(0, 32)));
    }
  }

  private stakes(): void {
    const utxos = [...this.f.world.utxos.values()];
    const known = new Set<string>();
    for (const s of this.model.stakes.values()) {
      const holders = utxos.filter((b) => b.assets.some((t) => t.tokenId === s.tokenId));
      const tagged = (boxId: string) => this.shares.get(bytesConstant(boxId)) ?? [];
      const label = `stake ${s.tokenId.slice(0, 8)} (${s.state})`;
      const underwriter = this.memberOf(s.underwriter);
      if (s.state === "offer" || s.state === "locked") {
        const box = this.f.world.utxos.get(s.boxId);
        expect(box, `${label}: its box is live`).toBeDefined();
        expect(box!.ergoTree).toBe(UNDERWRITING_ERGO_TREE);
        expect(BigInt(box!.value), `${label}: its stake`).toBe(s.value);
        expect(box!.creationHeight).toBe(s.createdAt);
        const expected = registersOf(s, underwriter.owner, this.f.communityId);
        for (const r of ["R4", "R5", "R6", "R7", "R8"] as const) expect(box!.additionalRegisters[r]?.toLowerCase(), `${label} ${r}`).toBe(expected[r]!.toLowerCase());
        expect(box!.assets, `${label}: an offer holds no token, a stake its own alone`).toEqual(s.state === "offer" ? [] : [{ tokenId: s.tokenId, amount: "1" }]);
        known.add(s.boxId);
      }
      expect(holders.map((b) => b.boxId), `${label}: the boxes holding its token`).toEqual(s.state === "locked" ? [s.boxId] : []);
      if (s.state === "cancelled" || s.state === "withdrawn") expect(this.f.world.utxos.has(s.boxId), `${label}: gone`).toBe(false);
      const settledBox = s.settled?.boxId;
      for (const boxId of s.boxIds) {
        if (boxId === settledBox) continue;
        expect(tagged(boxId), `${label}: no share names a box it did not leave at an exit`).toEqual([]);
      }
      if (s.state === "settled") {
        const { lost, returned } = s.settled!;
        const shares = tagged(settledBox!);
        const committee = shares.filter((o) => o.tree === this.f.committee.ergoTree);
        const back = shares.filter((o) => o.tree === underwriter.ergoTree);
        expect(committee.map((o) => o.value), `${label}: the committee's share, once`).toEqual(lost > 0n ? [lost] : []);
        expect(back.map((o) => o.value), `${label}: the underwriter's share, once`).toEqual(returned > 0n ? [returned] : []);
        expect(shares.length, `${label}: no other output names it`).toBe(committee.length + back.length);
      }
    }
    const live = utxos.filter((b) => b.ergoTree === UNDERWRITING_ERGO_TREE).map((b) => b.boxId);
    expect(live.filter((id) => !known.has(id)), "every live underwriting box is one the model knows").toEqual([]);
  }
}
