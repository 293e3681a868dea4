// Member governance through the API, on every backend. Over the real chain of
// `sync/governance-testing.ts` (alice's join fee of 0 executed, bob's payment to himself refunded
// with quorum and no majority, carol's metadata forfeited without quorum, dave's committee change
// left in its vote): the summary, the proposals by status as JSON (each answer checked against the
// OpenAPI document) and CSV, each proposal's change before and after and its verdict, the votes.
// Over rows of `governance-fixture.ts`, what the chain does not show: a veto window, a switch with
// misplaced units, a community never switched, a live payment; the 400s and 404s. Then the pure views.
import { beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../util/csv.ts";
import { proposalPhase } from "../../contracts/governance/governance.ts";
import { BACKENDS } from "../db/testing.ts";
import { governanceHistory, type GovernanceHistory } from "../sync/governance-testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import { G, fillGovernance } from "./governance-fixture.ts";
import { applyChange, beforeAfter, misplacedWarning, proposalView, type ChangeView } from "../db/queries/governance-view.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

type Item = { proposalId: string; outcome: string | null; phase: string | null };
const ids = (body: { items: Item[] }) => body.items.map((p) => p.proposalId);

let h: GovernanceHistory;
beforeAll(() => {
  h = governanceHistory();
}, 600_000);

describe.each(BACKENDS)("governance of the chain through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(h.c.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  }, 600_000);

  const tip = () => h.c.blocks.at(-1)!.header.height;

  it("gives the switched community's mode, rules and switch", async () => {
    const body = (await api.get(`/communities/${h.f.communityId}/governance`)).body;
    expect(body).toEqual({
      communityId: h.f.communityId, mode: "members", governanceId: h.fee.proposal.governanceId,
      rules: { quorumPpm: "500000", majorityPpm: "500000", depositNanoErg: expect.any(String), minWindowBlocks: expect.any(String), maxWindowBlocks: expect.any(String), vetoBlocks: "0" },
      proposalsLeft: "999999995", governanceBoxId: expect.any(String), switchHeight: h.switched.height, switchTxId: h.switched.txId, minted: "1000000000",
      misplacedUnits: "0", warning: null, proposals: { open: 1, closed: 3 },
    });
  });

  it("lists the proposals newest first by status, as JSON and CSV", async () => {
    const [fee, pay, meta, left] = [h.fee, h.pay, h.meta, h.left].map((p) => p.proposal.proposalId);
    const all = (await api.get(`/communities/${h.f.communityId}/proposals`)).body;
    expect(all.items.map((p: Item) => [p.proposalId, p.outcome])).toEqual([[left, null], [meta, "forfeited"], [pay, "refunded"], [fee, "executed"]]);
    expect(ids((await api.get(`/communities/${h.f.communityId}/proposals?status=open`)).body)).toEqual([left]);
    expect((await api.get(`/communities/${h.f.communityId}/proposals?status=closed&limit=2`)).body).toMatchObject({ total: 3, limit: 2, items: [{ proposalId: meta }, { proposalId: pay }] });
    const [head, ...rows] = csvRows((await api.get(`/communities/${h.f.communityId}/proposals?format=csv`)).text, { crlf: true });
    expect(rows.map((r) => [r[0], r[head!.indexOf("outcome")], r[head!.indexOf("for")]])).toEqual([[left, "", "0"], [meta, "forfeited", "1"], [pay, "refunded", "1"], [fee, "executed", "2"]]);
  });

  it("gives each proposal's change, before and after, counts and verdict", async () => {
    const fee = (await api.get(`/proposals/${h.fee.proposal.proposalId}`)).body;
    expect(fee).toMatchObject({
      proposer: h.f.member("alice").owner, proposerAddress: null, kind: "policy", counts: { for: "2", against: "1", abstain: "1" }, votesCast: 4, votesCounted: 4,
      counted: true, quorumReached: true, majority: true, phase: null, outcome: "executed", closedHeight: h.feeExecuted.height, closedTxId: h.feeExecuted.txId, boxId: null,
      proposedHeight: h.fee.site.height, proposedTxId: h.fee.site.txId, height: tip() + 1, depositNanoErg: h.fee.proposal.depositNanoErg.toString(),
    });
    expect(fee.before.policy.joinFeeNanoErg).not.toBe("0");
    expect(fee.after).toEqual({ policy: { ...fee.before.policy, joinFeeNanoErg: "0" } });
    expect(fee.change).toEqual({ kind: "policy", policy: fee.after.policy, values: Object.values(fee.after.policy) });
    const pay = (await api.get(`/proposals/${h.pay.proposal.proposalId}`)).body;
    expect(pay).toMatchObject({
      change: { kind: "treasury", amountNanoErg: "5000000", recipientErgoTree: h.f.member("bob").ergoTree }, before: null, after: null,
      quorumReached: true, majority: false, outcome: "refunded", closedTxId: h.payRefunded.txId,
    });
    const meta = (await api.get(`/proposals/${h.meta.proposal.proposalId}`)).body;
    expect(meta).toMatchObject({ quorumReached: false, outcome: "forfeited", before: null, after: { metadata: { description: "decided by its members" } } });
    const left = (await api.get(`/proposals/${h.left.proposal.proposalId}`)).body;
    expect(left).toMatchObject({
      before: { committee: h.f.community().committee }, after: { committee: h.newCommittee }, counted: false, cursor: "-1", votesCast: 1, votesCounted: 0,
      phase: proposalPhase(h.left.proposal, tip() + 1), outcome: null, closedHeight: null, boxId: h.left.proposal.boxId,
      executionWindow: { from: (h.left.proposal.endHeight + h.left.proposal.vetoBlocks).toString(), until: expect.any(String) },
    });
  });

  it("lists a proposal's votes in key order with the tally step that counted each", async () => {
    const votes = (await api.get(`/proposals/${h.fee.proposal.proposalId}/votes`)).body;
    const expected = (["bob", "alice", "carol", "dave"] as const).map((name, i) => [h.f.account(name).accountId, ["for", "for", "against", "abstain"][i], h.feeVotes[i]!.txId]);
    expect(votes.total).toBe(4);
    expect(votes.items.map((v: { accountId: string; choice: string; txId: string }) => [v.accountId, v.choice, v.txId])).toEqual(expected.sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(votes.items.every((v: { counted: boolean; countedTxId: string; voterKey: string; accountId: string }) =>
      v.counted && h.feeTally.some((t) => t.txId === v.countedTxId) && v.accountId.startsWith(v.voterKey))).toBe(true);
    expect((await api.get(`/proposals/${h.left.proposal.proposalId}/votes`)).body.items).toMatchObject([
      { accountId: h.f.account("erin").accountId, choice: "against", txId: h.leftVote.txId, height: h.leftVote.height, counted: false, countedHeight: null, countedTxId: null },
    ]);
    const [head, ...rows] = csvRows((await api.get(`/proposals/${h.fee.proposal.proposalId}/votes?format=csv&limit=2`)).text, { crlf: true });
    expect(head![0]).toBe("accountId");
    expect(rows.map((r) => r[0])).toEqual(votes.items.slice(0, 2).map((v: { accountId: string }) => v.accountId));
  });
});

describe.each(BACKENDS)("governance rows through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, fillGovernance);
    api = served.api;
    return served.close;
  }, 120_000);

  it("gives a community's mode, rules, proposals left and the switch; committee before it; a warning for misplaced units", async () => {
    expect((await api.get(`/communities/${G.A}/governance`)).body).toEqual({
      communityId: G.A, mode: "members-with-veto", governanceId: G.govA,
      rules: { quorumPpm: "500000", majorityPpm: "500000", depositNanoErg: G.ERG.toString(), minWindowBlocks: "100", maxWindowBlocks: "1000", vetoBlocks: "50" },
      proposalsLeft: "999999995", governanceBoxId: `62`.padEnd(64, "6"), switchHeight: 100, switchTxId: `51`.padEnd(64, "5"), minted: "1000000000",
      misplacedUnits: "0", warning: null, proposals: { open: 2, closed: 2 },
    });
    const b = (await api.get(`/communities/${G.B.toUpperCase()}/governance`)).body;
    expect(b).toMatchObject({ mode: "members", misplacedUnits: "3", proposalsLeft: "999999996", proposals: { open: 0, closed: 0 } });
    expect(b.warning).toMatch(/^3 governance units were minted outside the governance box at the switch/);
    expect((await api.get(`/communities/${G.D}/governance`)).body).toEqual({
      communityId: G.D, mode: "committee", governanceId: null, rules: null, proposalsLeft: null, governanceBoxId: null, switchHeight: null, switchTxId: null,
      minted: null, misplacedUnits: null, warning: null, proposals: { open: 0, closed: 0 },
    });
  });

  it("lists proposals newest proposed first, by status, paged, as JSON and CSV", async () => {
    const all = (await api.get(`/communities/${G.A}/proposals`)).body;
    expect(all).toMatchObject({ total: 4, limit: 100, offset: 0 });
    expect(all.items.map((p: Item) => [p.proposalId, p.outcome, p.phase])).toEqual([
      [G.p2, null, "voting"], [G.p4, null, "vetoable"], [G.p3, "vetoed", null], [G.p1, "executed", null],
    ]);
    expect(ids((await api.get(`/communities/${G.A}/proposals?status=open`)).body)).toEqual([G.p2, G.p4]);
    expect(ids((await api.get(`/communities/${G.A}/proposals?status=closed&limit=1&offset=1`)).body)).toEqual([G.p1]);
    expect((await api.get(`/communities/${G.D}/proposals`)).body).toEqual({ total: 0, limit: 100, offset: 0, items: [] });
    const csv = await api.get(`/communities/${G.A}/proposals?format=csv&status=closed`);
    expect(csv.contentType).toMatch(/^text\/csv/);
    const [head, ...rows] = csvRows(csv.text, { crlf: true });
    expect(head!.slice(0, 6)).toEqual(["proposalId", "communityId", "governanceId", "proposer", "proposerAddress", "kind"]);
    expect(rows.map((r) => r[0])).toEqual([G.p3, G.p1]);
    const column = (name: string) => rows.map((r) => r[head!.indexOf(name)]);
    expect(column("outcome")).toEqual(["vetoed", "executed"]);
    expect(column("for")).toEqual(["0", "4"]);
    expect(JSON.parse(column("after")[1]!)).toEqual({ policy: { ...G.policy, joinFeeNanoErg: "0" } });
  });

  it("gives an executed proposal's change as the boxes its execution spent and created", async () => {
    const p1 = (await api.get(`/proposals/${G.p1}`)).body;
    expect(p1).toEqual({
      proposalId: G.p1, communityId: G.A, governanceId: G.govA, proposer: `08cd${G.alice.publicKey}`, proposerAddress: null, kind: "policy",
      change: { kind: "policy", policy: { ...G.policy, joinFeeNanoErg: "0" }, values: Object.values({ ...G.policy, joinFeeNanoErg: "0" }) }, before: { policy: G.policy }, after: { policy: { ...G.policy, joinFeeNanoErg: "0" } },
      openedHeight: "1000", endHeight: "1400", seats: "10", quorumPpm: "500000", majorityPpm: "500000", vetoBlocks: "50", depositNanoErg: (2n * G.ERG).toString(),
      counts: { for: "4", against: "1", abstain: "0" }, votesCast: 5, votesCounted: 5, cursor: G.KEY_END.toString(), counted: true, quorumReached: true, majority: true,
      phase: null, executionWindow: { from: "1450", until: (1450 + 21_600).toString() }, outcome: "executed", closedHeight: 1500, closedTxId: G.executeTx, boxId: null,
      proposedHeight: 1000, proposedTxId: p1.proposedTxId, proposedTimestamp: 1_700_000_000_000, height: G.tip + 1,
    });
  });

  it("gives a live proposal's change against the live community box, and a closed one's new value alone", async () => {
    const p2 = (await api.get(`/proposals/${G.p2}`)).body;
    expect(p2).toMatchObject({
      change: { kind: "treasury", amountNanoErg: G.ERG.toString(), recipientErgoTree: G.bob.ergoTree },
      before: { treasuryNanoErg: (10n * G.ERG).toString() }, after: { treasuryNanoErg: (9n * G.ERG).toString() },
      phase: "voting", counted: false, quorumReached: false, majority: false, cursor: "-1", boxId: `82`.padEnd(64, "8"), outcome: null, closedHeight: null,
    });
    const p4 = (await api.get(`/proposals/${G.p4}`)).body;
    expect(p4).toMatchObject({ before: { committee: `08cd${G.alice.publicKey}` }, after: { committee: `08cd${G.carol.publicKey}` }, phase: "vetoable", quorumReached: true, majority: true });
    const p3 = (await api.get(`/proposals/${G.p3}`)).body;
    expect(p3).toMatchObject({ before: null, after: { metadata: G.newMetadata }, change: { kind: "metadata", metadataHex: "7b7d", metadata: G.newMetadata }, closedTxId: G.vetoTx });
  });

  it("lists a proposal's votes in key order, counted or not, as JSON and CSV", async () => {
    const votes = (await api.get(`/proposals/${G.p2}/votes`)).body;
    expect(votes).toMatchObject({ total: 3, limit: 100, offset: 0 });
    expect(votes.items[0]).toEqual({
      accountId: `${"11".repeat(24)}${"ab".repeat(8)}`, voterKey: "11".repeat(24), choice: "for", height: 1960, txId: votes.items[0].txId, timestamp: 1_960_000,
      counted: true, countedHeight: 1999, countedTxId: "30".padEnd(64, "3"),
    });
    expect(votes.items.map((v: { voterKey: string; accountId: string | null; counted: boolean }) => [v.voterKey.slice(0, 2), v.accountId === null, v.counted])).toEqual([
      ["11", false, true], ["22", true, false], ["33", false, false],
    ]);
    expect((await api.get(`/proposals/${G.p2}/votes?limit=1&offset=2`)).body.items.map((v: { voterKey: string }) => v.voterKey)).toEqual(["33".repeat(24)]);
    expect((await api.get(`/proposals/${G.p1}/votes`)).body).toEqual({ total: 0, limit: 100, offset: 0, items: [] });
    const [head, ...rows] = csvRows((await api.get(`/proposals/${G.p2}/votes?format=csv`)).text, { crlf: true });
    expect(head).toEqual(["accountId", "voterKey", "choice", "height", "txId", "timestamp", "counted", "countedHeight", "countedTxId"]);
    expect(rows.map((r) => [r[1]!.slice(0, 2), r[2], r[6]])).toEqual([["11", "for", "true"], ["22", "against", "false"], ["33", "abstain", "false"]]);
  });

  it("answers 404 for an unknown community or proposal, 400 for bad ids and parameters", async () => {
    const none = "ab".repeat(32);
    for (const path of [`/communities/${none}/governance`, `/communities/${none}/proposals`, `/proposals/${none}`, `/proposals/${none}/votes`]) {
      expect((await api.get(path)).status, path).toBe(404);
    }
    const bad = (await api.get(`/communities/${G.A}/proposals?status=live`)).body;
    expect(bad).toMatchObject({ error: 400, detail: "status must be one of: open, closed, all" });
    for (const path of ["/proposals/not-hex", `/proposals/${none.slice(2)}/votes`, "/communities/xyz/governance", "/communities/12/proposals"]) {
      expect((await api.get(path)).status, path).toBe(400);
    }
    for (const q of ["status=OPEN", "limit=0", "limit=1001", "offset=-1", "format=xml", "owner=x"]) {
      expect((await api.get(`/communities/${G.A}/proposals?${q}`)).status, q).toBe(400);
    }
    for (const q of ["limit=0", "offset=x", "status=open"]) expect((await api.get(`/proposals/${G.p2}/votes?${q}`)).status, q).toBe(400);
    expect((await api.get(`/proposals/${G.p1}?format=csv`)).status).toBe(400);
    expect((await api.get(`/communities/${G.A}/governance?format=csv`)).status).toBe(400);
  });

  it("documents its routes at /docs", async () => {
    const paths = Object.keys(api.docs.paths);
    for (const path of ["/communities/{communityId}/governance", "/communities/{communityId}/proposals", "/proposals/{proposalId}", "/proposals/{proposalId}/votes"]) {
      expect(paths).toContain(path);
    }
  });
});

