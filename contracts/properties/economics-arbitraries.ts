/**
 * What the economics sequences draw: the lever settings of a community (all off, each lever
 * alone, all on) and the actions run against it (joins, payments with allowance use, top-ups,
 * sweeps, leaves, defaults after inactivity, mined blocks).
 */
import fc from "fast-check";
import type { Policy } from "../community/community.ts";
import type { Economics } from "../economics.ts";
import { econPolicy, LEVERS_OFF } from "../testing/policy.ts";

/** Small limits, so that a few actions reach the credit floor, the positive cap and a full community. */
export const ECON_BASE = { creditLimit: 30n, positiveCap: 25n, maxMembers: 5n, inactivityBlocks: 5n } as const;

export type LeverSet = "off" | "demurrage" | "fee" | "earned limit" | "allowance" | "sweepMin" | "all";

export interface Levers {
  set: LeverSet;
  levers: Partial<Economics>;
}

/** Rates from a trace to a whole balance per block. */
const demurrage = fc.record({
  demurragePpm: fc.oneof(fc.bigInt(1n, 999n), fc.bigInt(1_000n, 100_000n), fc.bigInt(100_001n, 1_000_000n)),
  demurragePeriod: fc.oneof(fc.constant(1n), fc.bigInt(2n, 20n), fc.constant(100n)),
});
const fee = fc.record({ feeBps: fc.oneof(fc.bigInt(1n, 500n), fc.bigInt(501n, 9_999n)), feeMin: fc.bigInt(0n, 4n) });
const steps = fc.record({
  stepUnits: fc.bigInt(1n, 10n),
  stepBlocks: fc.bigInt(1n, 20n),
  maxCreditLimit: fc.bigInt(ECON_BASE.creditLimit, ECON_BASE.creditLimit + 60n),
});
const allowance = fc.record({ allowance: fc.bigInt(1n, 40n), newcomerBlocks: fc.bigInt(0n, 40n) });
const sweepMin = fc.record({ sweepMin: fc.bigInt(0n, 10n) });
/** With every lever on, mostly a sweep minimum that small charges reach. */
const lowSweepMin = fc.record({ sweepMin: fc.oneof({ weight: 3, arbitrary: fc.bigInt(0n, 3n) }, { weight: 1, arbitrary: fc.bigInt(4n, 10n) }) });

/** Every lever on; the turnover share within the usage fee (ppm <= bps x 100), as the policy rules want. */
const allOn = fc
  .tuple(demurrage, fee, steps, allowance, lowSweepMin)
  .chain(([d, f, s, a, m]) => fc.bigInt(0n, f.feeBps * 100n).map((turnoverPpm) => ({ ...d, ...f, ...s, ...a, ...m, turnoverPpm })));

export const leversArb: fc.Arbitrary<Levers> = fc.oneof(
  fc.constant<Levers>({ set: "off", levers: {} }),
  demurrage.map((levers): Levers => ({ set: "demurrage", levers })),
  fee.map((levers): Levers => ({ set: "fee", levers })),
  steps.map((levers): Levers => ({ set: "earned limit", levers })),
  allowance.map((levers): Levers => ({ set: "allowance", levers })),
  sweepMin.map((levers): Levers => ({ set: "sweepMin", levers })),
  { weight: 3, arbitrary: allOn.map((levers): Levers => ({ set: "all", levers })) },
);

/** The policy of a community with these levers. */
export const policyOf = (l: Levers): Policy => econPolicy({ ...LEVERS_OFF, maxCreditLimit: ECON_BASE.creditLimit, ...l.levers }, ECON_BASE);

/** How much of a purchase the payer asks to pay from its allowance. */
export type AllowanceChoice = { kind: "most" } | { kind: "none" } | { kind: "units"; units: bigint };

export type EconAction =
  | { kind: "join" }
  | { kind: "pay"; payer: number; offset: number; amounts: bigint[]; allowance: AllowanceChoice }
  | { kind: "topUp"; who: number; addNanoErg: bigint }
  | { kind: "sweep"; who: number[]; charged: boolean }
  | { kind: "leave"; who: number }
  | { kind: "default"; who: number; debtor: boolean; wait: number }
  | { kind: "mine"; blocks: number };

const amountArb = fc.oneof(
  { weight: 14, arbitrary: fc.bigInt(1n, 15n) },
  { weight: 5, arbitrary: fc.bigInt(16n, 70n) },
  { weight: 1, arbitrary: fc.constant(0n) },
);
const allowanceChoiceArb: fc.Arbitrary<AllowanceChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "most" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.bigInt(1n, 30n).map((units) => ({ kind: "units" as const, units })) },
);
const inactivity = Number(ECON_BASE.inactivityBlocks);

/** One action; member choices are indices into the live members, resolved when it runs. */
export const econActionArb: fc.Arbitrary<EconAction> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "join" as const }) },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      payer: fc.nat(11),
      offset: fc.nat(11),
      amounts: fc.array(amountArb, { minLength: 1, maxLength: 3 }),
      allowance: allowanceChoiceArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("topUp" as const), who: fc.nat(11), addNanoErg: fc.bigInt(1n, 50n).map((k) => k * 1_000_000n) }) },
  {
    weight: 2,
    // Mostly aim at accounts holding enough charges to be swept, if there are any.
    arbitrary: fc.record({ kind: fc.constant("sweep" as const), who: fc.array(fc.nat(11), { minLength: 1, maxLength: 3 }), charged: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("leave" as const), who: fc.nat(11) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("default" as const),
      who: fc.nat(11),
      debtor: fc.boolean(),
      wait: fc.oneof(fc.constant(inactivity), fc.constant(inactivity - 2), fc.integer({ min: 0, max: inactivity + 1 })),
    }),
  },
  // A few blocks, a newcomer window or a few demurrage periods, or many periods.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("mine" as const), blocks: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 60 }), fc.integer({ min: 100, max: 400 })) }) },
);

/** Sequences of 4 to `maxLength` actions. */
export const econSequenceArb = (maxLength: number): fc.Arbitrary<EconAction[]> => fc.array(econActionArb, { minLength: 4, maxLength });
