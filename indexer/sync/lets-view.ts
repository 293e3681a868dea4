/**
 * Loads, for blocks about to be applied, the LETS state they can read: live boxes they spend (batch boxes too), live
 * line boxes they read (a gateway path reads its line as a data input), and the communities their
 * outputs' tokens name.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { ChainBlock } from "./apply-block.ts";
import { MemoryLetsState } from "./memory-state.ts";
import { accountFromRow, communityFromRow, gatewayFromRow, lineFromRow } from "./records.ts";
import { batchBoxFromRow } from "./settlement-rows.ts";
import { loadDeskView } from "./desk-rows.ts";
import { loadEscrowView } from "./escrow-rows.ts";
import { loadUnderwritingView } from "./underwriting-rows.ts";
import { underwritingCommunityIds } from "./underwriting.ts";
import { loadLoanView } from "./loan-rows.ts";
import { loadGovernanceView } from "./governance-rows.ts";
import type { Database } from "../db/schema.ts";

/** `column = any(ids)`: one array parameter, however many ids (an `in` list is a parameter each). */
const anyOf = (column: string, ids: readonly string[]) => sql<boolean>`${sql.ref(column)} = any(${ids}::text[])`;

/**
 * The state `applyBlock` needs for `blocks` applied in order, read from the database (boxes the
 * later blocks take from the earlier ones are not there yet: `MemoryLetsState.apply` adds them),
 * into `view`: boxes it already holds, and boxes `skip` names (spent by writes not committed yet),
 * are not read.
 */
export async function loadView(
  db: Kysely<Database> | Transaction<Database>,
  blocks: readonly ChainBlock[],
  view = new MemoryLetsState(),
  skip: (boxId: string) => boolean = () => false,
): Promise<MemoryLetsState> {
  const transactions = blocks.flatMap((b) => b.transactions);
  const known = (boxId: string) => view.has(boxId) || skip(boxId);
  const inputIds = [...new Set(transactions.flatMap((t) => t.inputs.map((i) => i.boxId)))].filter((id) => !known(id));
  const readIds = [...new Set(transactions.flatMap((t) => (t.dataInputs ?? []).map((d) => d.boxId)))].filter((id) => !known(id));
  // Every output's tokens: a unit of a valid community in any box is either a LETS box or a compromise.
  // And the community an underwriting offer names (R7): an offer holds no unit (docs/underwriting.md).
  const named = transactions.flatMap((t) => [...t.outputs.flatMap((o) => (o.assets ?? []).map((a) => a.tokenId)), ...underwritingCommunityIds(t.outputs)]);
  const tokenIds = [...new Set(named)].filter((id) => !view.validCommunities.has(id));
  // Line boxes: spent (found among the inputs that are no other LETS box) or read.
  const lineIds = [...readIds];
  if (inputIds.length > 0) {
    const accounts = await db.selectFrom("account_boxes").selectAll().where(anyOf("box_id", inputIds)).where("spent_height", "is", null).execute();
    for (const row of accounts) view.accounts.set(row.box_id, accountFromRow(row));
    // Community boxes are spent far less often: look only for the inputs that were no account box.
    const rest = inputIds.filter((id) => !view.accounts.has(id));
    const communities = rest.length === 0 ? [] : await db.selectFrom("community_boxes").selectAll().where(anyOf("box_id", rest)).where("spent_height", "is", null).execute();
    for (const row of communities) view.communities.set(row.box_id, communityFromRow(row));
    // Gateways, spent by cross payments and refreshes; the rest may be line boxes (the committees').
    const others = rest.filter((id) => !view.communities.has(id));
    if (others.length > 0) {
      const gateways = await db.selectFrom("gateway_boxes").selectAll().where(anyOf("box_id", others)).where("spent_height", "is", null).execute();
      for (const row of gateways) view.gateways.set(row.box_id, gatewayFromRow(row));
      // Batch boxes: a settlement spends one first (contract version 5).
      const batchBoxes = await db.selectFrom("batch_boxes").selectAll().where(anyOf("box_id", others)).where("spent_height", "is", null).execute();
      for (const row of batchBoxes) view.batchBoxes.set(row.box_id, batchBoxFromRow(row));
      lineIds.push(...others.filter((id) => !view.gateways.has(id) && !view.batchBoxes.has(id)));
    }
  }
  if (lineIds.length > 0) {
    const lines = await db.selectFrom("line_boxes").innerJoin("lines", "lines.line_id", "line_boxes.line_id")
      .selectAll("line_boxes").select(["lines.community_a", "lines.community_b", "lines.community_tree_hash"])
      .where(anyOf("line_boxes.box_id", [...new Set(lineIds)])).where("line_boxes.spent_height", "is", null).execute();
    for (const row of lines) view.lines.set(row.box_id, lineFromRow(row, row));
  }
  await loadDeskView(db, view, inputIds, readIds);
  await loadEscrowView(db, view, inputIds);
  await loadUnderwritingView(db, view, inputIds);
  await loadLoanView(db, view.loans, inputIds);
  await loadGovernanceView(db, view.governance, inputIds);
  if (tokenIds.length > 0) {
    const valid = await db.selectFrom("communities").select("community_id").where(anyOf("community_id", tokenIds)).execute();
    for (const row of valid) view.validCommunities.add(row.community_id);
  }
  return view;
}
