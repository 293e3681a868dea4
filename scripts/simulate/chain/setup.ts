/**
 * Before day 0: the funder founds the community (it is the committee), funds the starting members'
 * wallets, and every starting member joins with its own key. Nothing is signed before the funder's
 * ERG is known to cover it.
 */
import { acceptLine, createCommunity, gatewayFloorNanoErg, lineFloorNanoErg, MIN_BOX_VALUE, ownerFromPublicKey, proposeLine } from "../../../contracts/index.ts";
import type { NetworkSpec } from "../scenario.ts";
import type { NetworkActions } from "./network-actions.ts";
import type { NetworkBoxes } from "./network-boxes.ts";
import { formatErg } from "../scenario-fields.ts";
import type { Member } from "../members.ts";
import type { ActionContext, ChainActions } from "./actions.ts";
import { FUNDING_BATCH, feeReserveNanoErg, memberFundingNanoErg, runPayments } from "./funding.ts";
import { predict } from "../../../ergo/predict.ts";
import { ScriptsError } from "../../errors.ts";
import { settlerNanoErg } from "./settler.ts";
import { underwriterFundingNanoErg } from "./underwriting-actions.ts";

/** Starting members who join per setup block. */
const JOINS_PER_BLOCK = 200;

/** The funder cannot pay for the simulation. */
export class FunderShortOfErg extends ScriptsError {
  constructor(readonly address: string, readonly neededNanoErg: bigint, readonly availableNanoErg: bigint) {
    super(`the funder ${address} holds ${formatErg(availableNanoErg)} ERG; this simulation needs about ${formatErg(neededNanoErg)} ERG (members' joins, collateral and fees)`);
  }
}

/** ERG the whole run should need: every starting and expected joining member's funding, with a 50% margin for joiners, plus fees. */
export function estimateNeededNanoErg(ctx: ActionContext, members: readonly Member[]): bigint {
  const { scenario } = ctx;
  const funding = (buysPerDay: number) => memberFundingNanoErg(scenario, feeReserveNanoErg(scenario, buysPerDay));
  const starting = members.reduce((sum, m) => sum + funding(m.role.buysPerDay), 0n);
  const busiest = Math.max(...scenario.roles.map((r) => r.buysPerDay));
  const joiners = BigInt(Math.ceil(scenario.churn.joinsPerDay * scenario.days * 1.5));
  const transactions = BigInt(members.length + scenario.days * 4) * scenario.txFeeNanoErg;
  // Top-ups pay, over the run, what a reserve for the whole run would have held (and their own fees).
  const topUps = scenario.behaviour.topUpBelowPayments === 0 ? 0n : (BigInt(members.length) + joiners) * 2n * runPayments(scenario, busiest) * scenario.txFeeNanoErg;
  const sweeps = scenario.policy.economics ? BigInt(scenario.days) * (BigInt(members.length) + joiners) * scenario.txFeeNanoErg : 0n;
  // The settler of payment orders pays a batch's fee in every settling block (more when it runs low).
  const settler = scenario.orders ? 2n * settlerNanoErg(scenario) : 0n;
  // The desk's reserve, and every unit it may issue bought with the funder's ERG (with a day's trades' fees).
  const desk = scenario.desk ? scenario.desk.reserveNanoErg + (scenario.desk.issueLimit * 2n * 10n ** 9n) / scenario.desk.unitsPerErg + BigInt(scenario.days * scenario.members) * scenario.txFeeNanoErg : 0n;
  // Post-factum payments: an escrow's joining fee and deposit (under 2 ERG) per member, and three fees per purchase at most.
  const purchases = BigInt(Math.ceil(scenario.days * busiest)) * (BigInt(members.length) + joiners);
  const postFactum = scenario.postFactum ? (BigInt(members.length) + joiners) * (2n * 10n ** 9n + scenario.policy.joinFeeNanoErg) + 3n * purchases * scenario.txFeeNanoErg : 0n;
  // Underwriting: every underwriter's stakes for the run, paid once.
  const underwriting = scenario.underwriting ? BigInt(scenario.underwriting.underwriters) * underwriterFundingNanoErg(scenario, scenario.underwriting, members.length) : 0n;
  return starting + joiners * (funding(busiest) + scenario.txFeeNanoErg) + transactions + topUps + sweeps + settler + desk + postFactum + underwriting + 2n * MIN_BOX_VALUE;
}

