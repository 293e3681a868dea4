/**
 * Test data for the trade-line specs (sync and API): three communities A, B, C on one contracts
 * World (every transaction judged by both interpreters), lines A-B and B-C opened by their
 * committees, cross payments each way, a two-hop payment A -> B -> C, a cross payment with a local
 * payment riding along, a pause and resume, a change of terms, a close, and a proposal cancelled;
 * then, DORMANT_BLOCKS later (mined in the World; the indexer's heights stay consecutive), an
 * outsider's refreshes: both ends of A-B's shard 1, the cancelled A-C's end of A alone (shard 0),
 * and A-C's line box; as consecutive blocks from height 1, one transaction each. `forgedGateway`
 * is the propose of a fourth line whose first gateway names a shard the line does not have (a unit
 * of A in a gateway-script box no propose seated), next to its sound twin `soundPropose`.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { acceptLineChange, cancelLine, pauseLine, proposeLineChange } from "../../contracts/builders/line-admin.ts";
import type { BuildContext } from "../../contracts/builders/common.ts";
import { crossPay, type CrossPayment } from "../../contracts/builders/cross-pay.ts";
import { refreshLine, refreshShard } from "../../contracts/builders/line-refresh.ts";
import { bytesConstant } from "../../contracts/registers.ts";
import { DORMANT_BLOCKS, GATEWAY_ERGO_TREE } from "../../contracts/scripts.ts";
import { Network, TEST_TERMS } from "../../contracts/testing/network-fixture.ts";
import type { ChainTransaction } from "./apply-block.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, edited } from "./block-testing.ts";

export interface LineChain {
  network: Network;
  /** Every block, heights 1.. */
  blocks: BatchBlock[];
  ids: { a: string; b: string; c: string; ab: string; bc: string; ac: string };
  /** The height of the block of each named step. */
  at: Record<string, number>;
  /** The transaction id of each named step. */
  tx: Record<string, string>;
  /** Each community's account ids by member name ("alice@A"). */
  accounts: Record<string, string>;
  /** The propose of line A-C again (not in `blocks`), and a twin whose first gateway's id names shard 9. */
  soundPropose: ChainTransaction;
  forgedGateway: ChainTransaction;
}

/** Builds the chain (several seconds: both interpreters judge every transaction). */
export function lineChain(): LineChain {
  const n = new Network(["A", "B", "C"]);
  const A = n.c("A"), B = n.c("B"), C = n.c("C");
  const at: Record<string, number> = {};
  const tx: Record<string, string> = {};
  const mark = (name: string) => {
    at[name] = n.world.submitted.length;
    tx[name] = n.world.submitted.at(-1)!.id;
  };
  const pay = (name: string, payer: string, payments: CrossPayment[]) => {
    const community = n.c(payer.split("@")[1]!);
    const built = crossPay({ payer: community.account(payer).box, payments }, { height: n.world.height });
    n.world.submit(built, [community.member(payer)]);
    mark(name);
  };
  const admin = (name: string, community: string, build: (c: { line: ReturnType<Network["lineBox"]>; community: ReturnType<typeof A.communityBox> }) => Parameters<typeof n.world.submit>[0], lineId: string) => {
    const f = n.c(community);
    n.world.submit(build({ line: n.lineBox(lineId), community: f.communityBox() }), [f.committee]);
    mark(name);
  };
  const ctx = (community: string) => ({ height: n.world.height, wallet: n.world.wallet(n.c(community).committee) });

  const ab = n.propose("A", "B");
  mark("propose");
  n.accept("B", ab);
  mark("accept");
  const bc = n.openLine("B", "C");
  mark("openBC");
  pay("aToB", "alice@A", [{ payee: B.account("bob@B").box, amountUnits: 50n, hops: [n.hop(ab, "A", 0)] }]);
  pay("bToA", "bob@B", [{ payee: A.account("alice@A").box, amountUnits: 30n, hops: [n.hop(ab, "B", 1)] }]);
  pay("twoHops", "alice@A", [{ payee: C.account("bob@C").box, amountUnits: 40n, hops: [n.hop(ab, "A", 1), n.hop(bc, "B", 0)] }]);
  pay("crossAndLocal", "bob@A", [
    { payee: B.account("alice@B").box, amountUnits: 20n, hops: [n.hop(ab, "A", 0)] },
    { payee: A.account("alice@A").box, amountUnits: 5n, hops: [] },
  ]);
  admin("pause", "B", (x) => pauseLine({ ...x, paused: true }, ctx("B")), ab);
  admin("resume", "B", (x) => pauseLine({ ...x, paused: false }, ctx("B")), ab);
  admin("proposeChange", "A", (x) => proposeLineChange({ ...x, change: { terms: { ...TEST_TERMS, feeA: 50n, rateNum: 2n } } }, ctx("A")), ab);
  admin("acceptChange", "B", (x) => acceptLineChange(x, ctx("B")), ab);
  pay("afterChange", "alice@B", [{ payee: A.account("bob@A").box, amountUnits: 10n, hops: [n.hop(ab, "B", 0)] }]);
  admin("proposeClose", "C", (x) => proposeLineChange({ ...x, change: "close" }, ctx("C")), bc);
  admin("close", "B", (x) => acceptLineChange(x, ctx("B")), bc);
  const ac = n.propose("A", "C");
  mark("proposeAC");
  const proposeAC = n.world.submitted.at(-1)!;
  admin("cancel", "A", (x) => cancelLine(x, ctx("A")), ac);
  n.world.mine(DORMANT_BLOCKS);
  const outsider = n.world.member("outsider");
  // Anyone refreshes what nobody spent for DORMANT_BLOCKS: an outsider pays the fee.
  const refresh = (name: string, build: (c: BuildContext) => EIP12UnsignedTransaction) => {
    n.world.submit(build({ height: n.world.height, wallet: n.world.wallet(outsider) }), [outsider]);
    mark(name);
  };
  refresh("refreshPair", (c) => refreshShard({ line: n.lineBox(ab), gatewayA: n.gateway(ab, 0, 1).box, gatewayB: n.gateway(ab, 1, 1).box }, c));
  refresh("refreshAlone", (c) => refreshShard({ line: n.lineBox(ac), gatewayA: n.gateway(ac, 0, 0).box }, c));
  refresh("refreshLine", (c) => refreshLine({ line: n.lineBox(ac) }, c));

  const blocks = n.world.submitted.map((t: SignedTransaction, i) => blockOf(i + 1, chainTx(t)));
  const accounts: Record<string, string> = {};
  for (const name of ["A", "B", "C"]) for (const m of ["alice", "bob"]) accounts[`${m}@${name}`] = n.c(name).account(`${m}@${name}`).accountId;
  const soundPropose = chainTx(proposeAC);
  const forgedGateway = edited(proposeAC, (t) => {
    const g = t.outputs.find((o) => o.ergoTree === GATEWAY_ERGO_TREE)!;
    g.additionalRegisters.R7 = bytesConstant(`${ac}0009`);
  });
  return { network: n, blocks, ids: { a: A.communityId, b: B.communityId, c: C.communityId, ab, bc, ac }, at, tx, accounts, soundPropose, forgedGateway };
}
