/** The bounds of ErgoScript's `Long`: every amount, balance and count on the chain fits in it. */
export const LONG_MAX = 0x7fffffffffffffffn;
export const LONG_MIN = -0x8000000000000000n;
