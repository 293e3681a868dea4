/**
 * The figures of an economics account, read from the box the indexer names (its id), decoded by
 * the contracts' decoder from the node: the account page says how its earned credit limit was
 * reached at the node's height. A node that does not answer leaves the page without them, saying so.
 */
import { decodeAccount } from "$contracts/account/account.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { toEip12Box } from "../wallet/eip12.ts";
import { accountEconomics, type AccountEconomics } from "../economics/account.ts";
import type { Units } from "../economics/words.ts";

/** What the account page shows of an account: nothing for a plain or closed one, the figures, or unavailable. */
export type AccountEconomicsRead = { kind: "none" } | { kind: "economics"; figures: AccountEconomics } | { kind: "unavailable" };

/**
 * The figures of the open account whose latest box is `boxId`, at the node's height: the box the
 * indexer last saw (a payment still in the mempool is not counted yet, as on the rest of the page).
 */
export async function accountEconomicsOf(node: NodeClient, boxId: string | null, units: Units): Promise<AccountEconomicsRead> {
  if (boxId === null) return { kind: "none" };
  try {
    const box = await node.box(boxId);
    if (!box) return { kind: "unavailable" };
    const decoded = decodeAccount(toEip12Box(box));
    if (!decoded.ok) return { kind: "unavailable" };
    // A plain account costs the page no second call.
    if (!decoded.value.terms.economics) return { kind: "none" };
    const figures = accountEconomics(decoded.value, BigInt(await node.height()), units);
    return figures ? { kind: "economics", figures } : { kind: "none" };
  } catch {
    return { kind: "unavailable" };
  }
}
