/** `lets show`: a community (rules, committee, treasury, members, balances) or accounts. */
import { CliError, ExitCode, type Command } from "../command.ts";
import { parseAddress } from "../keys.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { accountLine, communityInWords, unitFormat } from "./describe.ts";
import { DEFAULT_NODE, idOption, isId, parseActionArgs, urlOption } from "./options.ts";
import { Session } from "./session.ts";
import { showFromIndexer, showFromNode, type AccountSelector, type Shown } from "./show-sources.ts";

/** The human lines of what is shown. */
function inWords(shown: Shown, network: NetworkName): string[] {
  if ("community" in shown) {
    const units = unitFormat(shown.community.metadata);
    const orders = shown.community.policy.economics ? "" : ", next order";
    const title = shown.accounts.length === 0 ? "No matching account." : `Accounts (balance, credit left, owner, id${orders}):`;
    return [...communityInWords(shown.community, network), title, ...shown.accounts.map((a) => accountLine(a, units))];
  }
  if (shown.accounts.length === 0) return ["No accounts."];
  return shown.communities.flatMap((community) => {
    const units = unitFormat(community.metadata);
    const accounts = shown.accounts.filter((a) => a.communityId === community.communityId);
    return [`${community.metadata.name} (${community.metadata.symbol})  community ${community.communityId}`, ...accounts.map((a) => accountLine(a, units))];
  });
}

/** `lets show` */
export const showCommand: Command = {
  summary: "show a community (rules, members, balances) or accounts; reads the node or an indexer",
  usage: `lets show --community ID [--account ACCOUNT_ID|ADDRESS | key option] [options]
       lets show --account ACCOUNT_ID|ADDRESS --indexer URL

  --community ID          the community (its token id): its rules, committee, treasury and accounts
  --account X             only this account (an account id) or this owner's accounts (an address);
                          (or, with a key option instead, that key's accounts)
  --indexer URL           read from an indexer's REST API (e.g. http://127.0.0.1:8080) instead of
                          the node: closed accounts too, and accounts without --community
  --json                  the community and accounts as JSON, as the indexer API shapes them
  --node URL              Ergo node REST API (default $ERGO_NODE_URL, else ${DEFAULT_NODE})
  --network NAME          devnet|testnet|mainnet, for addresses (default $LETS_NETWORK, else devnet)

  Balances read from the node include transactions still in its mempool.
  Exit codes: 0 shown, 1 not found or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" }, account: { type: "string" }, indexer: { type: "string" } });
    if (values.unsigned) throw new CliError("show reads; it has no transaction to print (--unsigned)", ExitCode.usage);
    const session = new Session(values);
    const communityId = values.community === undefined ? undefined : idOption("community", values.community);
    const indexer = values.indexer === undefined ? undefined : urlOption("indexer", values.indexer);
    const account = values.account;
    let select: AccountSelector = { kind: "all" };
    if (account !== undefined) {
      select = isId(account) ? { kind: "id", accountId: account.toLowerCase() } : { kind: "owner", ...parseAddress(account, session.network, "--account") };
    }
    if (communityId === undefined && (select.kind === "all" || indexer === undefined)) {
      const need = select.kind === "all" ? "--community ID, or --account with --indexer URL" : "--community ID (the node finds accounts only within a community), or --indexer URL";
      throw new CliError(`show what? give ${need}`, ExitCode.usage);
    }
    // Reading an indexer needs no node.
    session.checksNode = indexer === undefined;
    return session.run("optional", async (key) => {
      if (key && select.kind === "all") select = { kind: "owner", address: key.address, publicKey: key.publicKey };
      else if (key) throw new CliError("give either --account or a key option, not both", ExitCode.usage);
      const shown = indexer
        ? await showFromIndexer(indexer, communityId, select, session.network)
        : await showFromNode(session.lets, communityId!, select, session.network);
      session.result(inWords(shown, session.network), shown);
      return ExitCode.ok;
    });
  },
};
