/**
 * Economics shapes (issue 14, docs/economics.md): a two-party payment in an economics community
 * with each lever on alone, with all of them, and with none (the economics trees, no lever), plus
 * a sweep. The story is the same for each: three members join, carol pays alice and bob 50 each,
 * 1,000 blocks pass (so demurrage is due on both positive balances), then alice pays bob 5. The
 * same story in a plain community (`pay-plain-story`) is what each row is compared with.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Economics } from "../economics.ts";
import { pay } from "../builders/pay.ts";
import { sweep } from "../builders/sweep.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { econPolicy, testPolicy } from "../testing/policy.ts";
import type { Member } from "../testing/world.ts";
import { secretOf, type Shape } from "./shape.ts";

/** Each lever at a setting a community might choose; the names are the row suffixes; plain: no economics. */
export const LEVER_SETTINGS: Record<string, Partial<Economics> | "plain"> = {
  plain: "plain",
  "levers-off": {},
  demurrage: { demurragePpm: 10_000n, demurragePeriod: 21_600n },
  "usage-fee": { feeBps: 50n, feeMin: 1n },
  "earned-limit": { turnoverPpm: 5_000n, feeBps: 50n, stepUnits: 10n, stepBlocks: 720n, maxCreditLimit: 1_000n },
  allowance: { allowance: 40n, newcomerBlocks: 21_600n },
  "all-levers": {
    demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 50n, feeMin: 1n, turnoverPpm: 5_000n, stepUnits: 10n,
    stepBlocks: 720n, maxCreditLimit: 1_000n, allowance: 40n, newcomerBlocks: 21_600n, sweepMin: 1n,
  },
};

const shapeName = (setting: string): string => (setting === "plain" ? PLAIN_STORY : `pay-econ-${setting}`);
/** The plain community's payment in the same story: the row the economics rows are compared with. */
export const PLAIN_STORY = "pay-plain-story";
/** Shape names: the plain story, `pay-econ-<setting>` for each setting, and `sweep-econ`. */
export const ECONOMICS_SHAPES = [...Object.keys(LEVER_SETTINGS).map(shapeName), "sweep-econ"];

/** Builds the economics shapes. */
export function buildEconomicsShapes(): Shape[] {
  const shapes: Shape[] = [];
  for (const [setting, levers] of Object.entries(LEVER_SETTINGS)) {
    const policy = levers === "plain" ? testPolicy({ creditLimit: 500n }) : econPolicy(levers, { creditLimit: 500n });
    const f = new Fixture({ policy, members: ["alice", "bob", "carol"] });
    const w = f.world;
    const record = (name: string, tx: EIP12UnsignedTransaction, signer: Member): void => {
      shapes.push({ name, tx, secrets: [secretOf(signer)], height: w.height + 1 });
      w.submit(tx, [signer]);
    };
    const payees = ["alice", "bob"].map((n) => ({ account: f.account(n).box, amountUnits: 50n }));
    const keep = levers === "plain" ? {} : { allowanceUnits: 0n };
    w.submit(pay({ payer: f.account("carol").box, payees, ...keep }, { height: w.height }), [f.member("carol")]);
    w.mine(1_000);
    record(
      shapeName(setting),
      pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height }),
      f.member("alice"),
    );
    if (setting === "all-levers") {
      const outsider = w.member("outsider");
      const accounts = ["alice", "carol"].map((n) => f.account(n).box);
      record("sweep-econ", sweep({ community: f.communityBox(), accounts }, { height: w.height, wallet: w.wallet(outsider) }), outsider);
    }
  }
  return shapes;
}
