// Community economics in the sync (docs/economics.md): a real chain of an economics community and a
// plain one (both interpreters judged every transaction; `economics-chain.ts`), decoded block by
// block and written to every backend. Payment legs are what moved (worth), the charges apart and
// equal to what the builders quoted before signing; a sweep is no exit; books balance by worth.
import { beforeAll, describe, expect, it } from "vitest";
import { decodeAccount } from "../../contracts/account/account.ts";
import { decodeCommunity } from "../../contracts/community/community.ts";
import { worth } from "../../contracts/economics.ts";
import { isAccountTree, isCommunityTree } from "../../contracts/scripts.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { Replay } from "./block-testing.ts";
import { economicsChain, type EconomicsChain, type ExpectedCharge } from "./economics-chain.ts";
import type { BlockChanges, EconomicsEvent, LetsEvent } from "./lets-events.ts";
import { pendingRows } from "./mempool.ts";
import { BatchPipeline } from "./pipeline.ts";
import { accountFromRow, communityFromRow } from "./records.ts";
import { liveTotals, rollbackFrom } from "./write-batch.ts";

let chain: EconomicsChain;
const changes = new Map<number, BlockChanges>();
const before = new Map<number, Replay>();
beforeAll(() => {
  chain = economicsChain();
  const replay = new Replay();
  for (const block of chain.blocks) {
    const previous = new Replay();
    for (const [boxId, account] of replay.state.accounts) previous.state.accounts.set(boxId, account);
    for (const [boxId, community] of replay.state.communities) previous.state.communities.set(boxId, community);
    for (const id of replay.state.validCommunities) previous.state.validCommunities.add(id);
    before.set(block.header.height, previous);
    changes.set(block.header.height, replay.applyBlock(block));
  }
});

const at = (name: string) => changes.get(chain.at[name]!)!;
const byAccount = (a: { accountId: string }, b: { accountId: string }) => (a.accountId < b.accountId ? -1 : 1);
const economics = (events: readonly EconomicsEvent[]): ExpectedCharge[] =>
  events.map(({ site: _s, communityId: _c, ...e }) => e).sort(byAccount);
const legs = (e: LetsEvent | undefined) => (e?.kind === "payment" ? [e.payer, ...e.payees.map((p) => [p.accountId, p.amount])] : e?.kind);

describe("economics decoded from a real chain", () => {
  it("raises no compromise and ignores no box: both families are LETS boxes", () => {
    for (const [height, c] of changes) expect([c.compromises, c.ignored], `block ${height}`).toEqual([[], []]);
    expect(changes.get(chain.blocks[0]!.header.height)!.events.map((e) => e.kind)).toEqual(["create"]);
  });

  it("issues the allowance at every join, charges each payment leg exactly what the builders quoted, and nothing in the plain community", () => {
    const joins = [...changes.values()].flatMap((c) => c.economics.filter((e) => e.kind === "join"));
    expect(economics(joins)).toEqual([...chain.expected.joins!].sort(byAccount));
    for (const name of ["aliceToBob", "aliceToCarol", "plain", "bobPaysTwo", "forgedNote", "topUp", "sweep", "carolToZero", "carolLeaves", "afterSweep"]) {
      expect(economics(at(name).economics), name).toEqual([...chain.expected[name]!].sort(byAccount));
    }
    expect(chain.expected.bobPaysTwo!.map((c) => c.demurrage).filter((d) => d > 0n)).toHaveLength(2); // payer and a payee charged
  });

  it("makes each leg what moved: the payee's worth, not its balance, which demurrage lowered", () => {
    const { accounts } = chain;
    expect(legs(at("aliceToBob").events[0])).toEqual([accounts.alice, [accounts.bob, 50n]]);
    expect(legs(at("bobPaysTwo").events[0])).toEqual([accounts.bob, [accounts.alice, 5n], [accounts.carol, 10n]]);
    const forged = at("forgedNote");
    expect(legs(forged.events[0])).toEqual([accounts.alice, [accounts.bob, 1n]]);
    const bob = (c: Replay | BlockChanges) => ("state" in c ? [...c.state.accounts.values()] : c.accounts).find((a) => a.accountId === accounts.bob)!;
    const [was, now] = [bob(before.get(chain.at.forgedNote!)!), bob(forged)];
    expect(now.balance).toBeLessThan(was.balance);
    expect(worth(now.balance, now.economy) - worth(was.balance, was.economy)).toBe(1n);
    expect(legs(at("plain").events[0])).toEqual([accounts.dave, [accounts.erin, 7n]]);
    expect(at("topUp").events).toEqual([]); // a top-up moves nothing: its demurrage is an economics `charge`
  });

  it("refuses the profile alice wrote on bob's input though his balance fell (his worth rose: he signed nothing); keeps bob's own memo", () => {
    const forged = at("forgedNote");
    expect(forged.profiles).toEqual([]);
    expect(forged.refusedNotes).toMatchObject([{ accountId: chain.accounts.bob, reason: "notes on an account credited by this transaction: its owner did not sign them" }]);
    expect(at("bobPaysTwo").events[0]).toMatchObject({ kind: "payment", payer: chain.accounts.bob, memo: "bread and eggs" });
  });

  it("tells a sweep from an exit: the community balance rises by what the accounts held and the demurrage due", () => {
    const sweep = at("sweep");
    const collected = chain.expected.sweep!.reduce((s, c) => s + c.collected, 0n);
    expect(sweep.events).toMatchObject([{ kind: "sweep", collected, accounts: [{}, {}, {}] }]);
    for (const a of sweep.accounts) expect(a.economy!.accrued).toBe(0n);
    expect(at("carolLeaves").events).toMatchObject([{ kind: "leave", accountId: chain.accounts.carol }]);
  });

  it("shows an economics payment in the mempool view at the balances it leaves, charges included", () => {
    const height = chain.at.bobPaysTwo!;
    const block = chain.blocks.find((b) => b.header.height === height)!;
    const peeked = before.get(height)!.peek(block.transactions[0]!, height);
    const rows = pendingRows(peeked.events[0]!, peeked.economics);
    const was = [...before.get(height)!.state.accounts.values()];
    for (const row of rows) {
      const after = peeked.accounts.find((a) => a.accountId === row.account_id)!;
      expect(row.balance_delta, row.account_id!).toBe(after.balance - was.find((a) => a.accountId === row.account_id)!.balance);
    }
    const sweep = before.get(chain.at.sweep!)!.peek(chain.blocks.find((b) => b.header.height === chain.at.sweep)!.transactions[0]!, chain.at.sweep!);
    const swept = pendingRows(sweep.events[0]!, sweep.economics).filter((r) => r.account_id !== null);
    expect(swept.map((r) => [r.account_id, r.balance_delta]).sort()).toEqual(chain.expected.sweep!.map((c) => [c.accountId, -c.demurrage]).sort());
  });
});

