/**
 * Mutations of the economics fields of an honest economics transaction: an account's balance (R5),
 * its terms (R6), its R9 state (accrued, chargedHeight, received, allowance, carry), a usage fee
 * moved between payer and payee, allowance spent more or less, and the community state (R7). One
 * kind re-dates the demurrage clock and recharges it as the model says, which the rules allow.
 */
import { decodeAccount } from "../account/account.ts";
import type { Box } from "@fleet-sdk/common";
import { longConstant, longsConstant, readBytes, readLong, readLongs } from "../registers.ts";
import { ACCOUNT_ECON_ERGO_TREE, COMMUNITY_ECON_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { output, setRegister, type Output, type Tx } from "../testing/tx-edit.ts";
import type { EconomicsModel } from "./economics-model.ts";
import type { EconBase } from "./economics-pool.ts";
import { nonZero, pick, type Draw } from "./mutation-kinds.ts";

/** What an economics output is in its transaction. */
export type EconRole = "payer" | "payee" | "swept" | "newAccount" | "community";
const ACCOUNT_ROLES: readonly EconRole[] = ["payer", "payee", "swept", "newAccount"];
const CHARGED_ROLES: readonly EconRole[] = ["payer", "payee", "swept"];

export interface MutationContext {
  tx: Tx;
  index: number;
  role: EconRole;
  d: Draw;
  model: EconomicsModel;
  /** HEIGHT the transaction is judged at. */
  height: bigint;
}

export interface EconMutation {
  name: string;
  roles: readonly EconRole[];
  /** Base kinds it applies to (all when absent). */
  bases?: readonly EconBase["kind"][];
  /** Changes the copy `c.tx` at output `c.index`. */
  apply(c: MutationContext): void;
}

/** The role of output `index` of `base`, or undefined for a box that is not an economics box. */
export function econRoleOf(base: EconBase, index: number): EconRole | undefined {
  const out = output(base.tx, index);
  if (out.ergoTree === COMMUNITY_ECON_ERGO_TREE) return "community";
  if (out.ergoTree !== ACCOUNT_ECON_ERGO_TREE) return undefined;
  if (base.kind === "sweep") return "swept";
  if (base.kind === "join") return "newAccount";
  return readBytes("R7", out.additionalRegisters.R7) === base.signer ? "payer" : "payee";
}

const r9 = (out: Output): bigint[] => readLongs("R9", out.additionalRegisters.R9, 5);
const setR9 = (out: Output, values: bigint[]) => setRegister(out, "R9", longsConstant(values));
const balanceOf = (out: Output): bigint => readLong("R5", out.additionalRegisters.R5);
const setBalance = (out: Output, balance: bigint) => setRegister(out, "R5", longConstant(balance));

function shiftR9(out: Output, field: number, by: bigint): void {
  const values = r9(out);
  values[field] = values[field]! + by;
  setR9(out, values);
}

/** The spent account whose successor is `out`. */
function inputOf(tx: Tx, out: Output) {
  const input = tx.inputs.find((b) => b.ergoTree === ACCOUNT_ECON_ERGO_TREE && b.additionalRegisters.R7 === out.additionalRegisters.R7);
  const decoded = input && decodeAccount(input as Box<string>);
  if (!decoded?.ok) throw new Error("no spent account for this output");
  return decoded.value;
}

const communityOf = (tx: Tx): Output => tx.outputs.find((o) => o.ergoTree === COMMUNITY_ECON_ERGO_TREE)!;

/** The demurrage clock re-dated within the range the rules allow, and recharged exactly as the model says. */
function recharge(c: MutationContext): void {
  const out = output(c.tx, c.index);
  const account = inputOf(c.tx, out);
  const [, m] = c.model.byAccountId(account.accountId);
  const values = r9(out);
  const current = values[1]!;
  const recent = c.height - BigInt(MAX_AGE_BLOCKS);
  const lo = account.economy!.chargedHeight > recent ? account.economy!.chargedHeight : recent;
  let to = c.d.big(lo, c.height);
  if (to === current) to = current === c.height ? c.height - 1n : c.height;
  const before = c.model.demurrageTo(m, current).due;
  const after = c.model.demurrageTo(m, to);
  setBalance(out, balanceOf(out) + before - after.due);
  const accrued = c.role === "swept" ? 0n : values[0]! - before + after.due;
  setR9(out, [accrued, to, values[2]!, values[3]!, after.carry]);
  if (c.role === "swept") {
    const community = communityOf(c.tx);
    const state = readLongs("R7", community.additionalRegisters.R7, 2);
    setRegister(community, "R7", longsConstant([state[0]!, state[1]! + after.due - before]));
  }
}

export const ECON_MUTATIONS: readonly EconMutation[] = [
  { name: "balance +-", roles: ACCOUNT_ROLES, apply: (c) => setBalance(output(c.tx, c.index), balanceOf(output(c.tx, c.index)) + nonZero(c.d, 3n)) },
  { name: "R9 field +-", roles: ACCOUNT_ROLES, apply: (c) => shiftR9(output(c.tx, c.index), c.d.int(0, 4), nonZero(c.d, 2n)) },
  {
    name: "terms field +-",
    roles: ACCOUNT_ROLES,
    apply(c) {
      const out = output(c.tx, c.index);
      const terms = readLongs("R6", out.additionalRegisters.R6, 14);
      const i = c.d.int(0, terms.length - 1);
      terms[i] = terms[i]! + nonZero(c.d, 2n);
      setRegister(out, "R6", longsConstant(terms));
    },
  },
  {
    name: "chargedHeight shift",
    roles: ACCOUNT_ROLES,
    apply(c) {
      const variant = c.d.int(0, 2);
      // A block or three either way; before the recent window; past HEIGHT.
      const current = r9(output(c.tx, c.index))[1]!;
      const by = variant === 0 ? nonZero(c.d, 3n) : variant === 1 ? c.height - BigInt(MAX_AGE_BLOCKS) - c.d.big(1n, 50n) - current : c.height + c.d.big(1n, 3n) - current;
      shiftR9(output(c.tx, c.index), 1, by === 0n ? 1n : by);
    },
  },
  { name: "chargedHeight re-dated, recharged by the model", roles: CHARGED_ROLES, apply: recharge },
  { name: "carry shift", roles: CHARGED_ROLES, apply: (c) => shiftR9(output(c.tx, c.index), 4, nonZero(c.d, 3n)) },
  {
    name: "fee moved between payer and payee",
    roles: ["payer"],
    bases: ["pay"],
    apply(c) {
      const payer = output(c.tx, c.index);
      const payees = c.tx.outputs.filter((o, i) => i !== c.index && o.ergoTree === ACCOUNT_ECON_ERGO_TREE);
      const k = nonZero(c.d, 2n);
      shiftR9(payer, 0, -k);
      shiftR9(pick(c.d, payees), 0, k);
    },
  },
  {
    name: "allowance spent more or less",
    roles: ["payer"],
    apply(c) {
      const out = output(c.tx, c.index);
      const k = nonZero(c.d, 3n);
      shiftR9(out, 3, -k);
      setBalance(out, balanceOf(out) + k);
    },
  },
  {
    name: "community state +-",
    roles: ["community"],
    apply(c) {
      const out = output(c.tx, c.index);
      const state = readLongs("R7", out.additionalRegisters.R7, 2);
      const i = c.d.int(0, 1);
      state[i] = state[i]! + nonZero(c.d, 2n);
      setRegister(out, "R7", longsConstant(state));
    },
  },
];
