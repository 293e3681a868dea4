import { describe, expect, it } from "vitest";
import { decodeAccount } from "../../contracts/account/account.ts";
import { join } from "../../contracts/builders/join.ts";
import { pay } from "../../contracts/builders/pay.ts";
import { ownerTree } from "../../contracts/builders/exit.ts";
import { edit, output } from "../../contracts/testing/tx-edit.ts";
import type { LetsEvent, PaymentLeg } from "./lets-events.ts";
import { TwoCommunities } from "./notes-testing.ts";

const ERG = 1_000_000_000n;

const legsOf = (events: LetsEvent[]): PaymentLeg[] => events.flatMap((e) => (e.kind === "payment" ? e.payees : []));

describe("the ERG part of a payment (applyBlock)", () => {
  it("is what outputs without tokens paid the payee's owner, 0 for a payee paid units alone", () => {
    const c = new TwoCommunities();
    const [bob, carol] = [c.account("bob"), c.account("carol")];
    const payees = [{ account: bob.box, amountUnits: 3n }, { account: carol.box, amountUnits: 4n, ergNanoErg: 1_500_000_000n }];
    const changes = c.submit(pay({ payer: c.account("alice").box, payees }, c.ctx(c.member("alice"))), [c.member("alice")]);
    expect(legsOf(changes.events)).toEqual([
      { accountId: bob.accountId, amount: 3n, ergNanoErg: 0n },
      { accountId: carol.accountId, amount: 4n, ergNanoErg: 1_500_000_000n },
    ]);
  });

  it("sums two outputs to the same owner; a payment whose fee came from the account has none", () => {
    const c = new TwoCommunities();
    const bob = c.account("bob");
    const built = pay({ payer: c.account("alice").box, payees: [{ account: bob.box, amountUnits: 2n, ergNanoErg: 2n * ERG }] }, c.ctx(c.member("alice")));
    const split = edit(built, (tx) => {
      const index = tx.outputs.findIndex((o) => o.ergoTree === ownerTree(bob.owner));
      output(tx, index).value = (ERG + 250_000_000n).toString();
      tx.outputs.splice(index + 1, 0, { ...structuredClone(output(tx, index)), value: (ERG - 250_000_000n).toString() });
    });
    expect(legsOf(c.submit(split, [c.member("alice")]).events)).toEqual([{ accountId: bob.accountId, amount: 2n, ergNanoErg: 2n * ERG }]);
    const plain = c.submit(pay({ payer: c.account("alice").box, payees: [{ account: c.account("bob").box, amountUnits: 1n }] }, c.ctx()), [c.member("alice")]);
    expect(legsOf(plain.events)).toEqual([{ accountId: bob.accountId, amount: 1n, ergNanoErg: 0n }]);
  });

  it("records none for a payee whose owner also owns the payer: the payer's change goes to the same tree", () => {
    const c = new TwoCommunities();
    const alice = c.member("alice");
    const [firstId, secondId] = [c.account("alice").accountId, c.communityBox(c.a.communityId).boxId];
    c.submit(join({ community: c.communityBox(c.a.communityId), owner: alice.owner }, c.ctx(alice)), [alice]);
    const byId = (accountId: string) => [...c.world.utxos.values()].find((b) => { const d = decodeAccount(b); return d.ok && d.value.accountId === accountId; })!;
    const tx = pay({ payer: byId(firstId), payees: [{ account: byId(secondId), amountUnits: 2n }] }, c.ctx(alice));
    expect(tx.outputs.some((o) => o.ergoTree === alice.ergoTree)).toBe(true);
    expect(legsOf(c.submit(tx, [alice]).events)).toEqual([{ accountId: secondId, amount: 2n, ergNanoErg: 0n }]);
  });
});
