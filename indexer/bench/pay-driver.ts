/**
 * Child process of the indexer benchmark's follow-lag measurement: real members on a live devnet.
 * Dev account 0 creates a community, dev accounts 1..9 join, then after every new block the driver
 * submits `perBlock` signed payments (`LetsOverHttp`: built, signed and fully validated by the
 * devnet) between members. Prints `ready <communityId> <height>` once the members have joined;
 * exits when stdin closes.
 *
 *   node --import tsx indexer/bench/pay-driver.ts <nodeUrl> <perBlock>
 */
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { testPolicy } from "../../contracts/testing/policy.ts";
import { devAccount } from "../../ergo/keys.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { NodeClient } from "../../ergo/node-client.ts";

const MEMBERS = 9;
const POLICY = testPolicy({ creditLimit: 1_000_000n, positiveCap: 0n, maxMembers: 20n });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function nextBlock(node: NodeClient, after: number): Promise<number> {
  for (;;) {
    const height = await node.height();
    if (height > after) return height;
    await sleep(20);
  }
}

async function main(nodeUrl: string, perBlock: number): Promise<void> {
  const node = new NodeClient(nodeUrl);
  const lets = new LetsOverHttp(node);
  let stopping = false;
  process.stdin.resume();
  process.stdin.on("end", () => (stopping = true));

  const { communityId } = await lets.createCommunity(devAccount(0), POLICY, TEST_METADATA);
  let height = await nextBlock(node, await node.height());
  const members = Array.from({ length: MEMBERS }, (_, i) => devAccount(i + 1));
  for (const member of members) await lets.join(communityId, member, 1_000_000_000n);
  height = await nextBlock(node, height);
  process.stdout.write(`ready ${communityId} ${height}\n`);

  for (let round = 0; !stopping; round++) {
    for (let i = 0; i < perBlock; i++) {
      const payer = members[(round * perBlock + i) % MEMBERS]!;
      // An offset of 1..MEMBERS-1: never the payer, and a different pairing every round.
      const payee = members[(round * perBlock + i + 1 + (round % (MEMBERS - 1))) % MEMBERS]!;
      await lets.pay(communityId, payer, [{ member: payee, amountUnits: BigInt(1 + ((round + i) % 50)) }]);
    }
    height = await nextBlock(node, height);
  }
  process.exit(0);
}

const [url, perBlock] = process.argv.slice(2);
if (!url) {
  process.stderr.write("usage: pay-driver.ts <nodeUrl> <perBlock>\n");
  process.exit(2);
}
await main(url, Number(perBlock ?? 3));
