/**
 * Register mutations of LETS outputs: each kind edits one register of one output of a copy of a
 * valid transaction. A kind only draws values that break a LETS rule for the output's role: the
 * signing payer may date its activity up to maxAgeBlocks back and raise its order sequence (R9), a
 * payee that was negative must mark activity in [max(old, HEIGHT - maxAgeBlocks), HEIGHT], a
 * joiner may name any keys as owner, and the committee may set any bounded policy that keeps
 * maxMembers and hand over to any keys, so those kinds draw values out of range, of the wrong
 * type, or owners that are not keys instead.
 */
import { hex } from "@fleet-sdk/crypto";
import { SBool, SByte, SColl, SInt, SLong } from "@fleet-sdk/serializer";
import { bytesConstant, longConstant, longsConstant, readBytes, readLong, readLongs } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { policyBounds } from "../builders/policy.ts";
import {
  ACCOUNT_ROLES, ALL_ROLES, editLongs, otherOwner, pick, shifted, wrongTyped, type Draw, type Env, type MutationKind,
} from "./mutation-kinds.ts";
import { LONG_MAX, LONG_MIN } from "../long.ts";
import { lastRegister, output, register, removeRegister, setRegister, type RegisterName } from "../testing/tx-edit.ts";

const balance: MutationKind = {
  name: "balance",
  roles: ACCOUNT_ROLES,
  apply(tx, index, _role, d) {
    const out = output(tx, index);
    const old = readLong("R5", out.additionalRegisters.R5);
    const variant = d.int(0, 3);
    const next = variant === 0 ? shifted(d, old, 60n) : variant === 1 ? shifted(d, old, LONG_MAX) : variant === 2 ? LONG_MIN : LONG_MAX;
    setRegister(out, "R5", longConstant(next));
  },
};

const terms: MutationKind = {
  name: "terms",
  roles: ACCOUNT_ROLES,
  apply(tx, index, _role, d) {
    const out = output(tx, index);
    setRegister(out, "R6", longsConstant(editLongs(d, readLongs("R6", out.additionalRegisters.R6, 5), 1_000n)));
  },
};

const owner: MutationKind = {
  name: "owner",
  // A joiner may open an account for any keys: a join's owner is only checked to be keys (TYPE_ONLY_KINDS).
  roles: ["payer", "payee"],
  apply(tx, index, _role, d, env) {
    const out = output(tx, index);
    setRegister(out, "R4", d.int(0, 2) > 0 ? otherOwner(d, env, register(out, "R4")) : wrongTyped(d));
  },
};

const accountId: MutationKind = {
  name: "accountId",
  roles: ACCOUNT_ROLES,
  apply(tx, index, _role, d) {
    const out = output(tx, index);
    const old = readBytes("R7", out.additionalRegisters.R7);
    const others = [...tx.inputs, ...tx.outputs]
      .filter((b) => b.ergoTree === ACCOUNT_ERGO_TREE && b.additionalRegisters.R7 !== out.additionalRegisters.R7)
      .map((b) => readBytes("R7", b.additionalRegisters.R7));
    const variants = [
      () => hex.encode(d.bytes(32)),
      () => old.slice(0, -2),
      () => old + "00",
      () => (others.length > 0 ? pick(d, others) : hex.encode(d.bytes(32))),
    ];
    let next = pick(d, variants)();
    if (next === old) next = old.slice(0, 62) + (old.endsWith("00") ? "01" : "00");
    setRegister(out, "R7", bytesConstant(next));
  },
};

