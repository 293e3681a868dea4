// The fee vote's indexer check against a small HTTP server answering as the indexer would: the
// answers that match the ballots pass; a count, the outcome, a vote's choice, a vote left uncounted
// and a vote the simulator never cast are each named; an indexer without governance routes is no check.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeeVoteRun } from "./chain/fee-vote.ts";
import { feeVoteIndexerCheck } from "./reconcile-fee-vote.ts";

const id = (c: string) => c.repeat(64);
const run = {
  ballots: [{ member: 0, choice: "for" }, { member: 1, choice: "for" }, { member: 2, choice: "against" }, { member: 3, choice: null }],
  outcome: { proposalId: id("p"), seats: 4n, closedBy: "execute", closeTxId: id("e") },
} as unknown as FeeVoteRun;
const accountOf = new Map([[0, id("a")], [1, id("b")], [2, id("c")], [3, id("d")]]);
const COMMUNITY = id("1");

const agreeing = () => ({
  [`/communities/${COMMUNITY}/governance`]: { mode: "members" },
  [`/proposals/${id("p")}`]: { counts: { for: "2", against: "1", abstain: "0" }, seats: "4", outcome: "executed", closedTxId: id("e"), votesCast: 3, votesCounted: 3 },
  [`/proposals/${id("p")}/votes`]: { items: [
    { accountId: id("a"), choice: "for", counted: true }, { accountId: id("b"), choice: "for", counted: true }, { accountId: id("c"), choice: "against", counted: true },
  ] },
});

let routes: Record<string, unknown> = {};
let server: Server;
let url = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = routes[new URL(req.url ?? "/", "http://x").pathname];
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? { error: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the fee vote against the indexer", () => {
  it("passes when the indexer says what the ballots say", async () => {
    routes = agreeing();
    expect(await feeVoteIndexerCheck(url, COMMUNITY, run, accountOf)).toEqual({ name: "fee vote (indexer)", ok: true, differences: [] });
  });

  it("names each difference: a count, the outcome, a choice, an uncounted vote, a vote nobody cast", async () => {
    routes = agreeing();
    const proposal = routes[`/proposals/${id("p")}`] as Record<string, unknown>;
    Object.assign(proposal, { counts: { for: "3", against: "1", abstain: "0" }, outcome: "forfeited" });
    const votes = (routes[`/proposals/${id("p")}/votes`] as { items: Record<string, unknown>[] }).items;
    votes[1]!.choice = "against";
    votes[2]!.counted = false;
    votes.push({ accountId: id("f"), choice: "for", counted: true });
    const check = await feeVoteIndexerCheck(url, COMMUNITY, run, accountOf);
    expect(check?.ok).toBe(false);
    expect(check?.differences).toEqual([
      "votes for: indexer 3, simulator 2",
      "outcome: indexer forfeited, simulator executed",
      `member 1 (${id("b")}): voted for, indexer against`,
      `member 2 (${id("c")}): voted against, indexer against (uncounted)`,
      `a vote by ${id("f")} in the indexer, not cast by the simulator`,
    ]);
  });

  it("is no check with an indexer that serves no governance", async () => {
    routes = {};
    expect(await feeVoteIndexerCheck(url, COMMUNITY, run, accountOf)).toBeUndefined();
  });
});
