/**
 * ERG loans from the wallet side on a real devnet (docs/loans.md, docs/web.md "Loans"): the bank
 * offers (`prepareOfferLoan`), an investor funds, the business draws by height, anyone repays, and
 * the claim before grace and the early release are refused in words before anything is signed; once
 * the grace is over the investor claims from the bond and the bank releases it; a second offer is
 * cancelled by its bank alone. Each transaction is signed by the development
 * wallet and accepted by the node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { signAndSubmit } from "./actions.ts";
import { createDevContext, type DevErgoLib } from "./dev/context.ts";
import {
  liveLoan, LoanActionRefused, LoanNotLive, LoanOfferRefused, loanState, prepareCancelLoan, prepareClaim, prepareDraw, prepareFund, prepareOfferLoan, prepareRelease,
  prepareRepay, type LoanOfferRequest,
} from "./loans.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;
const ERG = 1_000_000_000n;
const [bankIx, businessIx, investorIx] = [0, 1, 2];
let wallets: { wallet: ConnectedWallet; address: string }[] = [];

function devWallet(index: number) {
  const { address, secretKey } = devAccount(index);
  const context = createDevContext({ account: { index, address, secretKey }, node, loadErgoLib: async () => ergoLib as unknown as DevErgoLib, confirm: async () => true });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), address };
}
const wallet = (index: number) => wallets[index]!.wallet;
const mine = async (blocks = 1) => {
  for (let k = 0; k < blocks; k++) await fetch(`${devnet.url}/devnet/mine`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
};

const request = (): LoanOfferRequest => ({
  businessAddress: wallets[businessIx]!.address,
  principalNanoErg: 2n * ERG,
  trancheCount: 2,
  trancheEveryBlocks: 0n,
  rateBasisPoints: 1_000n,
  instalmentCount: 2,
  everyBlocks: 10n,
  graceBlocks: 4n,
  bondNanoErg: 2n * ERG,
});

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  wallets = [devWallet(bankIx), devWallet(businessIx), devWallet(investorIx)];
  await mine();
}, 120_000);
afterAll(async () => devnet?.close());

describe("a loan from the wallet", () => {
  let loanId = "";

  it("refuses a bad offer in words, then the bank offers", async () => {
    await expect(prepareOfferLoan(wallet(bankIx), { ...request(), businessAddress: "not-an-address" })).rejects.toThrow(/cannot offer this loan: the business's address is not a single-key Ergo address/);
    await expect(prepareOfferLoan(wallet(bankIx), { ...request(), businessAddress: wallets[bankIx]!.address })).rejects.toThrow(/the business is another key than the bank's/);
    await expect(prepareOfferLoan(wallet(bankIx), { ...request(), trancheCount: 13 })).rejects.toBeInstanceOf(LoanOfferRefused);
    await expect(prepareOfferLoan(wallet(bankIx), { ...request(), bondNanoErg: 0n })).rejects.toThrow(/the bond is positive/);
    const offered = await prepareOfferLoan(wallet(bankIx), request());
    expect(offered.tranches.map((t) => t.amountNanoErg)).toEqual([ERG, ERG]);
    await signAndSubmit(wallet(bankIx), offered.unsigned);
    await mine();
    loanId = offered.loanId;
    const loan = await liveLoan(node, loanId);
    expect([loan.investor, loan.drawn, loan.bank]).toEqual([null, 0, ownerFromAddress(wallets[bankIx]!.address)]);
  });

  it("refuses a draw before funding and a release by another key, then the investor funds", async () => {
    await expect(prepareDraw(wallet(businessIx), node, loanId)).rejects.toThrow("cannot draw a tranche: nobody funded it yet");
    await expect(prepareRelease(wallet(investorIx), node, loanId)).rejects.toThrow("cannot release the bond: only the bank releases its bond");
    await expect(prepareRelease(wallet(bankIx), node, loanId)).rejects.toThrow("cannot release the bond: nobody funded it: cancel it instead");
    await signAndSubmit(wallet(investorIx), await prepareFund(wallet(investorIx), node, loanId));
    await mine();
    await expect(prepareFund(wallet(bankIx), node, loanId)).rejects.toThrow("cannot fund this loan: it is funded already");
    await expect(prepareCancelLoan(wallet(bankIx), node, loanId)).rejects.toThrow(/cannot cancel this loan: an investor funded it/);
    expect((await liveLoan(node, loanId)).investor).toBe(ownerFromAddress(wallets[investorIx]!.address));
  });

  it("lets the business alone draw its unlocked tranche", async () => {
    await expect(prepareDraw(wallet(investorIx), node, loanId)).rejects.toThrow("cannot draw a tranche: only the business draws its tranches");
    await signAndSubmit(wallet(businessIx), await prepareDraw(wallet(businessIx), node, loanId));
    await mine();
    expect((await liveLoan(node, loanId)).drawn).toBe(1);
  });

  it("repays what the next instalment needs by default, and refuses more than is owed", async () => {
    const { options } = await loanState(wallet(businessIx), node, loanId);
    const first = (await liveLoan(node, loanId)).instalments[0]!.amountNanoErg;
    expect(options.repayDefaultNanoErg).toBe(first);
    await expect(prepareRepay(wallet(businessIx), node, loanId, options.outstandingNanoErg + 1n)).rejects.toThrow(/cannot repay: the loan owes 2\.\d+ ERG; 2\.\d+ ERG is more/);
    await expect(prepareRepay(wallet(businessIx), node, loanId, 1_000n)).rejects.toThrow("cannot repay: a repayment is at least 0.001 ERG");
    await signAndSubmit(wallet(businessIx), await prepareRepay(wallet(businessIx), node, loanId));
    await mine();
    expect((await liveLoan(node, loanId)).repaidNanoErg).toBe(first);
  });

  it("refuses the claim before the grace is over and the early release, each in words", async () => {
    await expect(prepareClaim(wallet(businessIx), node, loanId)).rejects.toThrow("cannot claim from the bond: only the investor claims from the bond");
    await expect(prepareClaim(wallet(investorIx), node, loanId)).rejects.toThrow("cannot claim from the bond: no instalment is missed past its grace");
    const loan = await liveLoan(node, loanId);
    const second = loan.instalments[1]!;
    const tip = await node.height();
    await mine(Number(second.dueHeight) - tip - 1);
    const refusal = prepareClaim(wallet(investorIx), node, loanId);
    await expect(refusal).rejects.toBeInstanceOf(LoanActionRefused);
    await expect(refusal).rejects.toThrow(new RegExp(`cannot claim from the bond: 1\\.\\d+ ERG is missed but still in grace: it may be claimed from height ${second.dueHeight + 5n}, and the next block is ${second.dueHeight}`));
    await expect(prepareRelease(wallet(bankIx), node, loanId)).rejects.toThrow(/cannot release the bond: 1\.\d+ ERG of 2\.\d+ ERG is repaid or claimed; the bond is released once all is, or from height \d+ \(the next block is \d+\)/);
  });

  it("lets the investor claim the missed instalment once its grace is over, and then the bank release its bond", async () => {
    const loan = await liveLoan(node, loanId);
    const second = loan.instalments[1]!;
    await mine(Number(second.dueHeight + loan.graceBlocks) - (await node.height()));
    const { options } = await loanState(wallet(investorIx), node, loanId);
    expect(options.claimableNanoErg).toBe(second.amountNanoErg);
    expect(options.refused.claim).toBeUndefined();
    await expect(prepareClaim(wallet(investorIx), node, loanId, second.amountNanoErg + 1n)).rejects.toThrow(/cannot claim from the bond: 1\.\d+ ERG may be claimed now; 1\.\d+ ERG cannot/);
    await signAndSubmit(wallet(investorIx), await prepareClaim(wallet(investorIx), node, loanId));
    await mine();
    expect((await liveLoan(node, loanId)).claimedNanoErg).toBe(second.amountNanoErg);
    await signAndSubmit(wallet(bankIx), await prepareRelease(wallet(bankIx), node, loanId));
    await mine();
    await expect(liveLoan(node, loanId)).rejects.toBeInstanceOf(LoanNotLive);
  });

  it("lets the bank alone cancel an offer nobody funded", async () => {
    const offered = await prepareOfferLoan(wallet(bankIx), request());
    await signAndSubmit(wallet(bankIx), offered.unsigned);
    await mine();
    await expect(prepareCancelLoan(wallet(businessIx), node, offered.loanId)).rejects.toThrow("cannot cancel this loan: only the bank cancels its offer");
    await signAndSubmit(wallet(bankIx), await prepareCancelLoan(wallet(bankIx), node, offered.loanId));
    await mine();
    await expect(liveLoan(node, offered.loanId)).rejects.toBeInstanceOf(LoanNotLive);
  });
});
