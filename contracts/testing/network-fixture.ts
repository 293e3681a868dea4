/** Several communities on one test chain, and trade lines between them (docs/inter-lets.md). */
import type { Box } from "@fleet-sdk/common";
import { acceptLine, proposeLine } from "../builders/line-open.ts";
import { decodeGateway, decodeLine, type Gateway, type Line, type LineTerms, type Side } from "../line/line.ts";
import { Fixture } from "./community-fixture.ts";
import type { Policy } from "../community/community.ts";
import { World } from "./world.ts";

/** 1 A-unit = 3/2 B-units, caps of 10,000 units each way, 1% and 0.5% fees, two shards. */
export const TEST_TERMS: LineTerms = { rateNum: 3n, rateDen: 2n, capA: 10_000n, capB: 10_000n, feeA: 100n, feeB: 50n, shards: 2n };

export class Network {
  readonly world: World;
  readonly communities = new Map<string, Fixture>();

  constructor(names: string[] = ["A", "B", "C"], opts: { members?: string[]; policy?: Policy; height?: number } = {}) {
    this.world = new World(opts.height ?? 1_000);
    for (const name of names) {
      const members = (opts.members ?? ["alice", "bob"]).map((m) => `${m}@${name}`);
      this.communities.set(name, new Fixture({ world: this.world, name, members, ...(opts.policy ? { policy: opts.policy } : {}) }));
    }
  }

  c(name: string): Fixture {
    const f = this.communities.get(name);
    if (!f) throw new Error(`no community ${name}`);
    return f;
  }

  /** Proposes (a's committee) and accepts (b's committee) a line; returns its id. */
  openLine(a: string, b: string, terms: LineTerms = TEST_TERMS): string {
    const lineId = this.propose(a, b, terms);
    this.accept(b, lineId);
    return lineId;
  }

  propose(a: string, b: string, terms: LineTerms = TEST_TERMS): string {
    const fa = this.c(a);
    const tx = proposeLine(
      { community: fa.communityBox(), partnerCommunityId: this.c(b).communityId, terms },
      { height: this.world.height, wallet: this.world.wallet(fa.committee) },
    );
    this.world.submit(tx, [fa.committee]);
    return tx.inputs[0]!.boxId;
  }

  accept(b: string, lineId: string): void {
    const fb = this.c(b);
    const tx = acceptLine({ community: fb.communityBox(), line: this.lineBox(lineId), gatewayA: this.gateway(lineId, 0).box }, { height: this.world.height, wallet: this.world.wallet(fb.committee) });
    this.world.submit(tx, [fb.committee]);
  }

  lineBox(lineId: string): Box<string> {
    const box = [...this.world.utxos.values()].find((b) => b.assets[0]?.tokenId === lineId && decodeLine(b).ok);
    if (!box) throw new Error(`no live line ${lineId}`);
    return box;
  }

  line(lineId: string): Line {
    const d = decodeLine(this.lineBox(lineId));
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }

  gateway(lineId: string, side: Side, shard = 0): Gateway {
    return gatewayIn(this.world, lineId, side, shard);
  }

  /** The boxes of one hop from `fromCommunity` across `lineId` through `shard`. */
  hop(lineId: string, fromCommunity: string, shard = 0) {
    const line = this.line(lineId);
    const from: Side = line.communityA === this.c(fromCommunity).communityId ? 0 : 1;
    return { line: line.box, from: this.gateway(lineId, from, shard).box, to: this.gateway(lineId, (1 - from) as Side, shard).box };
  }
}

/** The live gateway of `lineId`, side and shard on `world` (A's end of shard 0 by default: what an accept reads). */
export function gatewayIn(world: World, lineId: string, side: Side = 0, shard = 0): Gateway {
  for (const box of world.utxos.values()) {
    const d = decodeGateway(box);
    if (d.ok && d.value.lineId === lineId && d.value.side === side && d.value.shard === shard) return d.value;
  }
  throw new Error(`no gateway ${lineId}/${side}/${shard}`);
}
