// The governance pages' reading of the indexer (docs/web.md "Governance"): the URLs asked, amounts
// as bigint, a proposal's change with its before and after whichever way they are written, and an
// indexer without governance routes (404) read as no history rather than an error page.
import { describe, expect, it } from "vitest";
import { committeeFromKeys } from "$contracts/committee.ts";
import { devAccount } from "$ergo/keys.ts";
import { changeFromIndexer, governanceSummary, indexedProposal, indexedProposals, indexedVotes, proposalFromIndexer } from "./governance.ts";
import { createIndexerClient } from "./indexer.ts";

const ID = "ab".repeat(32);
const OTHER = "cd".repeat(32);
const [alice, bob] = [devAccount(0), devAccount(1)];
const policy = { creditLimit: "10000", positiveCap: "0", joinFeeNanoErg: "10000000", collateralNanoErg: "10000000", maxMembers: "100", inactivityBlocks: "0" };
const proposal = {
  proposalId: ID, communityId: OTHER, proposer: `08cd${alice.publicKey}`, kind: "policy", openedHeight: 1000, endHeight: "1720", seats: "12",
  quorumPpm: "500000", majorityPpm: "500000", vetoBlocks: "0", depositNanoErg: "100000000", counts: { for: "4", against: "2", abstain: "1" },
  counted: true, phase: null, outcome: "executed", closedHeight: 1730, closedTxId: OTHER, boxId: null,
  change: { kind: "policy", policy: { ...policy, joinFeeNanoErg: "0" } }, before: { policy }, after: { policy: { ...policy, joinFeeNanoErg: "0" } },
};

function client(routes: Record<string, unknown>) {
  const asked: string[] = [];
  const fetchFn = (async (url: string) => {
    asked.push(url);
    const body = routes[new URL(url).pathname];
    if (body === undefined) return new Response(JSON.stringify({ error: 404, reason: "not-found", detail: url }), { status: 404 });
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { indexer: createIndexerClient("http://indexer/", fetchFn), asked };
}

describe("the governance pages' indexer reads", () => {
  it("reads the summary's rules as bigint", async () => {
    const { indexer, asked } = client({
      [`/communities/${OTHER}/governance`]: {
        communityId: OTHER, mode: "members-with-veto", governanceId: ID, proposalsLeft: "999999998", governanceBoxId: ID,
        rules: { quorumPpm: "500000", majorityPpm: "500000", depositNanoErg: "100000000", minWindowBlocks: "720", maxWindowBlocks: "5040", vetoBlocks: "720" },
      },
    });
    expect(await governanceSummary(indexer, OTHER)).toEqual({
      communityId: OTHER, mode: "members-with-veto", governanceId: ID, proposalsLeft: 999_999_998n, governanceBoxId: ID,
      rules: { quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: 100_000_000n, minWindowBlocks: 720n, maxWindowBlocks: 5_040n, vetoBlocks: 720n },
    });
    expect(asked).toEqual([`http://indexer/communities/${OTHER}/governance`]);
  });

  it("reads a closed proposal with its outcome and its change before → after", async () => {
    const { indexer, asked } = client({ [`/communities/${OTHER}/proposals`]: { items: [proposal] }, [`/proposals/${ID}`]: proposal });
    const [read] = (await indexedProposals(indexer, OTHER, "closed", "devnet"))!;
    expect(asked[0]).toBe(`http://indexer/communities/${OTHER}/proposals?status=closed`);
    expect(read).toMatchObject({ proposerAddress: alice.address, endHeight: 1720n, counts: { for: 4n, against: 2n, abstain: 1n }, outcome: "executed", closedHeight: 1730n });
    expect(read!.change).toEqual({
      kind: "policy",
      before: { creditLimit: 10_000n, positiveCap: 0n, joinFeeNanoErg: 10_000_000n, collateralNanoErg: 10_000_000n, maxMembers: 100n, inactivityBlocks: 0n },
      after: { creditLimit: 10_000n, positiveCap: 0n, joinFeeNanoErg: 0n, collateralNanoErg: 10_000_000n, maxMembers: 100n, inactivityBlocks: 0n },
    });
    expect(await indexedProposal(indexer, ID, "devnet")).toEqual(read);
  });

  it("reads the other kinds: a policy as R4 values, committee, metadata, a payment to a tree", () => {
    expect(changeFromIndexer({ change: { kind: "policy", policy: ["1", "0", "0", "0", "5", "0"] } }, "devnet")).toMatchObject({ before: null, after: { creditLimit: 1n, maxMembers: 5n } });
    const [one, two] = [committeeFromKeys([alice.publicKey], 1), committeeFromKeys([alice.publicKey, bob.publicKey], 1)];
    expect(changeFromIndexer({ change: { kind: "committee", committee: two }, before: { committee: one } }, "devnet")).toEqual({ kind: "committee", before: one, after: two });
    expect(changeFromIndexer({ kind: "metadata", change: { metadata: { name: "B" } }, before: { metadata: { name: "A" } } }, "devnet"))
      .toEqual({ kind: "metadata", before: { name: "A" }, after: { name: "B" } });
    // Bytes that are no JSON object: the indexer sends metadata null, the page shows the text.
    expect(changeFromIndexer({ change: { kind: "metadata", metadataHex: "6869", metadata: null }, after: { metadata: null } }, "devnet")).toEqual({ kind: "metadata", before: null, after: { text: "hi" } });
    expect(changeFromIndexer({ change: { kind: "treasury", amountNanoErg: "5000000000", recipientErgoTree: bob.ergoTree }, before: { treasuryNanoErg: "12000000000" } }, "devnet"))
      .toEqual({ kind: "treasury", amountNanoErg: 5_000_000_000n, recipient: bob.address, treasuryBeforeNanoErg: 12_000_000_000n });
    expect(() => proposalFromIndexer({ ...proposal, endHeight: 1.5 }, "devnet")).toThrow("endHeight is not a whole number: 1.5");
  });

  it("reads votes, and an indexer without governance as none", async () => {
    const { indexer } = client({ [`/proposals/${ID}/votes`]: { items: [{ accountId: OTHER, choice: "for", height: 1001, txId: ID, counted: false }, { choice: "x" }] } });
    expect(await indexedVotes(indexer, ID)).toEqual([{ accountId: OTHER, choice: "for", height: 1001, txId: ID, counted: false }]);
    expect(await governanceSummary(indexer, OTHER)).toBeNull();
    expect(await indexedProposals(indexer, OTHER, "all", "devnet")).toBeNull();
    expect(await indexedVotes(indexer, OTHER)).toEqual([]);
  });
});
