/**
 * Committee and owner SigmaProps: a single key, or k of n keys. Serialized as the SigmaProp
 * constant the boxes keep in R4/R5 (type 0x08, then the SigmaBoolean: 0xcd + key for one key, or
 * 0x98 (atLeast) + k + n + the keys). The contracts accept nothing else as an owner or committee.
 */
import { hex } from "@fleet-sdk/crypto";
import { InvalidIntent } from "./errors.ts";

const PROVE_DLOG = "cd";
const AT_LEAST = "98";
const KEY = /^0[23][0-9a-f]{64}$/;
/** Most keys in a k-of-n SigmaProp the contracts accept (k and n each fit one byte). */
export const MAX_KEYS = 127;

function vlq(value: number): string {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return hex.encode(Uint8Array.from(bytes));
}

/** The committee SigmaProp for `threshold` of `publicKeys` (33-byte compressed keys, hex). */
export function committeeFromKeys(publicKeys: readonly string[], threshold: number): string {
  const keys = publicKeys.map((k) => k.toLowerCase());
  if (keys.length === 0 || keys.length > MAX_KEYS) throw new InvalidIntent(`a committee has 1 to ${MAX_KEYS} keys`);
  const bad = keys.find((k) => !KEY.test(k));
  if (bad !== undefined) throw new InvalidIntent(`not a compressed public key: ${bad}`);
  if (new Set(keys).size !== keys.length) throw new InvalidIntent("a committee key appears twice");
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > keys.length) {
    throw new InvalidIntent(`threshold must be between 1 and ${keys.length}`);
  }
  if (keys.length === 1) return `08${PROVE_DLOG}${keys[0]}`;
  return `08${AT_LEAST}${vlq(threshold)}${vlq(keys.length)}${keys.map((k) => PROVE_DLOG + k).join("")}`;
}

/** The keys and threshold of a committee made by `committeeFromKeys`, or undefined for others. */
export function describeCommittee(sigmaProp: string): { threshold: number; publicKeys: string[] } | undefined {
  const s = sigmaProp.toLowerCase();
  const single = /^08cd(0[23][0-9a-f]{64})$/.exec(s);
  if (single) return { threshold: 1, publicKeys: [single[1]!] };
  const multi = /^0898([0-7][0-9a-f])([0-7][0-9a-f])((?:cd0[23][0-9a-f]{64})+)$/.exec(s);
  if (!multi) return undefined;
  const threshold = parseInt(multi[1]!, 16);
  const n = parseInt(multi[2]!, 16);
  const publicKeys = multi[3]!.match(/cd(0[23][0-9a-f]{64})/g)!.map((k) => k.slice(2));
  return publicKeys.length === n && threshold >= 1 && threshold <= n ? { threshold, publicKeys } : undefined;
}

/**
 * Why a SigmaProp constant (hex) cannot own an account or be a committee, or undefined when it
 * can: the same shape test the contracts make (one key, or k of n keys with 1 <= k <= n <= 127).
 * Keys must be compressed points (02/03 + x): the point at infinity (33 zero bytes) has the
 * public secret 0. A key that is not on the curve is left to the chain, which cannot decode it.
 */
export function keysProblem(sigmaProp: string): string | undefined {
  if (describeCommittee(sigmaProp) !== undefined) return undefined;
  return "must be one public key or k of n public keys (not a script, not true or false)";
}