/** Founds the community and joins the starting members; returns the community id. */
export async function setUpCommunity(ctx: ActionContext, actions: ChainActions, members: readonly Member[], progress: () => void = () => {}): Promise<string> {
  const { driver, boxes, scenario, pipeline } = ctx;
  const funder = driver.funder;
  const tip = await driver.refresh();
  boxes.track(funder.ergoTree);
  boxes.add(await driver.node.unspentByAddress(funder.address));
  const available = boxes.wallet(funder.ergoTree).reduce((sum, box) => sum + BigInt(box.value), 0n);
  const needed = estimateNeededNanoErg(ctx, members);
  if (available < needed) throw new FunderShortOfErg(funder.address, needed, available);

  const { policy, community } = scenario;
  const created = createCommunity(
    {
      policy: { ...policy },
      metadata: { name: community.name, symbol: community.symbol, description: community.description, decimals: community.decimals },
      committee: ownerFromPublicKey(funder.publicKey),
    },
    { height: tip, wallet: { utxos: boxes.wallet(funder.ergoTree), changeAddress: funder.address }, feeNanoErg: scenario.txFeeNanoErg },
  );
  const communityId = created.inputs[0]!.boxId;
  actions.send(created, predict(created), [funder.secretKey], -1, tip, undefined, () => () => {});
  for (let first = 0; first < members.length; first += FUNDING_BATCH) {
    const recipients = members.slice(first, first + FUNDING_BATCH).map((member) => {
      const key = actions.key(member.id);
      boxes.track(key.ergoTree);
      return { address: key.address, nanoErg: memberFundingNanoErg(scenario, feeReserveNanoErg(scenario, member.role.buysPerDay)) };
    });
    const funding = actions.funding(recipients, tip);
    actions.send(funding.unsigned, funding.predicted, [funder.secretKey], -1, tip, undefined, () => () => {});
  }
  await pipeline.flush(tip + 1);
  // Joins chain on the community box; a block every JOINS_PER_BLOCK keeps the mempool short.
  for (let first = 0; first < members.length; first += JOINS_PER_BLOCK) {
    for (const member of members.slice(first, first + JOINS_PER_BLOCK)) {
      actions.join(member, -1);
      await pipeline.room();
      progress();
    }
    await pipeline.flush(driver.tipHeight + 1);
  }
  return communityId;
}

/** ERG the lines need: each line box and its gateways (both sides), plus the two transactions' fees. */
export function linesNanoErg(network: NetworkSpec, txFeeNanoErg: bigint): bigint {
  return network.lines.reduce((sum, l) => sum + lineFloorNanoErg() + l.terms.shards * (gatewayFloorNanoErg(0) + gatewayFloorNanoErg(1)) + 2n * txFeeNanoErg, 0n);
}

/**
 * Before day 0 of a network: each community is founded and joined as one community is (the funder
 * is every committee), then every line is proposed by its community `a` and accepted by `b`.
 * Returns the community ids and line ids by index.
 */
export async function setUpNetwork(actions: NetworkActions, store: NetworkBoxes, members: readonly Member[], progress: () => void = () => {}): Promise<{ communityIds: string[]; lineIds: string[] }> {
  const { network, contexts } = actions;
  const communityIds: string[] = [];
  for (const [c, ctx] of contexts.entries()) {
    communityIds.push(await setUpCommunity(ctx, actions.communities[c]!, members.filter((m) => m.community === c), progress));
  }
  const ctx = contexts[0]!;
  const { driver, pipeline, scenario } = ctx;
  const funder = driver.funder;
  const available = store.wallet(funder.ergoTree).reduce((sum, box) => sum + BigInt(box.value), 0n);
  const needed = linesNanoErg(network, scenario.txFeeNanoErg) + MIN_BOX_VALUE;
  if (available < needed) throw new FunderShortOfErg(funder.address, needed, available);
  const lineIds: string[] = [];
  const tip = driver.tipHeight;
  const wallet = () => ({ utxos: store.wallet(funder.ergoTree), changeAddress: funder.address });
  for (const line of network.lines) {
    const proposed = proposeLine(
      { community: store.community(communityIds[line.a]!)!, partnerCommunityId: communityIds[line.b]!, terms: line.terms },
      { height: tip, wallet: wallet(), feeNanoErg: scenario.txFeeNanoErg },
    );
    const lineId = proposed.inputs[0]!.boxId;
    lineIds.push(lineId);
    const predicted = predict(proposed);
    actions.communities[line.a]!.send(proposed, predicted, [funder.secretKey], -1, tip, undefined, () => () => {});
    // A's end of shard 0 (OUTPUTS(2) of the propose), which B's accept reads.
    const accepted = acceptLine({ community: store.community(communityIds[line.b]!)!, line: store.line(lineId), gatewayA: predicted.outputs[2]! }, { height: tip, wallet: wallet(), feeNanoErg: scenario.txFeeNanoErg });
    actions.communities[line.b]!.send(accepted, predict(accepted), [funder.secretKey], -1, tip, undefined, () => () => {});
  }
  await pipeline.flush(tip + 1);
  actions.communityIds = communityIds;
  actions.lineIds = lineIds;
  return { communityIds, lineIds };
}
