/**
 * Exchange desk shapes (contract version 6, docs/desk.md). A community of three members (the desk
 * fixture's policy) whose committee opens a fixed-rate desk (`desk-open`); alice buys 100 units
 * (`desk-buy`), sells 40 back (`desk-sell`), bob deposits 5 ERG (`desk-deposit`) and the committee
 * announces a new rate (`desk-announce`). A second community opens a desk priced in US dollars by
 * an oracle pool box, and alice buys 110 units with the pool box as a data input (`desk-buy-oracle`).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { openDesk } from "../builders/desk-open.ts";
import { buyFromDesk, sellToDesk } from "../builders/desk-trade.ts";
import { depositToDesk, governDesk } from "../builders/desk-govern.ts";
import { DeskFixture, FIXED_TERMS, POOL_NFT } from "../testing/desk-fixture.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import type { Member, World } from "../testing/world.ts";
import { decodeDesk } from "../desk/desk.ts";
import { secretOf, type Shape } from "./shape.ts";

/** Shape names, in the order the rows are printed. */
export const DESK_SHAPES = ["desk-open", "desk-buy", "desk-buy-oracle", "desk-sell", "desk-deposit", "desk-announce"];

const ERG = 1_000_000_000n;

function recorder(w: World, shapes: Shape[]) {
  return (name: string, tx: EIP12UnsignedTransaction, signer: Member): void => {
    shapes.push({ name, tx, secrets: [secretOf(signer)], height: w.height + 1 });
    w.submit(tx, [signer]);
  };
}

/** Builds the desk shapes. */
export function buildDeskShapes(): Shape[] {
  const shapes: Shape[] = [];
  // The fixed-rate desk, opened here so that the opening is measured (DeskFixture opens its own unrecorded).
  const f = new Fixture({ policy: testPolicy({ positiveCap: 5_000n, creditLimit: 1_000n }), members: ["alice", "bob", "carol"] });
  const w = f.world;
  const record = recorder(w, shapes);
  record(
    "desk-open",
    openDesk({ community: f.communityBox(), terms: FIXED_TERMS, reserveNanoErg: ERG }, { height: w.height, wallet: w.wallet(f.committee) }),
    f.committee,
  );
  const deskBox = () => {
    const box = [...w.utxos.values()].find((b) => {
      const d = decodeDesk(b);
      return d.ok && d.value.communityId === f.communityId;
    });
    if (!box) throw new Error("no live desk box");
    return box;
  };
  const alice = f.member("alice");
  record("desk-buy", buyFromDesk({ desk: deskBox(), account: f.account("alice").box, units: 100n }, { height: w.height, wallet: w.wallet(alice) }), alice);
  record("desk-sell", sellToDesk({ desk: deskBox(), account: f.account("alice").box, units: 40n }, { height: w.height, wallet: w.wallet(alice) }), alice);
  const bob = f.member("bob");
  record("desk-deposit", depositToDesk({ desk: deskBox(), nanoErg: 5n * ERG }, { height: w.height, wallet: w.wallet(bob) }), bob);
  record("desk-announce", governDesk({ desk: deskBox(), announce: { terms: { rateNum: 120n } } }, { height: w.height, wallet: w.wallet(f.committee) }), f.committee);

  // The desk priced in US dollars: 110 units per USD, the pool at 4 USD per ERG.
  const o = new DeskFixture({ terms: { oracleNft: POOL_NFT, rateNum: 110n, rateDen: 1n } });
  const oracle = o.oracle(250_000_000n);
  const buyer = o.member("alice");
  recorder(o.world, shapes)(
    "desk-buy-oracle",
    buyFromDesk({ desk: o.deskBox(), account: o.account("alice").box, units: 110n, oracle }, { height: o.world.height, wallet: o.world.wallet(buyer) }),
    buyer,
  );
  return shapes;
}
