/**
 * Member governance from the wallet side on a real devnet (docs/web.md "Governance"): the
 * committee's switch (`prepareSwitch`), a member's proposal to drop the join fee (`preparePropose`),
 * votes (`prepareVote`) with each refusal in words before signing (not a member, joined too late,
 * voted already, vote over), a tally by a key that is no member (`prepareTally`), and the change
 * carried out (`prepareExecute`); the pages' live view (`liveGovernanceOf`, `liveProposalOf`) in
 * between. Each transaction is signed by the development wallet and accepted by the node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { changeLines, lineText } from "$lib/governance/words.ts";
import { liveGovernanceOf, liveProposalOf } from "$lib/server/governance.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { liveCommunity, prepareCreate, prepareJoin, signAndSubmit } from "./actions.ts";
import { createDevContext, type DevErgoLib } from "./dev/context.ts";
import { GovernanceActionRefused, prepareExecute, preparePropose, prepareSwitch, prepareTally, prepareVote, proposalState } from "./governance.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;
const ERG = 1_000_000_000n;
const [committee, alice, bob, carol, dave] = [0, 1, 2, 3, 4];
let wallets: ConnectedWallet[] = [];
let communityId = "";
let governanceId = "";
let proposalId = "";
const accountIds: Record<number, string> = {};

function devWallet(index: number): ConnectedWallet {
  const { address, secretKey } = devAccount(index);
  const context = createDevContext({ account: { index, address, secretKey }, node, loadErgoLib: async () => ergoLib as unknown as DevErgoLib, confirm: async () => true });
  return new ConnectedWallet("dev", `Development wallet: account ${index}`, context);
}
const mine = (blocks = 1) => fetch(`${devnet.url}/devnet/mine`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ blocks }) });
const send = async (index: number, unsigned: Parameters<typeof signAndSubmit>[1]) => {
  await signAndSubmit(wallets[index]!, unsigned);
  await mine();
};
const ids = (index: number) => (accountIds[index] ? [accountIds[index]] : []);

async function join(index: number) {
  const { unsigned } = await prepareJoin(wallets[index]!, node, communityId);
  await send(index, unsigned);
  const owner = ownerFromAddress(devAccount(index).address);
  accountIds[index] = (await node.unspentByTokenId(communityId)).map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value.accountId] : []))[0]!;
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  wallets = [committee, alice, bob, carol, dave].map(devWallet);
  await mine();
  const created = await prepareCreate(wallets[committee]!, {
    policy: testPolicy({ joinFeeNanoErg: ERG / 100n, inactivityBlocks: 0n }),
    metadata: { name: "Voting Dollars", symbol: "VTD", description: "", decimals: 2 },
    committee: committeeFromKeys([devAccount(committee).publicKey], 1),
  });
  communityId = created.communityId;
  await send(committee, created.unsigned);
  await join(alice);
  await join(bob);
  await mine(721); // a vote counts accounts that joined more than 720 blocks before the proposal opened
  await join(carol);
}, 180_000);
afterAll(async () => devnet?.close());

describe("member governance from the wallet", () => {
  it("the committee switches, and the page sees the members' rules", async () => {
    const before = await liveGovernanceOf(node, communityId, "devnet");
    expect(before.rules).toBeNull();
    const rules = { quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: ERG / 10n, minWindowBlocks: 5n, maxWindowBlocks: 50n, vetoBlocks: 0n };
    await expect(prepareSwitch(wallets[alice]!, node, communityId, rules)).rejects.toThrow("only the committee switches");
    await send(committee, await prepareSwitch(wallets[committee]!, node, communityId, rules));
    const after = await liveGovernanceOf(node, communityId, "devnet");
    expect(after.rules).toEqual(rules);
    expect(after.community.seats).toBe(3n);
    governanceId = after.community.governanceId!;
    expect(governanceId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a member proposes to drop the join fee; the page shows it before → after", async () => {
    await expect(preparePropose(wallets[dave]!, node, { communityId, governanceId, accountIds: [], change: { kind: "policy", policy: { joinFeeNanoErg: 0n } }, windowBlocks: 5n }))
      .rejects.toThrow("this wallet has no open account in this community: only members propose");
    const prepared = await preparePropose(wallets[alice]!, node, { communityId, governanceId, accountIds: ids(alice), change: { kind: "policy", policy: { joinFeeNanoErg: 0n } }, windowBlocks: 5n });
    proposalId = prepared.proposalId;
    await send(alice, prepared.unsigned);
    const live = await liveGovernanceOf(node, communityId, "devnet");
    expect(live.proposals.map((p) => p.proposalId)).toEqual([proposalId]);
    const view = (await liveProposalOf(node, communityId, proposalId, "devnet"))!;
    expect(view.phase).toBe("voting");
    expect(changeLines(view.change, { symbol: "VTD", decimals: 2 }, "devnet").map(lineText)).toEqual(["Join fee: 0.01 ERG → 0 ERG"]);
  });

  it("says why a key cannot vote, before anything is signed", async () => {
    const options = async (index: number) => (await proposalState(wallets[index]!, node, communityId, proposalId, ids(index))).options;
    expect((await options(dave)).refused.vote).toBe("this wallet has no open account in this community: only members vote");
    expect((await options(carol)).refused.vote).toMatch(/^the account joined at height \d+, too late for a proposal opened at \d+/);
    await expect(prepareVote(wallets[carol]!, node, communityId, proposalId, ids(carol), "for")).rejects.toThrow(GovernanceActionRefused);
    expect((await options(alice)).refused).toMatchObject({ tally: expect.stringMatching(/^votes are counted once the vote ends/) });
    expect((await options(alice)).refused.vote).toBeUndefined();
  });

  it("members vote once each; the live counts add the votes not yet counted", async () => {
    await send(alice, await prepareVote(wallets[alice]!, node, communityId, proposalId, ids(alice), "for"));
    await expect(prepareVote(wallets[alice]!, node, communityId, proposalId, ids(alice), "against")).rejects.toThrow("cannot vote: this account voted already (for)");
    await send(bob, await prepareVote(wallets[bob]!, node, communityId, proposalId, ids(bob), "abstain"));
    const view = (await liveProposalOf(node, communityId, proposalId, "devnet"))!;
    expect(view.counts).toEqual({ for: 1n, against: 0n, abstain: 1n });
  });

  it("after the vote anyone tallies, and anyone carries out the change", async () => {
    await mine(5);
    const late = (await proposalState(wallets[bob]!, node, communityId, proposalId, ids(bob))).options;
    expect(late.refused.vote).toMatch(/^the vote ended at block \d+$/);
    expect(late.refused.execute).toBe("only a proposal that passed, after any veto window, is carried out");
    await send(dave, await prepareTally(wallets[dave]!, node, communityId, proposalId));
    const counted = (await liveProposalOf(node, communityId, proposalId, "devnet"))!;
    expect(counted).toMatchObject({ counted: true, phase: "executable", counts: { for: 1n, against: 0n, abstain: 1n } });
    await send(dave, await prepareExecute(wallets[dave]!, node, communityId, proposalId));
    expect((await liveCommunity(node, communityId)).policy.joinFeeNanoErg).toBe(0n);
    expect(await liveProposalOf(node, communityId, proposalId, "devnet")).toBeNull();
  });
});
