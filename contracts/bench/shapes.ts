/**
 * The transaction shapes the contract benchmark measures, built with the builders in a Fixture
 * world that lives through the same story as lifecycle.spec.ts: a community with four members,
 * payments, a member leaving at balance 0, a negative member defaulting after the inactivity
 * window, a policy change, a dormant account closed and the dormant community box refreshed. Each measured transaction is captured just before `World.submit`
 * applies it (both interpreters must accept it there too), so every later shape spends real boxes.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { DORMANT_BLOCKS } from "../scripts.ts";
import { createCommunity } from "../builders/create.ts";
import { govern } from "../builders/govern.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { crossPay } from "../builders/cross-pay.ts";
import { acceptLine, proposeLine } from "../builders/line-open.ts";
import { Network, TEST_TERMS } from "../testing/network-fixture.ts";
import { Fixture, TEST_METADATA, TEST_POLICY } from "../testing/community-fixture.ts";
import { buildReferenceTransfer } from "../testing/reference-transfer.ts";
import type { Member } from "../testing/world.ts";
import { buildEconomicsShapes } from "./economics-shapes.ts";
import { buildDeskShapes } from "./desk-shapes.ts";
import { buildEscrowShapes } from "./escrow-shapes.ts";
import { buildUnderwritingShapes } from "./underwriting-shapes.ts";
import { buildLoanShapes } from "./loan-shapes.ts";
import { buildGovernanceShapes } from "./governance-shapes.ts";
import { secretOf, type Shape } from "./shape.ts";

export type { Shape };

/** Name of the reference row every shape is compared with. */
export const REFERENCE_SHAPE = "reference-p2pk-transfer";

/**
 * Trade lines (docs/inter-lets.md) in a world of three communities: A proposes a line to B, B
 * accepts, a line B-C opens, then a cross payment A -> B and a two-hop payment A -> B -> C.
 */
function buildLineShapes(): Shape[] {
  const n = new Network(["A", "B", "C"]);
  const w = n.world;
  const shapes: Shape[] = [];
  const record = (name: string, tx: EIP12UnsignedTransaction, signer: Member): void => {
    shapes.push({ name, tx, secrets: [secretOf(signer)], height: w.height + 1 });
    w.submit(tx, [signer]);
  };
  const [A, B, C] = [n.c("A"), n.c("B"), n.c("C")];
  const proposal = proposeLine({ community: A.communityBox(), partnerCommunityId: B.communityId, terms: TEST_TERMS }, { height: w.height, wallet: w.wallet(A.committee) });
  const ab = proposal.inputs[0]!.boxId;
  record("line-propose", proposal, A.committee);
  record("line-accept", acceptLine({ community: B.communityBox(), line: n.lineBox(ab), gatewayA: n.gateway(ab, 0).box }, { height: w.height, wallet: w.wallet(B.committee) }), B.committee);
  const bc = n.openLine("B", "C");
  const alice = A.member("alice@A");
  record(
    "cross-pay",
    crossPay({ payer: A.account("alice@A").box, payments: [{ payee: B.account("bob@B").box, amountUnits: 20n, hops: [n.hop(ab, "A")] }] }, { height: w.height }),
    alice,
  );
  record(
    "cross-pay-2-hops",
    crossPay({ payer: A.account("alice@A").box, payments: [{ payee: C.account("bob@C").box, amountUnits: 20n, hops: [n.hop(ab, "A", 1), n.hop(bc, "B")] }] }, { height: w.height }),
    alice,
  );
  return shapes;
}


/**
 * Builds every shape in order: create, join, pay-1-to-3, pay-mixed (not applied), pay, leave, default, govern,
 * close-dormant, refresh, then the reference P2PK transfer at the final height. Throws if the
 * world refuses any transaction.
 */
