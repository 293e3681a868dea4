/**
 * The marketplace's notes from the web wallet, on a real devnet (in this process, blocks on
 * demand), signed by the development wallet's EIP-12 context and validated by the node: a listing
 * read from the form's fields published on the member's own account input (its id the box spent),
 * then edited and withdrawn, a shop set, a payment carrying the listing's id, and its review; each
 * read back from the mined transaction's input with the codecs the indexer uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { decodeAccount, type Account } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { readMarketNotes } from "$contracts/market/market-notes.ts";
import { testPolicy } from "$contracts/testing/policy.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import type { NodeInput } from "$ergo/types.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { readListing, readReview, readShop } from "../market/forms.ts";
import { prepareCreate, prepareJoin, preparePaymentFor, signAndSubmit } from "./actions.ts";
import { createDevContext } from "./dev/context.ts";
import { prepareTopUp, type AccountChange } from "./top-up.ts";
import { ConnectedWallet } from "./wallet.ts";

let devnet: Devnet;
let node: NodeClient;
let communityId: string;

function devWallet(index: number): { wallet: ConnectedWallet; address: string } {
  const { address, secretKey } = devAccount(index);
  const context = createDevContext({ account: { index, address, secretKey }, node, loadErgoLib: async () => ergoLib as never, confirm: async () => true });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), address };
}

const mine = () => node.request("POST", "/devnet/mine", { blocks: 1 });
async function accountOf(address: string): Promise<Account> {
  const owner = ownerFromAddress(address);
  const found = (await node.unspentByTokenId(communityId)).map(decodeAccount).flatMap((d) => (d.ok && d.value.owner === owner ? [d.value] : []));
  if (!found[0]) throw new Error(`${address} has no account`);
  return found[0];
}

/** Signs and mines `change` on `member`'s account; answers the notes of its account input and the box it spent. */
async function sendNote(member: ReturnType<typeof devWallet>, change: AccountChange) {
  const account = await accountOf(member.address);
  const prepared = await prepareTopUp(member.wallet, node, communityId, account.accountId, change);
  const txId = await signAndSubmit(member.wallet, prepared.unsigned);
  await mine();
  const mined = await node.transaction(txId, await node.height());
  const input = mined!.tx.inputs.find((i) => i.boxId === prepared.account.boxId) as NodeInput;
  return { notes: readMarketNotes(input.spendingProof.extension), spent: prepared.account.boxId, txId };
}

let alice: ReturnType<typeof devWallet>;
let bob: ReturnType<typeof devWallet>;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  await mine();
  const committee = devWallet(0);
  const created = await prepareCreate(committee.wallet, {
    policy: testPolicy({ creditLimit: 50_000n, positiveCap: 0n, joinFeeNanoErg: 100_000_000n, collateralNanoErg: 1_000_000_000n, inactivityBlocks: 0n }),
    metadata: { name: "Market Tokens", symbol: "MKT", description: "web market notes spec", decimals: 2 },
    committee: committeeFromKeys([devAccount(0).publicKey], 1),
  });
  await signAndSubmit(committee.wallet, created.unsigned);
  communityId = created.communityId;
  await mine();
  [alice, bob] = [devWallet(1), devWallet(2)];
  for (const member of [alice, bob]) await signAndSubmit(member.wallet, (await prepareJoin(member.wallet, node, communityId)).unsigned);
  await mine();
}, 120_000);
afterAll(async () => devnet?.close());

const FIELDS = { kind: "offer", title: "Sourdough", description: "", category: "food", priceType: "fixed", price: "12.50", lat: "", lon: "", place: "", contact: "", days: "7" };

describe("marketplace notes from the web wallet", () => {
  let listingId: string;

  it("publishes a listing read from the form, on the member's own input; its id is the account box spent", async () => {
    const read = readListing(FIELDS, { decimals: 2 }, await node.height());
    if (!("value" in read)) throw new Error(JSON.stringify(read.errors));
    const { notes, spent } = await sendNote(alice, { market: { listing: { op: "publish", listing: read.value } } });
    expect(notes).toEqual({ listing: { op: "publish", listing: read.value }, problems: [] });
    listingId = spent;
  });

  it("edits and withdraws it under the same key", async () => {
    const read = readListing({ ...FIELDS, price: "11" }, { decimals: 2 }, await node.height());
    if (!("value" in read)) throw new Error(JSON.stringify(read.errors));
    expect((await sendNote(alice, { market: { listing: { op: "edit", id: listingId, listing: read.value } } })).notes.listing).toEqual({ op: "edit", id: listingId, listing: read.value });
    expect((await sendNote(alice, { market: { listing: { op: "withdraw", id: listingId } } })).notes.listing).toEqual({ op: "withdraw", id: listingId });
  });

  it("sets a shop read from the form", async () => {
    const read = readShop({ name: "Bob's Bikes", address: "2 Quay St", lat: "-41.2865", lon: "174.7762", hours: "", accepts: "" });
    if (!("value" in read)) throw new Error(JSON.stringify(read.errors));
    expect((await sendNote(bob, { market: { shop: { op: "set", shop: read.value } } })).notes).toEqual({ shop: { op: "set", shop: read.value }, problems: [] });
  });

  it("pays for a listing (its id on the payer's input) and reviews that payment", async () => {
    const [payer, payee] = [await accountOf(bob.address), await accountOf(alice.address)];
    const intent = { communityId, payerAccountId: payer.accountId, payeeAccountId: payee.accountId, amountUnits: 1_250n, listingId };
    const prepared = await preparePaymentFor(bob.wallet, node, intent);
    const paymentTxId = await signAndSubmit(bob.wallet, prepared.unsigned);
    await mine();
    const mined = await node.transaction(paymentTxId, await node.height());
    const input = mined!.tx.inputs.find((i) => i.boxId === payer.boxId) as NodeInput;
    expect(readMarketNotes(input.spendingProof.extension).listingRef).toBe(listingId);

    const review = readReview({ rating: "5", text: "Still warm" }, paymentTxId, payee.accountId);
    if (!("value" in review)) throw new Error(JSON.stringify(review.errors));
    expect((await sendNote(bob, { market: { review: review.value } })).notes.review).toEqual({ payment: paymentTxId, payee: payee.accountId, rating: 5, text: "Still warm" });
  });

  it("refuses a listing that expired before the wallet is asked", async () => {
    const listing = { kind: "want" as const, title: "Eggs", category: "food" as const, price: { type: "negotiable" as const }, expiryHeight: 1 };
    const account = await accountOf(alice.address);
    await expect(prepareTopUp(alice.wallet, node, communityId, account.accountId, { market: { listing: { op: "publish", listing } } })).rejects.toBeInstanceOf(InvalidIntent);
  });
});
