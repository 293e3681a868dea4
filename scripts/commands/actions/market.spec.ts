/**
 * `lets listing`, `lets review`, `lets shop` and `lets pay --listing` on a real devnet, in process:
 * each note lands in the signer's own account input of the mined transaction and reads back as
 * written; a listing's id is that input's box id; bad input is one line naming the flag and exit 2
 * before the node is asked (an unreachable node shows it), nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarketNotes, type MarketNotes } from "../../../contracts/index.ts";
import { testPolicy } from "../../../contracts/testing/policy.ts";
import { devAccount } from "../../../ergo/keys.ts";
import type { NodeTransaction } from "../../../ergo/types.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { LetsOverHttp, soleAccount, type KeyHolder } from "../../../client/lets-over-http.ts";
import { listingCommand } from "./listing.ts";
import { payCommand } from "./pay.ts";
import { reviewCommand } from "./review.ts";
import { shopCommand } from "./shop.ts";
import { runCommand } from "./testing.ts";

const [founder, alice, bob] = [devAccount(0), devAccount(1), devAccount(2)];
const METADATA = { name: "Market Units", symbol: "MU", description: "", decimals: 2 };
const NOWHERE = ["--node", "http://127.0.0.1:9"];
const ID = "ab".repeat(32);

describe("lets listing, review, shop and pay --listing on a devnet", () => {
  let devnet: Devnet;
  let client: LetsOverHttp;
  let communityId = "";
  const on = () => ["--node", devnet.url, "--community", communityId, "--json"];
  const account = async (holder: KeyHolder) => soleAccount(await client.community(communityId), holder);

  /** Mines the mempool and reads the marketplace notes of `boxId`'s input in transaction `txId`. */
  async function minedNotes(txId: string, boxId: string): Promise<MarketNotes> {
    const { blocks } = await client.node.request<{ blocks: string[] }>("POST", "/devnet/mine", { blocks: 1 });
    const { transactions } = await client.node.request<{ transactions: NodeTransaction[] }>("GET", `/blocks/${blocks[0]}/transactions`);
    const tx = transactions.find((t) => t.id === txId)!;
    return readMarketNotes(tx.inputs.find((i) => i.boxId === boxId)!.spendingProof.extension as Record<string, string>);
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    client = new LetsOverHttp(new NodeClient(devnet.url));
    communityId = (await client.createCommunity(founder, testPolicy({ creditLimit: 10_000n, positiveCap: 0n }), METADATA)).communityId;
    await client.node.request("POST", "/devnet/mine", { blocks: 1 });
    for (const member of [alice, bob]) await client.join(communityId, member);
    await client.node.request("POST", "/devnet/mine", { blocks: 1 });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("publishes, edits and withdraws a listing whose id is the author's spent account box", async () => {
    const box = (await account(alice)).boxId;
    const fields = ["--kind", "offer", "--title", " Bread ", "--category", "food", "--price", "12.50", "--lat", "-41.2865", "--lon", "174.7762", "--place", "Cuba St", "--expires-in", "100"];
    const run = await runCommand(listingCommand, ["publish", "--dev-account", "1", ...fields, ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const published = JSON.parse(run.stdout) as { txId: string; listingId: string; listing: { expiryHeight: number } };
    expect(published.listingId).toBe(box);
    const listing = { kind: "offer", title: "Bread", category: "food", price: { type: "fixed", units: "1250" }, location: { lat: -41.2865, lon: 174.7762, place: "Cuba St" }, expiryHeight: published.listing.expiryHeight };
    expect(await minedNotes(published.txId, box)).toEqual({ listing: { op: "publish", listing }, problems: [] });

    const next = (await account(alice)).boxId;
    const edit = await runCommand(listingCommand, ["edit", "--dev-account", "1", "--id", box, "--kind", "offer", "--title", "Bread", "--category", "food", "--negotiable", "--expiry-height", "9000", ...on()]);
    expect(edit.code, edit.stderr).toBe(0);
    const edited = JSON.parse(edit.stdout) as { txId: string; listingId: string };
    expect(edited.listingId).toBe(box);
    expect(await minedNotes(edited.txId, next)).toEqual({ listing: { op: "edit", id: box, listing: { kind: "offer", title: "Bread", category: "food", price: { type: "negotiable" }, expiryHeight: 9000 } }, problems: [] });

    const last = (await account(alice)).boxId;
    const withdraw = await runCommand(listingCommand, ["withdraw", "--dev-account", "1", "--id", box, ...on()]);
    expect(withdraw.code, withdraw.stderr).toBe(0);
    expect(await minedNotes((JSON.parse(withdraw.stdout) as { txId: string }).txId, last)).toEqual({ listing: { op: "withdraw", id: box }, problems: [] });
  });

  it("pays for a listing, then reviews the payment; sets a shop and closes it", async () => {
    const payer = (await account(bob)).boxId;
    const listingId = (await account(alice)).boxId;
    const pay = await runCommand(payCommand, ["--dev-account", "2", "--to", alice.address, "--amount", "3", "--listing", listingId.toUpperCase(), ...on()]);
    expect(pay.code, pay.stderr).toBe(0);
    const paid = JSON.parse(pay.stdout) as { txId: string; listingId: string };
    expect(paid.listingId).toBe(listingId);
    expect((await minedNotes(paid.txId, payer)).listingRef).toBe(listingId);

    const reviewer = (await account(bob)).boxId;
    const payee = (await account(alice)).accountId;
    const review = await runCommand(reviewCommand, ["--dev-account", "2", "--payment", paid.txId, "--payee", payee, "--rating", "5", "--text", "crusty", ...on()]);
    expect(review.code, review.stderr).toBe(0);
    expect((await minedNotes((JSON.parse(review.stdout) as { txId: string }).txId, reviewer)).review).toEqual({ payment: paid.txId, payee, rating: 5, text: "crusty" });

    const shopBox = (await account(alice)).boxId;
    const set = await runCommand(shopCommand, ["set", "--dev-account", "1", "--name", "Aroha's", "--street", "12 Cuba St", "--lat", "-41.2865", "--lon", "174.7762", "--accepts", `${"ff".repeat(32)},${"00".repeat(32)}`, ...on()]);
    expect(set.code, set.stderr).toBe(0);
    const shop = { name: "Aroha's", address: "12 Cuba St", lat: -41.2865, lon: 174.7762, accepts: ["00".repeat(32), "ff".repeat(32)] };
    expect((await minedNotes((JSON.parse(set.stdout) as { txId: string }).txId, shopBox)).shop).toEqual({ op: "set", shop });
    const closeBox = (await account(alice)).boxId;
    const close = await runCommand(shopCommand, ["close", "--dev-account", "1", ...on()]);
    expect(close.code, close.stderr).toBe(0);
    expect((await minedNotes((JSON.parse(close.stdout) as { txId: string }).txId, closeBox)).shop).toEqual({ op: "close" });
  });

  it("refuses bad input in one line naming the flag, before the node is asked", async () => {
    const community = ["--community", "cd".repeat(32), "--dev-account", "1", ...NOWHERE];
    const base = ["--kind", "offer", "--title", "Bread", "--category", "food", "--price", "1"];
    const cases: [typeof listingCommand, string[], string][] = [
      [listingCommand, [], "say what to do: lets listing publish|edit|withdraw ... (got nothing)"],
      [listingCommand, ["sell", ...community], "say what to do: lets listing publish|edit|withdraw ... (got 'sell')"],
      [listingCommand, ["edit", ...community, ...base], "--id is required: the listing to edit"],
      [listingCommand, ["withdraw", ...community, "--id", "xyz"], '--id: listing id is 64 hex digits, got "xyz"'],
      [listingCommand, ["publish", ...community, "--id", ID, ...base], "publish makes a new listing: its id is given to it; --id is for edit and withdraw"],
      [reviewCommand, [...community, "--payment", ID, "--payee", ID, "--rating", "6"], "--rating: rating is a whole number from 1 to 5, got 6"],
      [reviewCommand, [...community, "--payment", "12", "--payee", ID, "--rating", "4"], '--payment: payment is 64 hex digits, got "12"'],
      [shopCommand, ["set", ...community, "--name", "X", "--street", "Y"], "a shop needs its place on the map: --lat and --lon"],
      [shopCommand, ["set", ...community, "--name", "X", "--street", "Y", "--lat", "north", "--lon", "1"], "--lat must be a number of degrees such as -41.2865, got 'north'"],
      [shopCommand, ["open", ...community], "say what to do: lets shop set|close ... (got 'open')"],
      [payCommand, [...community, "--to", alice.address, "--amount", "1", "--listing", "12"], '--listing: listing id is 64 hex digits, got "12"'],
    ];
    for (const [command, args, message] of cases) {
      const run = await runCommand(command, args);
      expect(run.stderr.trim(), args.join(" ")).toBe(message);
      expect(run.code).toBe(2);
    }
  });
});