describe.each(BACKENDS)("economics written on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("stores levers, terms and R9 state exactly; the books balance by worth; one block at a time, a pass resumed from the database and a rollback agree", async () => {
    const db = await fresh();
    const whole = new BatchPipeline(db);
    await whole.add(chain.blocks);
    await whole.finish();
    const w = chain.econ.world;
    const liveAccounts = (await db.selectFrom("account_boxes").selectAll().where("spent_height", "is", null).execute()).map(accountFromRow);
    const onChain = [...w.utxos.values()].filter((b) => isAccountTree(b.ergoTree)).map((b) => decodeAccount(b)).flatMap((d) => (d.ok ? [d.value] : []));
    const strip = ({ box: _b, ...rest }: (typeof onChain)[number]) => rest;
    expect(liveAccounts.sort(byAccount)).toEqual(onChain.map(strip).sort(byAccount));
    expect(liveAccounts.find((a) => a.accountId === chain.accounts.dave)!.economy).toBeUndefined();
    const liveCommunities = (await db.selectFrom("community_boxes").selectAll().where("spent_height", "is", null).execute()).map(communityFromRow);
    const communities = [...w.utxos.values()].filter((b) => isCommunityTree(b.ergoTree)).map((b) => decodeCommunity(b)).flatMap((d) => (d.ok ? [d.value] : []));
    expect(liveCommunities.map((c) => [c.communityId, c.policy, c.communityBalance]).sort()).toEqual(communities.map((c) => [c.communityId, c.policy, c.communityBalance]).sort());
    for (const [id, t] of await liveTotals(db, [chain.econ.communityId, chain.plain.communityId])) expect(t.balances + t.communityBalance, id).toBe(0n);
    const rows = await db.selectFrom("economics_events").selectAll().orderBy("height").orderBy("account_id").execute();
    const all = [...changes.values()].flatMap((c) => c.economics);
    expect(rows.map((r) => [r.tx_id, r.account_id, r.kind, String(r.fee), String(r.demurrage), String(r.collected)])).toEqual(
      all.sort((a, b) => a.site.height - b.site.height || (a.accountId < b.accountId ? -1 : 1)).map((e) => [e.site.txId, e.accountId, e.kind, `${e.fee}`, `${e.demurrage}`, `${e.collected}`]),
    );
    expect(await db.selectFrom("events").select("kind").where("tx_id", "=", chain.tx.sweep!).execute()).toEqual([{ kind: "sweep" }]);

    const oneByOne = await fresh();
    const single = new BatchPipeline(oneByOne);
    let beforeSweep: Awaited<ReturnType<typeof dump>> | undefined;
    for (const block of chain.blocks) {
      if (block.header.height === chain.at.sweep) {
        await single.finish();
        beforeSweep = await dump(oneByOne);
      }
      await single.add([block]);
    }
    await single.finish();
    expect(await dump(oneByOne)).toEqual(await dump(db));
    await oneByOne.transaction().execute((trx) => rollbackFrom(trx, chain.at.sweep!));
    expect(await dump(oneByOne)).toEqual(beforeSweep);
    expect(await oneByOne.selectFrom("economics_events").select("kind").where("height", ">=", chain.at.sweep!).execute()).toEqual([]);
    // A new pass holds no state: the economics accounts it spends come from the database.
    const again = new BatchPipeline(oneByOne);
    await again.add(chain.blocks.filter((b) => b.header.height >= chain.at.sweep!));
    await again.finish();
    expect(await dump(oneByOne)).toEqual(await dump(db));
  });
});
