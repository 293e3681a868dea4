/**
 * `lets shop`: say your account is a shop (name, address, place on the map, opening hours, other
 * communities' currencies you take), or close it. A note in your own signed input; the newest one
 * counts (docs/marketplace.md, "Shops and the map").
 */
import { accountPaysFee } from "../../../client/lets-over-http.ts";
import { DEFAULT_FEE, type ShopNote } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { joinNegativeDegrees, shopOf } from "./market-options.ts";
import { quoted } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

const shopOptions = {
  community: { type: "string" }, account: { type: "string" }, name: { type: "string" }, street: { type: "string" },
  lat: { type: "string" }, lon: { type: "string" }, hours: { type: "string" }, accepts: { type: "string" },
} as const;

/** `lets shop` */
export const shopCommand: Command = {
  summary: "mark your account as a shop on the community's map, or close it",
  usage: `lets shop set --community ID --name N --street A --lat N --lon N [--hours H] [--accepts ID,ID] [key]
       lets shop close --community ID [key]

  --name N                the shop's name: at most 60 characters
  --street A              its street address: at most 160 characters
  --lat N --lon N         its place on the map (degrees, at most 6 decimals)
  --hours H               opening hours in words ("Mon-Sat 9-18"): at most 160 characters
  --accepts ID,ID         other communities whose currency you also take (at most 10); the shop shows
                          on their maps where your key holds an account there
  --account ID            your account, when your address owns several in this community
${commonUsage}

  A shop is public and stays on the chain; 'set' again replaces it. The fee (${formatErg(DEFAULT_FEE)}) comes
  from your account's fee reserve while it lasts, else from your wallet.
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const [op, ...rest] = args;
    if (op !== "set" && op !== "close") throw new CliError(`say what to do: lets shop set|close ... (got ${op === undefined ? "nothing" : `'${op}'`})`, ExitCode.usage);
    const values = parseActionArgs(joinNegativeDegrees(rest), shopOptions);
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    const note: ShopNote = op === "close" ? { op } : { op, shop: shopOf(values) };
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      session.units = unitFormat(view.community.metadata);
      const account = ownAccount(view, key, accountId);
      const feeFrom = accountPaysFee(account) ? "account's fee reserve" : "wallet";
      session.info(`${op === "set" ? "Setting the shop of" : "Closing the shop of"} account ${account.accountId}; it is public. The fee comes from your ${feeFrom}.`);
      const { submitted } = await session.execute(key, await session.lets.planTopUp(key, account, { market: { shop: note } }));
      if (!submitted) return ExitCode.ok;
      const line = note.op === "set" ? `shop ${quoted(note.shop.name)} set at ${note.shop.lat}, ${note.shop.lon}` : "shop closed";
      session.result([line, sentLine(submitted.id)], { txId: submitted.id, communityId, accountId: account.accountId, shop: note });
      return ExitCode.ok;
    });
  },
};
