/** What the sync keeps of underwriting (contract version 8, docs/underwriting.md), apart from the code that derives it (`underwriting.ts`). */
import type { Underwriting } from "../../contracts/underwriting/underwriting.ts";
import type { StakeEventKind, StakeExitKind } from "../db/underwriting-schema.ts";

export type { StakeEventKind, StakeExitKind, StakeState } from "../db/underwriting-schema.ts";

/** A live underwriting box as the indexer keeps it: the decoded box without the raw box. */
export type UnderwritingRecord = Omit<Underwriting, "box"> & {
  /** The stake's id: the box id of its offer, which is the id of the token its acceptance mints. */
  id: string;
  /** 0 for the offer, 1 for the accepted stake, one more for each refresh. */
  version: number;
};

/** What the sync reads of underwriting boxes. */
export interface UnderwritingView {
  underwriting(boxId: string): UnderwritingRecord | undefined;
}

/** One stake a transaction offered, accepted, refreshed, cancelled, withdrew or settled at an exit. */
export interface UnderwritingActivity {
  site: { txId: string; height: number; timestamp: number; blockId: string };
  kind: StakeEventKind;
  /** The stake after the transaction (its last box when it ended). */
  stake: UnderwritingRecord;
  /** exited: the account's exit, and what the outputs tagged with the stake box's id paid the committee and the underwriter. */
  exit?: { kind: StakeExitKind; lost: bigint; returned: bigint };
}
