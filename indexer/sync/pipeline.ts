/**
 * Catching up as a pipeline: while the database writes one batch (in its own transaction), the
 * next batch is read and decoded. Decoding needs the state after the batch being written, which
 * the database does not show until it commits, so a pipeline keeps that state itself for the
 * length of a pass: the live LETS boxes it has read or made, the boxes from before the pass it has
 * spent (the database still shows them live until the spend commits), and the live totals of
 * every community it touched. Batches commit in order; the first failure stops the pipeline (the
 * pass fails, and the next pass starts afresh from what committed).
 */
import type { Kysely, Transaction } from "kysely";
import { loadView } from "./lets-view.ts";
import type { Database } from "../db/schema.ts";
import { flaggedCommunities, liveTotals, writeBatch } from "./write-batch.ts";
import { checkBlocks, planBatch, type BatchBlock, type LiveTotals } from "./batch.ts";
import { SyncHalted } from "./halted.ts";
import { MemoryLetsState } from "./memory-state.ts";

/** Runs last inside every write transaction; throwing rolls it back (the writer-lock check). */
export type WriteGuard = (trx: Transaction<Database>) => Promise<void>;

export class BatchPipeline {
  private readonly live = new MemoryLetsState();
  private readonly spentBeforePass = new Set<string>();
  private readonly totals = new Map<string, LiveTotals>();
  /** Communities known to carry a compromise flag (in the database, or in a batch of this pass). */
  private readonly flagged = new Set<string>();
  private writing: Promise<void> = Promise.resolve();
  /** Blocks committed so far. */
  applied = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly guard?: WriteGuard,
    private readonly onCommitted?: (height: number) => void,
  ) {}

  /** Decodes `blocks` (the next after every earlier batch), waits for the previous write, and starts theirs. */
  async add(blocks: BatchBlock[]): Promise<void> {
    try {
      await loadView(this.db, blocks, this.live, (boxId) => this.spentBeforePass.has(boxId));
      const plan = planBatch(blocks, this.live);
      for (const spend of [...plan.rows.accountSpends, ...plan.rows.communitySpends, ...plan.rows.lineSpends, ...plan.rows.gatewaySpends, ...plan.rows.batchBoxSpends, ...plan.rows.desk.spends, ...plan.rows.escrow.spends, ...plan.rows.underwriting.spends,
        ...plan.rows.loan.boxSpends, ...plan.rows.loan.bondSpends,
        ...plan.rows.governance.governanceSpends, ...plan.rows.governance.proposalSpends, ...plan.rows.governance.voteSpends]) {
        this.spentBeforePass.add(spend.boxId);
      }
      // A community first touched now was not touched by a write in flight: the database has its totals.
      const touched = [...plan.totals.keys()];
      const fresh = touched.filter((id) => !this.totals.has(id));
      for (const [id, totals] of await liveTotals(this.db, fresh)) this.totals.set(id, totals);
      for (const id of await flaggedCommunities(this.db, fresh)) this.flagged.add(id);
      checkBlocks(plan, this.totals, this.flagged);
      for (const id of plan.compromised.keys()) this.flagged.add(id);
      const expected = new Map(touched.map((id) => [id, this.totals.get(id)!]));
      await this.writing;
      this.writing = this.write(blocks, plan.rows, expected);
      this.writing.catch(() => undefined); // read by the next `add` or `finish`
    } catch (error) {
      await this.writing.catch(() => undefined); // never leave a write running behind a failure
      throw error;
    }
  }

  /** Waits for the last write; throws its error, if any. */
  async finish(): Promise<void> {
    await this.writing;
  }

  /** Writes a planned batch in one transaction, checks the written totals against the planned ones, then the guard. */
  private async write(blocks: BatchBlock[], rows: Parameters<typeof writeBatch>[1], expected: Map<string, LiveTotals>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await writeBatch(trx, rows);
      for (const [communityId, written] of await liveTotals(trx, [...expected.keys()])) {
        const planned = expected.get(communityId)!;
        if (written.balances !== planned.balances || written.communityBalance !== planned.communityBalance) {
          throw new SyncHalted(`community ${communityId}: the written live totals (${written.balances}, ${written.communityBalance}) differ from the decoded ones (${planned.balances}, ${planned.communityBalance})`);
        }
      }
      await this.guard?.(trx);
    });
    this.applied += blocks.length;
    this.onCommitted?.(blocks.at(-1)!.header.height);
  }
}
