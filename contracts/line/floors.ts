/**
 * The ERG a line box and a gateway box must hold: one nanoERG more than LINE_FLOOR_FEES storage fees
 * at the largest size their changing fields can reach (the contracts check
 * `value > bytes × storageFeeFactor × LINE_FLOOR_FEES`): rent needs three periods with nobody
 * refreshing before it could take the line token or a gateway's seat.
 */
import { gatewayTreeOf, LINE_ERGO_TREE, LINE_FLOOR_FEES, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { boxBytes } from "../storage-rent.ts";
import { LONG_MAX, LONG_MIN } from "../long.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";

const biggest = { value: LONG_MAX, creationHeight: 0x7fffffff };

/** Floor of a line box (its pending change at full length, every value at its longest encoding). */
export function lineFloorNanoErg(): bigint {
  const box = {
    ...biggest,
    ergoTree: LINE_ERGO_TREE,
    assets: [{ tokenId: "00".repeat(32), amount: 1n }],
    additionalRegisters: {
      R4: bytesConstant("00".repeat(96)),
      R5: longsConstant(Array(7).fill(LONG_MIN)),
      R6: longsConstant(Array(3).fill(LONG_MIN)),
      R7: longsConstant(Array(9).fill(LONG_MIN)),
    },
  };
  return BigInt(boxBytes(box, 65_535)) * STORAGE_FEE_FACTOR * LINE_FLOOR_FEES + 1n;
}

/** Floor of a gateway box of side `side` (0: A's end, 1: B's end). */
export function gatewayFloorNanoErg(side: 0 | 1): bigint {
  const box = {
    ...biggest,
    ergoTree: gatewayTreeOf(side),
    assets: [{ tokenId: "00".repeat(32), amount: 1n }],
    additionalRegisters: {
      R4: longsConstant([LONG_MIN]),
      R5: longConstant(LONG_MIN),
      R6: longConstant(LONG_MIN),
      R7: bytesConstant("00".repeat(34)),
    },
  };
  return BigInt(boxBytes(box, 65_535)) * STORAGE_FEE_FACTOR * LINE_FLOOR_FEES + 1n;
}