const lastActive: MutationKind = {
  name: "lastActive",
  roles: ACCOUNT_ROLES,
  apply(tx, index, role, d, env) {
    const out = output(tx, index);
    const old = readLong("R8", out.additionalRegisters.R8);
    const h = BigInt(env.height);
    const variant = d.int(0, 2);
    let next: string;
    if (variant === 0) next = wrongTyped(d);
    // The payer's mark may lag HEIGHT by up to maxAgeBlocks (mempool wait): go past either end.
    else if (role === "payer") next = longConstant(variant === 1 ? h + d.big(1n, 1_000n) : h - BigInt(MAX_AGE_BLOCKS) - d.big(1n, 5_000n));
    else if (variant === 1) next = longConstant(h + d.big(1n, 1_000n));
    else {
      // A payee that was negative must mark activity in [max(before, HEIGHT - maxAgeBlocks), HEIGHT];
      // any other payee keeps `before` (a new account: its joinedHeight). Go below that floor, or
      // keep a mark older than maxAgeBlocks where the payee was negative.
      const input = tx.inputs.find((b) => b.ergoTree === ACCOUNT_ERGO_TREE && b.additionalRegisters.R7 === out.additionalRegisters.R7);
      const before = input ? readLong("R8", input.additionalRegisters.R8) : old;
      const negative = input !== undefined && readLong("R5", input.additionalRegisters.R5) < 0n;
      const recent = h - BigInt(MAX_AGE_BLOCKS);
      const floor = negative && before < recent ? recent : before;
      next = longConstant(floor > before && d.int(0, 1) === 0 ? before : floor - d.big(1n, 100_000n));
    }
    setRegister(out, "R8", next);
  },
};

const policy: MutationKind = {
  name: "policy",
  roles: ["community", "governed"],
  apply(tx, index, role, d) {
    const out = output(tx, index);
    const old = readLongs("R4", out.additionalRegisters.R4, 6);
    let next: bigint[];
    if (role === "community") next = editLongs(d, old, 1_000_000n);
    else {
      // The committee may set any 6 values within their bounds that keep maxMembers.
      const variant = d.int(0, 3);
      next = [...old];
      if (variant === 0) next[4] = shifted(d, old[4]!, 20n);
      else if (variant === 1) next[d.int(0, 5)] = -d.big(1n, LONG_MAX);
      else if (variant === 2) {
        const field = pick(d, [0, 1, 2, 3, 5]);
        const bound = Object.values(policyBounds(old[4]!))[field]!;
        next[field] = bound + d.big(1n, LONG_MAX - bound);
      } else next = d.int(0, 1) === 0 ? old.slice(0, 5) : [...old, 0n];
    }
    setRegister(out, "R4", longsConstant(next));
  },
};

const committee: MutationKind = {
  name: "committee",
  // The committee may hand over to any keys: a governed box's R5 is only checked to be keys (TYPE_ONLY_KINDS).
  roles: ["community"],
  apply(tx, index, _role, d, env) {
    const out = output(tx, index);
    setRegister(out, "R5", d.int(0, 1) === 0 ? otherOwner(d, env, register(out, "R5")) : wrongTyped(d));
  },
};

const state: MutationKind = {
  name: "state",
  roles: ["community", "governed"],
  apply(tx, index, _role, d) {
    const out = output(tx, index);
    setRegister(out, "R7", longsConstant(editLongs(d, readLongs("R7", out.additionalRegisters.R7, 2), 100n)));
  },
};

const metadata: MutationKind = {
  name: "metadata",
  // The committee may write any metadata: a governed box's R6 is only type-checked (TYPE_ONLY_KINDS).
  roles: ["community"],
  apply(tx, index, _role, d) {
    const out = output(tx, index);
    const bytes = hex.decode(readBytes("R6", out.additionalRegisters.R6));
    const variant = d.int(0, 2);
    let next: Uint8Array;
    if (variant === 0) {
      next = bytes.slice();
      const i = d.int(0, next.length - 1);
      next[i] = next[i]! ^ d.int(1, 255);
    } else if (variant === 1) next = new Uint8Array([...bytes, d.int(0, 255)]);
    else next = bytes.slice(0, d.int(0, bytes.length - 1));
    setRegister(out, "R6", SColl(SByte, next).toHex());
  },
};

