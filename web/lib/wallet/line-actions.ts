/**
 * A committee's actions on trade lines (docs/inter-lets.md), built in the browser from live boxes
 * with the contracts' builders and signed by the committee's wallet (Nautilus or the development
 * wallet): propose (community A), accept or cancel a proposal, pause or resume payments into its
 * community, propose a change (new terms or closing) or withdraw it, accept the other side's change.
 * Refused before signing when the wallet's address is not the acting community's committee.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { acceptLineChange, cancelLine, pauseLine, proposeLineChange, type LineChange } from "$contracts/builders/line-admin.ts";
import { acceptLine, proposeLine } from "$contracts/builders/line-open.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import type { LineTerms } from "$contracts/line/line.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { liveCommunity } from "./actions.ts";
import { liveGateways, liveLine } from "./cross.ts";
import type { ConnectedWallet } from "./wallet.ts";

export type LineAction =
  | { kind: "propose"; communityId: string; partnerCommunityId: string; terms: LineTerms }
  | { kind: "accept"; lineId: string }
  | { kind: "cancel"; lineId: string }
  | { kind: "pause"; lineId: string; communityId: string; paused: boolean }
  | { kind: "change"; lineId: string; communityId: string; change: LineChange }
  | { kind: "accept-change"; lineId: string; communityId: string };

/** The wallet's address is not the committee of the community that acts. */
export class NotCommittee extends InvalidIntent {
  constructor(readonly communityId: string, readonly address: string) {
    super(`this wallet's address ${address} is not the committee of community ${communityId}`);
  }
}

/** The community whose committee signs `action`. */
async function actingCommunity(node: NodeClient, action: LineAction): Promise<string> {
  if (action.kind === "propose" || "communityId" in action) return action.communityId;
  const line = await liveLine(node, action.lineId);
  if (!line) throw new InvalidIntent(`line ${action.lineId} has no live box on the node`);
  return action.kind === "accept" ? line.communityB : line.communityA;
}

/** Builds `action` for the connected wallet; the transaction its committee key signs. */
export async function prepareLineAction(wallet: ConnectedWallet, node: NodeClient, action: LineAction): Promise<EIP12UnsignedTransaction> {
  const communityId = await actingCommunity(node, action);
  const [community, ctx] = await Promise.all([liveCommunity(node, communityId), wallet.buildContext()]);
  if (community.committee !== ownerFromAddress(ctx.wallet.changeAddress)) throw new NotCommittee(communityId, ctx.wallet.changeAddress);
  if (action.kind === "propose") return proposeLine({ community: community.box, partnerCommunityId: action.partnerCommunityId, terms: action.terms }, ctx);
  const line = await liveLine(node, action.lineId);
  if (!line) throw new InvalidIntent(`line ${action.lineId} has no live box on the node`);
  const actor = { line: line.box, community: community.box };
  switch (action.kind) {
    case "accept": {
      // A's end of shard 0, read by B's contract: it proves the proposal came from A's propose.
      const gatewayA = (await liveGateways(node, line.communityA, new Set([line.lineId]))).find((g) => g.side === 0 && g.shard === 0);
      if (!gatewayA) throw new InvalidIntent(`line ${line.lineId} has no live gateway of community ${line.communityA} for shard 0 on the node`);
      return acceptLine({ ...actor, gatewayA: gatewayA.box }, ctx);
    }
    case "cancel":
      return cancelLine(actor, ctx);
    case "pause":
      return pauseLine({ ...actor, paused: action.paused }, ctx);
    case "change":
      return proposeLineChange({ ...actor, change: action.change }, ctx);
    case "accept-change":
      return acceptLineChange(actor, ctx);
  }
}