describe("the governance views", () => {
  const box = (o: Partial<{ box_id: string; treasury_nano_erg: bigint; committee: string; metadata: string }> = {}) => ({
    box_id: "b", credit_limit: 1000n, positive_cap: "0", join_fee_nano_erg: 10_000_000n, collateral_nano_erg: 0n, max_members: "100", inactivity_blocks: 0n,
    metadata: JSON.stringify(G.metadata), committee: "08cd02", treasury_nano_erg: 5n * G.ERG, ...o,
  });
  const treasury: ChangeView = { kind: "treasury", amountNanoErg: "2000000000", recipientErgoTree: G.bob.ergoTree };

  it("reads before from the live box and applies the change for a live proposal", () => {
    expect(beforeAfter(null, treasury, { live: box() })).toEqual({ before: { treasuryNanoErg: "5000000000" }, after: { treasuryNanoErg: "3000000000" } });
    expect(beforeAfter(null, { kind: "committee", committee: "08cd03" }, { live: box() })).toEqual({ before: { committee: "08cd02" }, after: { committee: "08cd03" } });
    expect(beforeAfter(null, { kind: "policy", policy: G.policy, values: Object.values(G.policy) }, {})).toEqual({ before: null, after: { policy: G.policy } });
    // R9 of another length than the plain six: no policy to show, the values as written.
    const odd: ChangeView = { kind: "policy", policy: null, values: ["1", "2", "3", "4", "5", "6", "7"] };
    expect(beforeAfter(null, odd, { live: box() })).toMatchObject({ after: { policy: null } });
  });

  it("reads both sides from the execution's boxes, and gives other closed proposals their new value alone", () => {
    const executed = { executedBefore: box({ metadata: JSON.stringify({ name: "old" }) }), executedAfter: box({ metadata: JSON.stringify({ name: "new" }) }) };
    const change: ChangeView = { kind: "metadata", metadataHex: "", metadata: { name: "new" } };
    expect(beforeAfter("executed", change, executed)).toEqual({ before: { metadata: { name: "old" } }, after: { metadata: { name: "new" } } });
    expect(beforeAfter("executed", change, { executedAfter: executed.executedAfter })).toEqual({ before: null, after: { metadata: { name: "new" } } });
    expect(beforeAfter("refunded", change, { live: box() })).toEqual({ before: null, after: { metadata: { name: "new" } } });
    expect(beforeAfter("forfeited", treasury, {})).toEqual({ before: null, after: null });
    expect(applyChange(treasury, { treasuryNanoErg: "2000000000" })).toEqual({ treasuryNanoErg: "0" });
  });

  it("names the proposer's and the recipient's addresses on a known network, null for a committee key", () => {
    const row = {
      proposal_id: G.p2, community_id: G.A, governance_id: G.govA, proposer: `08cd${G.alice.publicKey}`, kind: "treasury" as const, change: JSON.stringify(treasury),
      opened_height: "1", end_height: "100", seats: "10", quorum_ppm: "500000", majority_ppm: "500000", veto_blocks: "0", deposit_nano_erg: "1",
      proposed_tx_id: G.p1, proposed_height: 1, proposed_timestamp: "5", box_id: G.p3, version: 0, votes_for: "2", votes_against: "1", votes_abstain: "0",
      cursor: "5", votes_cast: 3, votes_counted: 1, outcome: null, outcome_tx_id: null, outcome_height: null,
    };
    const view = proposalView(row, {}, 100, "devnet");
    expect(view).toMatchObject({ proposerAddress: G.alice.address, change: { recipient: G.bob.address }, phase: "tallying", quorumReached: false, majority: true, counted: false });
    expect(proposalView({ ...row, proposer: "1234" }, {}, 100, "devnet").proposerAddress).toBeNull();
    expect(proposalView(row, {}, 99).phase).toBe("voting");
    expect(proposalView({ ...row, cursor: G.KEY_END.toString(), votes_for: "3", votes_against: "3" }, {}, 100).phase).toBe("rejected");
    expect(proposalView({ ...row, cursor: G.KEY_END.toString() }, {}, 100 + 21_600).phase).toBe("expired");
    expect(proposalView({ ...row, outcome: "lost", outcome_height: 50 }, {}, 100)).toMatchObject({ phase: null, boxId: null, closedHeight: 50 });
  });

  it("warns of misplaced units in a sentence", () => {
    expect(misplacedWarning(0n)).toBeNull();
    expect(misplacedWarning(1n)).toMatch(/^1 governance unit was minted outside the governance box at the switch: whoever holds one can change the community's rules alone$/);
  });
});
