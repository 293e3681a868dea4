/**
 * A simulation on a real node (`--node URL`, e.g. an Ergo testnet node): nothing is mined on
 * demand, so sealing a simulated block waits until the node's chain has grown to the height asked
 * and none of the simulator's transactions is still in its mempool. Keys come from the mnemonic the
 * author funded: its EIP-3 address 0 funds everyone, members use addresses 1, 2, 3, ...
 */
import { Network } from "@fleet-sdk/core";
import type { SignedTransaction } from "@fleet-sdk/common";
import { NodeClient } from "../../../ergo/node-client.ts";
import { HttpDriver } from "./http-driver.ts";
import { KeyChain } from "../../../ergo/keys.ts";
import { ScriptsError } from "../../errors.ts";

/** The node is not one the simulator will spend on. */
export class UnsupportedNode extends ScriptsError {
  constructor(readonly nodeUrl: string, readonly network: string) {
    super(`${nodeUrl} is a ${network} node: lets simulate spends real ERG on every payment, so it runs only on testnet nodes and its own devnet`);
  }
}

export class NodeDriver extends HttpDriver {
  readonly kind = "node";
  private readonly pending = new Set<string>();

  private constructor(nodeUrl: string, keys: KeyChain, private readonly pollMs: number) {
    super(nodeUrl, keys, 1);
  }

  /** Connects to `nodeUrl` (refusing mainnet) with the keys of `mnemonic`. */
  static async connect(nodeUrl: string, mnemonic: string, pollMs = 2_000): Promise<NodeDriver> {
    const info = await new NodeClient(nodeUrl).info();
    const network = (info.network ?? "testnet").toLowerCase();
    if (network === "mainnet") throw new UnsupportedNode(nodeUrl, network);
    const driver = new NodeDriver(nodeUrl, new KeyChain(mnemonic, Network.Testnet), pollMs);
    await driver.refresh();
    return driver;
  }

  override async submit(signed: SignedTransaction): Promise<string> {
    const id = await super.submit(signed);
    this.pending.add(id);
    return id;
  }

  /** Waits for the node: tip at `height` or more, and none of our transactions left in its mempool. */
  async mineTo(height: number): Promise<void> {
    for (;;) {
      await this.refresh();
      if (this.tipHeight >= height) {
        const pooled = new Set(await this.node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds"));
        for (const id of this.pending) if (!pooled.has(id)) this.pending.delete(id);
        if (this.pending.size === 0) return;
      }
      await new Promise((done) => setTimeout(done, this.pollMs));
    }
  }

  async close(): Promise<void> {}
}
