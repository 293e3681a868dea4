/** Test helper: an in-process devnet with one LETS community and funded, joined members, driven over HTTP. */
import { devAccount, type DevAccount } from "../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { testPolicy } from "../../contracts/testing/policy.ts";
import { LetsOverHttp, type KeyHolder } from "../../client/lets-over-http.ts";
import { NodeClient } from "../../ergo/node-client.ts";

/** A devnet with a community and its members (dev accounts 1..n; account 0 founded it). */
export interface LetsDevnet {
  devnet: Devnet;
  node: NodeClient;
  lets: LetsOverHttp;
  communityId: string;
  members: DevAccount[];
  /** Mines `blocks` blocks (the pool goes into the first); returns the new height. */
  mine(blocks?: number): Promise<number>;
  /** Submits a payment without mining it. */
  pay(payer: KeyHolder, payee: KeyHolder, amountUnits: bigint): Promise<string>;
  close(): Promise<void>;
}

/** Starts the devnet (mining only on demand) and creates a community that `memberCount` members join. */
export async function startLetsDevnet(memberCount = 3): Promise<LetsDevnet> {
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  const node = new NodeClient(devnet.url);
  const lets = new LetsOverHttp(node);
  const mine = async (blocks = 1) => {
    let height = 0;
    for (let left = blocks; left > 0; left -= 1_000) height = (await node.request<{ height: number }>("POST", "/devnet/mine", { blocks: Math.min(left, 1_000) })).height;
    return height;
  };
  await mine(2);
  const policy = testPolicy({ positiveCap: 0n, creditLimit: 1_000_000n, maxMembers: 20n });
  const { communityId } = await lets.createCommunity(devAccount(0), policy, TEST_METADATA);
  await mine();
  const members = Array.from({ length: memberCount }, (_, i) => devAccount(i + 1));
  for (const member of members) await lets.join(communityId, member, 1_000_000_000n);
  await mine();
  return {
    devnet,
    node,
    lets,
    communityId,
    members,
    mine,
    pay: async (payer, payee, amountUnits) => (await lets.pay(communityId, payer, [{ member: payee, amountUnits }])).id,
    close: () => devnet.close(),
  };
}