const dropRegister: MutationKind = {
  name: "removeRegister",
  roles: ALL_ROLES,
  apply(tx, index) {
    const out = output(tx, index);
    removeRegister(out, lastRegister(out));
  },
};

/**
 * A plain account's R9, its order sequence (version 5, docs/batches.md): never lowered, raised only
 * by its owner (the signing payer revokes orders so), 0 in a new account. Draws a lower value, a
 * wrong type, or (for a payee or a new account) a higher one; the payer's raise is a twin below.
 */
const nextSeq: MutationKind = {
  name: "nextSeq",
  roles: ACCOUNT_ROLES,
  apply(tx, index, role, d) {
    const out = output(tx, index);
    const old = readLong("R9", out.additionalRegisters.R9);
    const variant = d.int(0, role === "payer" ? 1 : 2);
    const next = variant === 0 ? wrongTyped(d) : longConstant(variant === 1 ? old - d.big(1n, 1_000n) : old + d.big(1n, 1_000n));
    setRegister(out, "R9", next);
  },
};

/** A register past the last one a box uses: R8 of a community box (an account uses every register up to R9 since version 5). */
const addRegister: MutationKind = {
  name: "addRegister",
  roles: ["community", "governed"],
  apply(tx, index, _role, d, env) {
    const out = output(tx, index);
    const name: RegisterName = "R8";
    const values = [
      SInt(d.int(-1_000, 1_000)).toHex(),
      SLong(d.big(LONG_MIN, LONG_MAX)).toHex(),
      SColl(SByte, d.bytes(d.int(0, 40))).toHex(),
      SBool(true).toHex(),
      pick(d, env.owners),
    ];
    setRegister(out, name, pick(d, values));
  },
};

export const REGISTER_KINDS: readonly MutationKind[] = [
  balance, terms, owner, accountId, lastActive, nextSeq, policy, committee, state, metadata, dropRegister, addRegister,
];

/**
 * Registers whose only rule is their type: the join's owner, and the governed box's committee and
 * metadata (any value of the right type is allowed). sigma-rust does not type-check `Rx[T]`
 * (sigma-rust issue #772), so the contracts use these values rather than `isDefined`.
 */
/**
 * SigmaProps of the right type that are not keys: true (anyone), false (nobody), the point at
 * infinity (public secret 0), k = 0 or k > n of real keys, and a key wrapped in a threshold with a
 * child that is not a key.
 */
function notKeys(d: Draw, env: Env): string {
  const keys = env.owners.slice(0, 2).map((o) => o.slice(2));
  const variants = [
    "08d3",
    "08d2",
    "08cd" + "00".repeat(33),
    `0898000${keys.length}${keys.join("")}`,
    `08980${keys.length + 1}0${keys.length}${keys.join("")}`,
    `0898010${keys.length + 1}${keys.join("")}d3`,
  ];
  return pick(d, variants);
}

export const TYPE_ONLY_KINDS: readonly MutationKind[] = [
  { name: "owner (wrong type)", roles: ["newAccount"], apply: (tx, i, _r, d) => setRegister(output(tx, i), "R4", wrongTyped(d)) },
  { name: "owner (not keys)", roles: ["newAccount"], apply: (tx, i, _r, d, env) => setRegister(output(tx, i), "R4", notKeys(d, env)) },
  { name: "committee (wrong type)", roles: ["governed"], apply: (tx, i, _r, d) => setRegister(output(tx, i), "R5", wrongTyped(d)) },
  { name: "committee (not keys)", roles: ["governed"], apply: (tx, i, _r, d, env) => setRegister(output(tx, i), "R5", notKeys(d, env)) },
  {
    name: "metadata (wrong type)",
    roles: ["governed"],
    apply: (tx, i, _r, d) => setRegister(output(tx, i), "R6", d.int(0, 1) === 0 ? longConstant(d.big(LONG_MIN, LONG_MAX)) : SInt(d.int(-9, 9)).toHex()),
  },
];

