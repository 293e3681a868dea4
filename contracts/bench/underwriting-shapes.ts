/**
 * Underwriting shapes (contract version 8, docs/underwriting.md). A plain community of five members
 * (the underwriting fixture's price: 1 ERG of collateral for a limit of 100) and `uma`, an
 * underwriter who is not a member. uma offers alice a raise of 100 for 5 ERG (`uw-offer`), alice
 * accepts it (`uw-accept`); carol offers erin the same for a premium of 3 units to carol's account,
 * which erin accepts (`uw-accept-premium`); uma backs dave with four stakes. Then the same payment
 * of 5 units to bob from an unbacked payer (`pay-unbacked`, carol), from a payer backed by one stake
 * (`pay-backed-1`, alice) and by four (`pay-backed-4`, dave): what being underwritten costs a
 * member's payment. uma withdraws alice's stake (`uw-withdraw`); erin, back at 0, leaves with her
 * stake returned whole (`uw-leave`); alice, backed again, spends 55 units of the raise and defaults
 * after the inactivity window (`uw-default`: 55% of the stake to the committee); after the dormancy
 * window anyone refreshes one of dave's stakes (`uw-refresh`).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { acceptUnderwriting, offerUnderwriting, refreshUnderwriting, withdrawUnderwriting } from "../builders/underwrite.ts";
import { DORMANT_BLOCKS } from "../scripts.ts";
import { UnderwritingFixture, UNDERWRITING_POLICY } from "../testing/underwriting-fixture.ts";
import type { Member } from "../testing/world.ts";
import { decodeUnderwriting, type Underwriting } from "../underwriting/underwriting.ts";
import { secretOf, type Shape } from "./shape.ts";

/** The unbacked payment the backed ones are compared with. */
export const UNBACKED_PAY = "pay-unbacked";
/** The payments by stakes backing the payer, compared with `UNBACKED_PAY` (same run, same community). */
export const BACKED_PAYS = ["pay-backed-1", "pay-backed-4"];
/** Shape names, in the order the rows are printed. */
export const UNDERWRITING_SHAPES = [
  "uw-offer", "uw-accept", "uw-accept-premium", "uw-withdraw", "uw-leave", "uw-default", "uw-refresh", UNBACKED_PAY, ...BACKED_PAYS,
];

const ERG = 1_000_000_000n;
const STAKE = 5n * ERG;

/** Builds the underwriting shapes. */
export function buildUnderwritingShapes(): Shape[] {
  const shapes: Shape[] = [];
  const f = new UnderwritingFixture({ members: ["alice", "bob", "carol", "dave", "erin"] });
  const w = f.world;
  const ctx = (m: Member) => ({ height: w.height, wallet: w.wallet(m) });
  /** Records `tx` as `name` (validated at tip + 1), then submits it; returns the underwriting box it made, if any. */
  const record = (name: string, tx: EIP12UnsignedTransaction, signer: Member): Underwriting | undefined => {
    shapes.push({ name, tx, secrets: [secretOf(signer)], height: w.height + 1 });
    const made = w.submit(tx, [signer]).outputs.find((b) => decodeUnderwriting(b).ok);
    return made ? f.decode(made) : undefined;
  };
  const payBob = (name: string) => pay({ payer: f.account(name).box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height });
  const [alice, carol, dave, erin, uma] = [f.member("alice"), f.member("carol"), f.member("dave"), f.member("erin"), f.uma];

  const offer = record("uw-offer", offerUnderwriting({ account: f.account("alice").box, underwriter: uma.owner, raiseUnits: 100n, stakeNanoErg: STAKE }, ctx(uma)), uma)!;
  const aliceStake = record("uw-accept", acceptUnderwriting({ offer: w.box(offer.boxId), account: f.account("alice").box }, ctx(alice)), alice)!;
  const premiumOffer = f.offer("erin", 100n, STAKE, { by: carol, premium: 3n, premiumTo: "carol" });
  const erinStake = record(
    "uw-accept-premium",
    acceptUnderwriting({ offer: w.box(premiumOffer.boxId), account: f.account("erin").box, premiumAccount: f.account("carol").box }, ctx(erin)),
    erin,
  )!;
  const daveStakes = [1, 2, 3, 4].map(() => f.underwrite("dave", 100n, STAKE));
  if (f.account("dave").terms.backing?.stakes.length !== 4) throw new Error("dave should be backed by four stakes");

  // The same payment of 5 units to bob: carol (3 units from the premium) unbacked, alice and dave backed.
  record(UNBACKED_PAY, payBob("carol"), carol);
  record("pay-backed-1", payBob("alice"), alice);
  record("pay-backed-4", payBob("dave"), dave);

  // alice's raise is not in use (balance -5, floor -100 without it): uma takes the stake back.
  record("uw-withdraw", withdrawUnderwriting({ stake: w.box(aliceStake.boxId), account: f.account("alice").box }, ctx(uma)), uma);

  // erin paid the premium; bob pays her back to 0 and she leaves: carol's stake returns whole.
  f.pay("bob", "erin", 3n);
  record("uw-leave", leave({ community: f.communityBox(), account: f.account("erin").box, stakes: [w.box(erinStake.boxId)] }, ctx(erin)), erin);

  // alice is backed again, goes to -155 (55 of the raise in use) and stays inactive past the window.
  const again = f.underwrite("alice", 100n, STAKE);
  f.pay("alice", "bob", 150n);
  w.mine(Number(UNDERWRITING_POLICY.inactivityBlocks) + 10);
  const outsider = w.member("outsider");
  record("uw-default", closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box], stakes: [w.box(again.boxId)] }, ctx(outsider)), outsider);

  // Nobody touches dave's stakes for the dormancy window: an outsider refreshes one.
  w.mine(DORMANT_BLOCKS);
  record("uw-refresh", refreshUnderwriting({ stake: w.box(daveStakes[0]!.boxId) }, ctx(outsider)), outsider);
  return shapes;
}
