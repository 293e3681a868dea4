/**
 * The trade lines' refusals of a cross payment in plain words, naming the communities (the
 * payer's and the payee's) rather than ids. Anything else goes to `explainError`.
 */
import { LineExposureExceeded, LineNotOpen, LinePaused, NoRoute } from "$contracts/errors.ts";
import { displayAmount } from "../amount.ts";
import { HopCapExceeded } from "./cross.ts";
import { explainError } from "./messages.ts";

/** A community as the words name it. */
export interface NamedUnits {
  communityId: string;
  name: string;
  symbol: string;
  decimals: number;
}

/** A sentence for the member about `error`, stopping a payment from `payer`'s community to `payee`'s. */
export function explainCrossError(error: unknown, payer: NamedUnits, payee: NamedUnits, others: readonly NamedUnits[] = []): string {
  const unitsOf = (id: string): NamedUnits =>
    [payer, payee, ...others].find((c) => c.communityId === id) ?? { communityId: id, name: `community ${id.slice(0, 8)}…`, symbol: "units", decimals: 0 };
  const nameOf = (id: string) => unitsOf(id).name;
  if (error instanceof NoRoute) {
    return `Refused before signing: no open trade line joins ${payer.name} to ${payee.name}, directly or through one other community, so this payment cannot cross.`;
  }
  if (error instanceof LinePaused) {
    return `Refused before signing: ${nameOf(error.pausedBy)} has paused payments into it on its trade line with ${nameOf(error.pausedBy) === payer.name ? payee.name : payer.name}; try again once its committee resumes the line.`;
  }
  if (error instanceof LineNotOpen) {
    const state = error.status === "proposed" ? "proposed, but the other committee has not accepted it yet" : error.status;
    return `Refused before signing: the trade line between ${payer.name} and ${payee.name} is ${state}, so it takes no payments.`;
  }
  if (error instanceof LineExposureExceeded) {
    // The cap protects the receiving community: its gateway may not go further below zero than the
    // cap (per shard), in its units. On a route of two lines the hop that hit it may be the second.
    const [sender, receiver] = error instanceof HopCapExceeded ? [unitsOf(error.senderCommunityId), unitsOf(error.receiverCommunityId)] : [payer, payee];
    const show = (v: bigint) => displayAmount(v, receiver.decimals, { symbol: receiver.symbol });
    return `Refused before signing: the trade line is at its cap. This payment would take ${possessiveOf(sender.name)} debt to ${receiver.name} on it to ${show(-error.attempted)}, past the ${show(error.capPerShard)} its committees agreed to${error.capPerShard > 0n ? " (per shard)" : ""}. Try a smaller amount, or wait until payments come back the other way.`;
  }
  return explainError(error, payer);
}

const possessiveOf = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`);
