/**
 * Cost of verifying the signature (sigma proof) of one reduced input, as the Ergo node counts it.
 *
 * Follows sigmastate-interpreter `Interpreter.estimateCryptoVerifyCost` (added by
 * `Interpreter.verify` -> `addCryptoCost` unless the proposition reduced to true/false), with the
 * JIT cost constants of `SigSerializer`, `UnprovenTree` and `Interpreter`:
 *   ProveDlog    = ParseChallenge 10 + ComputeCommitments_Schnorr 3400 + ToBytes_Schnorr 570 = 3980
 *   ProveDHTuple = ParseChallenge 10 + ComputeCommitments_DHT 6450 + ToBytes_DHT 680 = 7140
 *   AND / OR     = ToBytes_ProofTreeConjecture 15 + children
 *   THRESHOLD(k of n), m = n - k coefficients:
 *                  15 + ParsePolynomial (10 + 10 m) + EvaluatePolynomial (3 + 3 m) * n + children
 * The JIT sum for the whole proposition is scaled to block cost by `JitCost.toBlockCost` (/ 10).
 *
 * The proposition is read from its consensus serialization (`SigmaBoolean.serializer`), so no
 * sigmastate-js internals are touched.
 */
import { Type$, Value, type SigmaProp, type Type } from "sigmastate-js/main";

const OP = {
  and: 0x96,
  or: 0x97,
  atLeast: 0x98,
  proveDlog: 0xcd,
  proveDHTuple: 0xce,
  falseProp: 0xd2,
  trueProp: 0xd3,
} as const;

const JIT = { proveDlog: 3980, proveDHTuple: 7140, conjecture: 15 } as const;
const GROUP_ELEMENT_BYTES = 33;
const SIGMA_PROP_TYPE_CODE = "08";

// sigmastate-js exports the `Value(data, tpe)` constructor but its .d.ts does not declare it.
const ValueOf = Value as unknown as new (data: SigmaProp, tpe: Type) => Value<SigmaProp>;

class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new RangeError("SigmaBoolean bytes ended early");
    return b;
  }

  vlq(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
  }

  skip(n: number): void {
    this.pos += n;
    if (this.pos > this.bytes.length) throw new RangeError("SigmaBoolean bytes ended early");
  }
}

function childrenJit(r: Reader, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += nodeJit(r);
  return sum;
}

function nodeJit(r: Reader): number {
  const op = r.byte();
  switch (op) {
    case OP.trueProp:
    case OP.falseProp:
      return 0;
    case OP.proveDlog:
      r.skip(GROUP_ELEMENT_BYTES);
      return JIT.proveDlog;
    case OP.proveDHTuple:
      r.skip(4 * GROUP_ELEMENT_BYTES);
      return JIT.proveDHTuple;
    case OP.and:
    case OP.or:
      return JIT.conjecture + childrenJit(r, r.vlq());
    case OP.atLeast: {
      const k = r.vlq();
      const n = r.vlq();
      const m = n - k;
      const polynomial = 10 + 10 * m + (3 + 3 * m) * n;
      return JIT.conjecture + polynomial + childrenJit(r, n);
    }
    default:
      throw new RangeError(`unknown SigmaBoolean opcode 0x${op.toString(16)}`);
  }
}

/** JIT-scale verification cost of a serialized SigmaBoolean (without the 0x08 type prefix). */
export function sigmaBooleanJitCost(bytes: Uint8Array): number {
  return nodeJit(new Reader(bytes));
}

/** Block-scale cost the node adds for checking the proof of an input reduced to `prop`. */
export function signatureCost(prop: SigmaProp): number {
  const hex = new ValueOf(prop, Type$.SigmaProp).toHex();
  if (!hex.startsWith(SIGMA_PROP_TYPE_CODE)) throw new TypeError(`not a SigmaProp constant: ${hex}`);
  return Math.floor(sigmaBooleanJitCost(Buffer.from(hex.slice(2), "hex")) / 10);
}
