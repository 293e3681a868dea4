/** What both drivers share: a node client, the keys, the tip and headers last read, submission. */
import type { SignedTransaction } from "@fleet-sdk/common";
import type { NodeHeader } from "../../../ergo/types.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { readTip, tipFor, type ChainDriver, type NodeTimes } from "./driver.ts";
import type { KeyChain, DerivedKey } from "../../../ergo/keys.ts";
import type { SigningTip } from "../../../ergo/signing-contexts.ts";

/** The parts of a driver that only talk to the node's REST API. */
export abstract class HttpDriver implements ChainDriver {
  abstract readonly kind: "devnet" | "node";
  readonly node: NodeClient;
  readonly funder: DerivedKey;
  tipHeight = 0;
  protected headers: NodeHeader[] = [];

  constructor(
    readonly nodeUrl: string,
    readonly keys: KeyChain,
    readonly firstMemberIndex: number,
  ) {
    this.node = new NodeClient(nodeUrl);
    this.funder = keys.key(0);
  }

  async refresh(): Promise<number> {
    const tip = await readTip(this.node);
    this.tipHeight = tip.height;
    this.headers = tip.headers;
    return tip.height;
  }

  signingTip(buildHeight: number): SigningTip {
    return tipFor(buildHeight, this.headers);
  }

  submit(signed: SignedTransaction): Promise<string> {
    return this.node.submit(signed);
  }

  abstract mineTo(height: number): Promise<void>;

  async nodeTimes(): Promise<NodeTimes | undefined> {
    return undefined;
  }

  async resetNodeTimes(): Promise<void> {}

  abstract close(): Promise<void>;
}
