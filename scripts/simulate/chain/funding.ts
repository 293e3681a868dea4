/** Funding transactions: the funder sends each new member the ERG its join, collateral and fees need. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { InsufficientFunds, MIN_BOX_VALUE } from "../../../contracts/index.ts";
import type { Scenario } from "../scenario.ts";

/** Outputs per funding transaction: far under the node's 98 KiB transaction limit. */
export const FUNDING_BATCH = 100;

/** ERG a member's wallet receives: the join fee, the collateral and fee reserve its account keeps, the join's miner fee, and change room. */
export function memberFundingNanoErg(scenario: Scenario, reserveNanoErg: bigint): bigint {
  const { joinFeeNanoErg, collateralNanoErg } = scenario.policy;
  return joinFeeNanoErg + collateralNanoErg + MIN_BOX_VALUE + reserveNanoErg + 2n * scenario.txFeeNanoErg + 10n * MIN_BOX_VALUE;
}

/** Miner fees an account pays over the run, at most: two of the role's mean daily purchases a day, plus 30. */
export const runPayments = (scenario: Scenario, buysPerDay: number): bigint => BigInt(Math.ceil(buysPerDay * 2 * scenario.days + 30));

/** ERG an account keeps for the miner fees of its payments: `behaviour.feeReservePayments` fees, or enough for the run (`runPayments`). */
export function feeReserveNanoErg(scenario: Scenario, buysPerDay: number): bigint {
  const payments = scenario.behaviour.feeReservePayments;
  return scenario.txFeeNanoErg * (payments === undefined ? runPayments(scenario, buysPerDay) : BigInt(payments));
}

/** A transaction paying `recipients` from the funder's boxes, change back to the funder. */
export function fundingTransaction(
  funder: { utxos: Box<Amount>[]; address: string },
  recipients: { address: string; nanoErg: bigint }[],
  height: number,
  feeNanoErg: bigint,
): EIP12UnsignedTransaction {
  const needed = recipients.reduce((sum, r) => sum + r.nanoErg, feeNanoErg);
  const available = funder.utxos.reduce((sum, box) => sum + BigInt(box.value), 0n);
  if (available < needed + MIN_BOX_VALUE) throw new InsufficientFunds(needed + MIN_BOX_VALUE, available);
  return new TransactionBuilder(height)
    .from(funder.utxos)
    .to(recipients.map((r) => new OutputBuilder(r.nanoErg, r.address)))
    .sendChangeTo(funder.address)
    .payFee(feeNanoErg)
    .build()
    .toEIP12Object();
}
