/**
 * Attacks on the settlement of stakes at an exit (contract version 8, docs/underwriting.md): a
 * stake left behind, a share short or untagged, the token kept, a look-alike with a token of its
 * own in a genuine stake's place. Each refused by both interpreters beside the honest default.
 */
import { describe, expect, it } from "vitest";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { bytesConstant } from "../registers.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { edit, rebalance, setValue, valueOf, type Tx } from "../testing/tx-edit.ts";
import type { Underwriting } from "../underwriting/underwriting.ts";
import { accepted, asInput, ctxOf, ERG, lookAlike, refused } from "./underwriting-helpers.ts";

/** Alice backed by uma twice (200 and 100 units), 150 of the raises in use, closable as defaulted. */
function defaulted() {
  const f = new UnderwritingFixture();
  const first = f.underwrite("alice", 200n, 10n * ERG);
  const second = f.underwrite("alice", 100n, 5n * ERG);
  f.pay("alice", "bob", 250n);
  f.world.height += 60;
  const carol = f.member("carol");
  const tx = closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box], stakes: [first, second].map((s) => f.world.box(s.boxId)) }, ctxOf(f, carol));
  accepted(f.world, tx, [carol]);
  return { f, first, second, carol, tx };
}

const tagOf = (s: Underwriting) => bytesConstant(s.boxId);

describe("an exit settles every stake", () => {
  it("refuses the default without the second stake (twin: with both)", () => {
    const { f, second, carol, tx } = defaulted();
    const without = edit(tx, (d) => {
      d.inputs = d.inputs.filter((i) => i.boxId !== second.boxId);
      d.outputs = d.outputs.filter((o) => o.additionalRegisters.R4 !== tagOf(second));
      rebalance(d, carol.ergoTree);
    });
    refused(f.world, without, [carol]);
  });

  it("refuses a look-alike holding a token of its own in the second stake's place (twin: the genuine stake)", () => {
    const { f, second, carol, tx } = defaulted();
    const fake = lookAlike(f, { accountId: f.account("alice").accountId, by: carol, raise: 100n, tokens: [{ tokenId: "ab".repeat(32), amount: 1n }] });
    const swapped = edit(tx, (d) => {
      d.inputs = d.inputs.map((i) => (i.boxId === second.boxId ? asInput(fake) : i));
      for (const o of d.outputs) if (o.additionalRegisters.R4 === tagOf(second)) o.additionalRegisters = { R4: bytesConstant(fake.boxId) };
      rebalance(d, carol.ergoTree);
    });
    refused(f.world, swapped, [carol]);
  });

  it("refuses the committee's share one nanoERG short, and the underwriter's (twin: exact)", () => {
    const { f, first, carol, tx } = defaulted();
    const share = (d: Tx, tree: string) => d.outputs.find((o) => o.ergoTree === tree && o.additionalRegisters.R4 === tagOf(first))!;
    expect(valueOf(share(tx, f.committee.ergoTree))).toBe(5n * ERG); // 150 of 300 in use: half of 10 ERG
    for (const tree of [f.committee.ergoTree, f.uma.ergoTree]) {
      refused(f.world, edit(tx, (d) => {
        const out = share(d, tree);
        setValue(out, valueOf(out) - 1n);
        rebalance(d, carol.ergoTree);
      }), [carol]);
    }
  });

  it("refuses a share tagged with the other stake's id or untagged (twin: its own)", () => {
    const { f, first, second, carol, tx } = defaulted();
    const at = tx.outputs.findIndex((o) => o.ergoTree === f.committee.ergoTree && o.additionalRegisters.R4 === tagOf(first));
    refused(f.world, edit(tx, (d) => { d.outputs[at]!.additionalRegisters = { R4: tagOf(second) }; }), [carol]);
    refused(f.world, edit(tx, (d) => { d.outputs[at]!.additionalRegisters = {}; }), [carol]);
  });

  it("refuses a stake's token kept by the closer (twin: burnt)", () => {
    const { f, first, carol, tx } = defaulted();
    refused(f.world, edit(tx, (d) => {
      d.outputs.find((o) => o.ergoTree === carol.ergoTree)!.assets.push({ tokenId: first.stakeId!, amount: "1" });
    }), [carol]);
  });

  it("refuses the closer taking a stake's committee share into a second community-keyed box of his own (twin: to the committee)", () => {
    const { f, first, carol, tx } = defaulted();
    refused(f.world, edit(tx, (d) => {
      const out = d.outputs.find((o) => o.ergoTree === f.committee.ergoTree && o.additionalRegisters.R4 === tagOf(first))!;
      out.ergoTree = carol.ergoTree;
    }), [carol]);
  });
});