export function buildShapes(): Shape[] {
  const f = new Fixture({ members: ["alice", "bob", "carol", "dave"] });
  const w = f.world;
  const shapes: Shape[] = [];

  /** Records `tx` as `name` (validated at tip + 1), then submits it so the story goes on. */
  const record = (name: string, tx: EIP12UnsignedTransaction, signer: Member): void => {
    shapes.push({ name, tx, secrets: [secretOf(signer)], height: w.height + 1 });
    w.submit(tx, [signer]);
  };

  // A second committee founds another community in the same world (one wallet box in).
  const founder = w.member("founder");
  record(
    "create",
    createCommunity(
      { policy: TEST_POLICY, metadata: TEST_METADATA, committee: founder.owner },
      { height: w.height, wallet: w.wallet(founder) },
    ),
    founder,
  );

  // A fifth member joins the four-member community.
  const erin = w.member("erin");
  record("join", join({ community: f.communityBox(), owner: erin.owner }, { height: w.height, wallet: w.wallet(erin) }), erin);

  // Some trade first, as in the lifecycle test: alice pays bob 20.
  w.submit(
    pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }),
    [f.member("alice")],
  );

  // Bob pays alice, carol and dave 5 each in one transaction.
  const payees = ["alice", "carol", "dave"].map((n) => ({ account: f.account(n).box, amountUnits: 5n }));
  record("pay-1-to-3", pay({ payer: f.account("bob").box, payees }, { height: w.height }), f.member("bob"));

  // The same payment with 1.5 ERG to bob's owner from carol's wallet (a mixed payment), measured
  // only: the story goes on with the plain one.
  const carolWallet = w.wallet(f.member("carol"));
  const mixed = pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 5n, ergNanoErg: 1_500_000_000n }] }, { height: w.height, wallet: carolWallet });
  shapes.push({ name: "pay-mixed", tx: mixed, secrets: [secretOf(f.member("carol"))], height: w.height + 1 });

  // Carol pays bob 5 and is back at balance 0: the two-party payment.
  record(
    "pay",
    pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height }),
    f.member("carol"),
  );

  // Carol leaves at balance 0 and takes her collateral back.
  const carol = f.member("carol");
  record("leave", leave({ community: f.communityBox(), account: f.account("carol").box }, { height: w.height, wallet: w.wallet(carol) }), carol);

  // Dave goes to -45, stays inactive past the window, and an outsider closes his account.
  w.submit(
    pay({ payer: f.account("dave").box, payees: [{ account: f.account("bob").box, amountUnits: 50n }] }, { height: w.height }),
    [f.member("dave")],
  );
  w.mine(Number(TEST_POLICY.inactivityBlocks) + 10);
  const outsider = w.member("outsider");
  record(
    "default",
    closeDefaulted({ community: f.communityBox(), accounts: [f.account("dave").box] }, { height: w.height, wallet: w.wallet(outsider) }),
    outsider,
  );

  // The committee raises the credit limit for future joins.
  record(
    "govern",
    govern({ community: f.communityBox(), policy: { creditLimit: 200n } }, { height: w.height, wallet: w.wallet(f.committee) }),
    f.committee,
  );

  // Nobody touches alice's and bob's boxes nor the community box for the dormancy window: an
  // outsider closes alice's account as dormant, then refreshes the community box.
  w.mine(DORMANT_BLOCKS);
  record(
    "close-dormant",
    closeDormant({ community: f.communityBox(), accounts: [f.account("alice").box] }, { height: w.height, wallet: w.wallet(outsider) }),
    outsider,
  );
  w.mine(DORMANT_BLOCKS);
  record("refresh", refreshCommunity({ community: f.communityBox() }, { height: w.height, wallet: w.wallet(outsider) }), outsider);

  shapes.push(...buildLineShapes());
  shapes.push(...buildEconomicsShapes());
  shapes.push(...buildDeskShapes());
  shapes.push(...buildEscrowShapes());
  shapes.push(...buildUnderwritingShapes());
  shapes.push(...buildLoanShapes());
  shapes.push(...buildGovernanceShapes());

  // The reference row: built in the tip's block like the builders' transactions, validated at tip + 1.
  const reference = buildReferenceTransfer(w.height);
  shapes.push({ name: REFERENCE_SHAPE, tx: reference.tx, secrets: reference.secrets, height: w.height + 1 });
  return shapes;
}
