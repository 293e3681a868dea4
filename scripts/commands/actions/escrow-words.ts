/** Escrows and their orders in words and in JSON for `lets escrow`, and its refusals in the community's units. */
import { CreditLimitExceeded, type CommunityMetadata } from "../../../contracts/index.ts";
import { OrderExceedsCommitment } from "../../../contracts/errors.ts";
import { GRACE_BLOCKS, orderPhase, type Escrow, type OpenOrder } from "../../../contracts/escrow/escrow.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import type { Identity, KeyHolder } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg } from "./amounts.ts";
import { ownerAddressOrHex, unitFormat } from "./describe.ts";
import type { UnitFormat } from "./errors.ts";
import { blocksFromNow, heightInWords, type EscrowState } from "./escrow-state.ts";
import type { Session } from "./session.ts";

const short = (id: string): string => `${id.slice(0, 8)}…`;

/** Who holds an account, in words: "3WxYz…'s account 3f2a1b0c…" (the account alone when it is gone). */
function accountInWords(state: EscrowState, accountId: string, network: NetworkName): string {
  const account = state.view.accounts.find((a) => a.accountId === accountId);
  return account ? `${ownerAddressOrHex(account.owner, network)}'s account ${short(accountId)}` : `account ${short(accountId)}`;
}

/** An open order in words, as of the tip: what is committed to whom and when the payee may claim. */
export function orderInWords(order: OpenOrder, state: EscrowState, units: UnitFormat, network: NetworkName): string {
  const committed = `${units(order.max)} committed to ${accountInWords(state, order.payeeId, network)}`;
  const tip = BigInt(state.tipHeight);
  const phase = orderPhase(order, tip + 1n);
  if (phase === "open") {
    const claim = order.minimum === 0n ? "nothing claimable by the payee" : `at least ${units(order.minimum)} claimable`;
    return `${committed}, ${claim} after block ${heightInWords(order.deadline)} (in ${blocksFromNow(order.deadline - tip)})`;
  }
  if (phase === "claimable") return `${committed}; the deadline (block ${heightInWords(order.deadline)}) has passed: anyone may settle it at the minimum of ${units(order.minimum)}`;
  return `${committed}; past the deadline (block ${heightInWords(order.deadline)}) and its ${GRACE_BLOCKS} blocks of grace: the payer may release any amount`;
}

/** One escrow in words: its id, deposit and order (or idle). */
export function escrowInWords(escrow: Escrow, state: EscrowState, units: UnitFormat, network: NetworkName): string[] {
  const head = `escrow ${escrow.escrowId} (box ${escrow.boxId}), deposit ${formatErg(escrow.depositNanoErg)}`;
  if (!escrow.order) return [head, "  idle: no open order"];
  return [head, `  order ${escrow.boxId}: ${orderInWords(escrow.order, state, units, network)}`, ...(escrow.order.reference ? [`  reference ${escrow.order.reference}`] : [])];
}

/** An escrow in JSON: amounts as decimal strings; the order's id is the open box's id. */
export const escrowJson = (e: Escrow, tipHeight?: number) => ({
  escrowId: e.escrowId,
  boxId: e.boxId,
  communityId: e.communityId,
  owner: e.owner,
  balance: e.balance.toString(),
  depositNanoErg: e.depositNanoErg.toString(),
  order: e.order
    ? {
        orderId: e.boxId,
        payerId: e.order.payerId,
        payeeId: e.order.payeeId,
        max: e.order.max.toString(),
        minimum: e.order.minimum.toString(),
        deadline: e.order.deadline.toString(),
        reference: e.order.reference,
        ...(tipHeight === undefined ? {} : { phase: orderPhase(e.order, BigInt(tipHeight) + 1n) }),
      }
    : null,
});

/** The builders' escrow refusals as one line in the community's units (other errors unchanged). */
export function escrowRefusal(error: unknown, metadata: CommunityMetadata | undefined): unknown {
  const units = metadata ? unitFormat(metadata) : (u: bigint) => `${u} units`;
  const refuse = (text: string) => new CliError(`refused before signing: ${text}`, ExitCode.failure, { cause: error });
  if (error instanceof OrderExceedsCommitment) return refuse(`the order commits ${units(error.committed)}: ${units(error.attempted)} cannot be released, at most what was committed`);
  if (error instanceof CreditLimitExceeded) {
    return refuse(`committing would take account ${error.accountId} to ${units(error.attempted)}, below its credit limit of ${units(-error.limit)}`);
  }
  return error;
}

/** A subcommand's work: the key (undefined only for a read), and `known` to say the community once read. */
export type EscrowAction = (key: Identity | KeyHolder, known: (metadata: CommunityMetadata) => void) => Promise<number>;

/** Runs `action` in the session, the escrow refusals as one line each in the community's units. */
export function runEscrow(session: Session, keyUse: "required" | "optional", action: EscrowAction): Promise<number> {
  let metadata: CommunityMetadata | undefined;
  const guarded = async (key: Identity | KeyHolder) => {
    try {
      return await action(key, (m) => {
        metadata = m;
        session.units = unitFormat(m);
      });
    } catch (error) {
      throw escrowRefusal(error, metadata);
    }
  };
  // A read passes no key when none is given: its action must not rely on one.
  return keyUse === "required" ? session.run("required", guarded) : session.run("optional", (key) => guarded(key as Identity));
}
