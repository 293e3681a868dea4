/**
 * `lets listing`: publish, edit or withdraw an offer or a want in a community's marketplace. The
 * listing is a note in your own account's input of a transaction only you can sign
 * (docs/marketplace.md); its id is the id of that input's box.
 */
import { accountPaysFee } from "../../../client/lets-over-http.ts";
import { CATEGORIES, checkId32, DEFAULT_FEE, LISTING_VAR, type ListingNote } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { asUsage, joinNegativeDegrees, listingOf, type ListingFlags } from "./market-options.ts";
import { quoted } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

const OPS = ["publish", "edit", "withdraw"] as const;
type Op = (typeof OPS)[number];

const listingOptions = {
  community: { type: "string" }, account: { type: "string" }, id: { type: "string" },
  kind: { type: "string" }, title: { type: "string" }, description: { type: "string" }, category: { type: "string" },
  price: { type: "string" }, "from-price": { type: "string" }, negotiable: { type: "boolean" },
  lat: { type: "string" }, lon: { type: "string" }, place: { type: "string" }, contact: { type: "string" },
  "expiry-height": { type: "string" }, "expires-in": { type: "string" },
} as const;

/** What the flags ask for, before the chain is read (the id and the op's own flags checked). */
function opOf(args: readonly string[]): { op: Op; rest: string[] } {
  const [op, ...rest] = args;
  if (!(OPS as readonly string[]).includes(op ?? "")) throw new CliError(`say what to do: lets listing ${OPS.join("|")} ... (got ${op === undefined ? "nothing" : `'${op}'`})`, ExitCode.usage);
  return { op: op as Op, rest };
}

/** `lets listing` */
export const listingCommand: Command = {
  summary: "publish, edit or withdraw an offer or a want in a community's marketplace",
  usage: `lets listing publish --community ID --kind offer|want --title T --category C (--price N | --from-price N | --negotiable) [fields] [key]
       lets listing edit --community ID --id LISTING (the same fields: the listing as it should now be) [key]
       lets listing withdraw --community ID --id LISTING [key]

  --kind offer|want       what you offer, or what you want
  --title T               at most 80 characters
  --description D         at most 1,000 characters
  --category C            one of ${CATEGORIES.join(", ")}
  --price N               a fixed price in the community's units (e.g. 12.50)
  --from-price N          N or more; --negotiable: agreed, or what the payer thinks after delivery
  --lat N --lon N         where (degrees, at most 6 decimals); --place NAME names it (80 characters)
  --contact C             how to reach you besides the wallet: at most 120 characters
  --expires-in B          blocks until it leaves search (default 21600: 30 days of 2-minute blocks)
  --expiry-height H       or the height after which it leaves search
  --id LISTING            the listing (64 hex digits), as 'publish' printed it
  --account ID            your account, when your address owns several in this community
${commonUsage}

  A listing is public and stays on the chain; an edit replaces it whole, a withdrawal takes it
  out of search. Only its author's key can edit or withdraw it. The fee (${formatErg(DEFAULT_FEE)}) comes
  from your account's fee reserve while it lasts, else from your wallet; the balance does not change.
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const { op, rest } = opOf(args);
    const values = parseActionArgs(joinNegativeDegrees(rest), listingOptions);
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    const id = op === "publish" ? undefined : values.id === undefined ? undefined : asUsage(() => checkId32("--id: listing id", values.id));
    if (op === "publish" && values.id !== undefined) throw new CliError("publish makes a new listing: its id is given to it; --id is for edit and withdraw", ExitCode.usage);
    if (op !== "publish" && id === undefined) throw new CliError(`--id is required: the listing to ${op}`, ExitCode.usage);
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const { metadata } = view.community;
      session.units = unitFormat(metadata);
      const account = ownAccount(view, key, accountId);
      const height = await session.lets.node.height();
      const note: ListingNote =
        op === "withdraw" ? { op, id: id! } : op === "edit" ? { op, id: id!, listing: listingOf(values as ListingFlags, metadata, height) } : { op, listing: listingOf(values as ListingFlags, metadata, height) };
      const feeFrom = accountPaysFee(account) ? "account's fee reserve" : "wallet";
      session.info(`${op === "publish" ? "Publishing a listing" : op === "edit" ? `Editing listing ${id}` : `Withdrawing listing ${id}`} from account ${account.accountId}; it is public. The fee comes from your ${feeFrom}.`);
      const { unsigned, submitted } = await session.execute(key, await session.lets.planTopUp(key, account, { market: { listing: note } }));
      const listingId = id ?? unsigned.inputs.find((i) => i.extension?.[LISTING_VAR] !== undefined)!.boxId;
      if (!submitted) return ExitCode.ok;
      const title = note.op === "withdraw" ? [] : [`  ${note.listing.kind} ${quoted(note.listing.title)} in ${note.listing.category}, until height ${note.listing.expiryHeight}`];
      session.result([`listing ${listingId} ${op === "publish" ? "published" : op === "edit" ? "edited" : "withdrawn"}`, ...title, sentLine(submitted.id)], {
        txId: submitted.id, communityId, accountId: account.accountId, listingId, op, ...(note.op === "withdraw" ? {} : { listing: note.listing }),
      });
      return ExitCode.ok;
    });
  },
};
