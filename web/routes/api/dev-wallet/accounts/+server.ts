/**
 * `/api/dev-wallet/accounts`: the devnet's development accounts with their keys, for the
 * development wallet. Only a server on the devnet answers (anywhere else: 404), and the keys are
 * fetched at run time, never built into the app's JavaScript. They derive from the public
 * development mnemonic and hold only devnet ERG.
 */
import { error, json } from "@sveltejs/kit";
import { devAccounts } from "$ergo/keys.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = ({ locals }) => {
  if (locals.config.network !== "devnet") error(404, "Development accounts exist only on the devnet");
  const accounts = devAccounts().map(({ index, address, secretKey }) => ({ index, address, secretKey }));
  return json(accounts, { headers: { "cache-control": "no-store" } });
};
