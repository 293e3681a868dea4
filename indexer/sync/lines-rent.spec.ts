// A storage-rent spend of a line box or a gateway is flagged as a compromise of the communities it
// belongs to (docs/inter-lets.md, "Storage rent"): the contracts keep two fees in them and anyone
// may refresh them when dormant, so rent reaching one means a line nobody looked after for years.
import type { Box, SignedTransaction } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { Network } from "../../contracts/testing/network-fixture.ts";
import { rentSuccessor } from "../../contracts/testing/rent.ts";
import { Replay } from "./block-testing.ts";

describe("a storage-rent spend of a trade line's boxes", () => {
  it("flags a rent collection from the line box for both communities, and one from a gateway for its own (twin: the line's ordinary blocks flag nothing)", () => {
    const n = new Network(["A", "B"]);
    const lineId = n.openLine("A", "B");
    const replay = new Replay();
    n.world.submitted.forEach((t: SignedTransaction, i) => expect(replay.apply(t, i + 1).compromises).toEqual([]));

    n.world.mine(STORAGE_PERIOD_BLOCKS);
    const collect = (box: Box<string>) => {
      const kept = rentSuccessor(box, n.world.height + 1);
      const taken = { value: (BigInt(box.value) - BigInt(kept.value)).toString(), ergoTree: n.c("A").committee.ergoTree, creationHeight: n.world.height + 1, assets: [], additionalRegisters: {} };
      return n.world.rentSpend({ rent: [{ box, outputIndex: 0 }], outputs: [kept, taken] }, []).signed;
    };
    const line = n.lineBox(lineId);
    const lineRent = replay.apply(collect(line), n.world.height);
    expect(lineRent.compromises).toMatchObject([
      { communityId: n.c("A").communityId, kind: "rent-spend", boxId: line.boxId, detail: expect.stringMatching(/^storage rent spent the line box of line /) },
      { communityId: n.c("B").communityId, kind: "rent-spend", boxId: line.boxId },
    ]);
    const gateway = n.gateway(lineId, 1, 0).box as Box<string>;
    const gatewayRent = replay.apply(collect(gateway), n.world.height);
    expect(gatewayRent.compromises).toMatchObject([{ communityId: n.c("B").communityId, kind: "rent-spend", boxId: gateway.boxId, detail: expect.stringMatching(/a gateway \(shard 0, side B\)/) }]);
  });
});
