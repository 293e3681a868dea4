/** Block counts in words for the CLI's rules: "720 blocks (about 24 hours at 2 minutes a block)". */

/** A number of blocks with the time it takes at Ergo's 2-minute target. */
export function blocksInWords(blocks: bigint): string {
  const minutes = Number(blocks) * 2;
  const days = minutes / 1_440;
  const about = minutes < 120 ? `${minutes} minutes` : minutes < 2_880 ? `${Math.round(minutes / 60)} hours` : days < 730 ? `${Math.round(days)} days` : `${Math.round(days / 365)} years`;
  return `${blocks} block${blocks === 1n ? "" : "s"} (about ${about} at 2 minutes a block)`;
}
