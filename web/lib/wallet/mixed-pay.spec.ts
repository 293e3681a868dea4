/**
 * A mixed payment from the wallet side on a real devnet: the pay screen's `preparePaymentFor` with
 * an ERG part takes the ERG and the fee from the development wallet, which signs; the node accepts
 * it, and the payee's owner holds the ERG. A preview (no wallet funds) checks the ERG part but
 * leaves it out of the transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { prepareCreate, prepareJoin, preparePayment, preparePaymentFor, signAndSubmit } from "./actions.ts";
import { createDevContext, type DevErgoLib } from "./dev/context.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;

function devWallet(index: number) {
  const { address, secretKey, ergoTree } = devAccount(index);
  const asked: EIP12UnsignedTransaction[] = [];
  const context = createDevContext({
    account: { index, address, secretKey },
    node,
    loadErgoLib: async () => ergoLib as unknown as DevErgoLib,
    confirm: async (tx) => (asked.push(tx), true),
  });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), address, ergoTree, asked };
}

const mine = () => fetch(`${devnet.url}/devnet/mine`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
const erg = async (address: string) => (await node.unspentByAddress(address)).reduce((sum, b) => sum + BigInt(b.value), 0n);

let communityId = "";
const [committee, alice, bob] = [0, 1, 2];
let wallets: ReturnType<typeof devWallet>[] = [];

const accountOf = async (address: string) => {
  const owner = ownerFromAddress(address);
  return (await node.unspentByTokenId(communityId)).map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value] : []))[0]!;
};

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  wallets = [devWallet(committee), devWallet(alice), devWallet(bob)];
  await mine();
  const created = await prepareCreate(wallets[committee]!.wallet, {
    policy: testPolicy({ creditLimit: 50_000n, positiveCap: 0n, inactivityBlocks: 0n }),
    metadata: { name: "Mixed Dollars", symbol: "MXD", description: "", decimals: 2 },
    committee: committeeFromKeys([devAccount(committee).publicKey], 1),
  });
  await signAndSubmit(wallets[committee]!.wallet, created.unsigned);
  communityId = created.communityId;
  await mine();
  for (const member of [wallets[alice]!, wallets[bob]!]) {
    await signAndSubmit(member.wallet, (await prepareJoin(member.wallet, node, communityId)).unsigned);
    await mine();
  }
});
afterAll(async () => devnet?.close());

describe("a mixed payment from the wallet", () => {
  it("pays 12.50 MXD and 1.5 ERG to bob in one transaction the node accepts", async () => {
    const [payer, payee] = [await accountOf(wallets[alice]!.address), await accountOf(wallets[bob]!.address)];
    const bobErg = await erg(wallets[bob]!.address);
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 1_250n, ergNanoErg: 1_500_000_000n };
    const prepared = await preparePaymentFor(wallets[alice]!.wallet, node, intent);
    expect(prepared.unsigned.outputs.filter((o) => o.ergoTree === wallets[bob]!.ergoTree).map((o) => [o.value, o.assets])).toEqual([["1500000000", []]]);
    await signAndSubmit(wallets[alice]!.wallet, prepared.unsigned);
    await mine();
    expect(await erg(wallets[bob]!.address)).toBe(bobErg + 1_500_000_000n);
    expect((await accountOf(wallets[bob]!.address)).balance).toBe(1_250n);
    expect((await accountOf(wallets[alice]!.address)).valueNanoErg).toBe(payer.valueNanoErg);
  });

  it("previews without wallet funds: the balances, no ERG output; an ERG part under 0.001 is refused", async () => {
    const [payer, payee] = [await accountOf(wallets[alice]!.address), await accountOf(wallets[bob]!.address)];
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 1n, ergNanoErg: 2_000_000_000n };
    const preview = await preparePayment(node, intent, await node.height());
    expect(preview.payeeBalanceAfter).toBe(payee.balance + 1n);
    expect(preview.unsigned.outputs.some((o) => o.ergoTree === wallets[bob]!.ergoTree)).toBe(false);
    await expect(preparePayment(node, { ...intent, ergNanoErg: 999_999n }, await node.height())).rejects.toThrow(InvalidIntent);
  });
});
