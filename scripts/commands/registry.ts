/** The `lets` commands by name: what `scripts/lets.ts` dispatches to and `lets help` lists. */
import type { Command } from "./command.ts";
import { createCommand } from "./actions/create.ts";
import { closeDormantCommand } from "./actions/close-dormant.ts";
import { defaultCommand } from "./actions/default.ts";
import { deskCommand } from "./actions/desk.ts";
import { escrowCommand } from "./actions/escrow.ts";
import { governCommand } from "./actions/govern.ts";
import { executeCommand, governanceCommand, proposalCommand, proposalsCommand, proposeCommand, tallyCommand, voteCommand } from "./actions/governance.ts";
import { joinCommand } from "./actions/join.ts";
import { leaveCommand } from "./actions/leave.ts";
import { lineCommand } from "./actions/line.ts";
import { oracleCommand } from "./actions/oracle.ts";
import { listingCommand } from "./actions/listing.ts";
import { loanCommand } from "./actions/loan.ts";
import { payCommand } from "./actions/pay.ts";
import { orderCommand } from "./actions/order.ts";
import { profileCommand } from "./actions/profile.ts";
import { refreshCommand } from "./actions/refresh.ts";
import { reviewCommand } from "./actions/review.ts";
import { revokeCommand } from "./actions/revoke.ts";
import { settleCommand } from "./actions/settle.ts";
import { shopCommand } from "./actions/shop.ts";
import { showCommand } from "./actions/show.ts";
import { sweepCommand } from "./actions/sweep.ts";
import { topUpCommand } from "./actions/top-up.ts";
import { underwriteCommand } from "./actions/underwrite.ts";
import { contractsCommand } from "./contracts.ts";
import { devnetCommand } from "./devnet.ts";
import { createHelpCommand } from "./help.ts";
import { indexCommand } from "./indexer.ts";
import { simulateCommand } from "./simulate.ts";
import { upCommand } from "./up.ts";
import { webCommand } from "./web.ts";

/** Every `lets` command by name, in the order `lets help` lists them: one line per command module. */
export const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ["up", upCommand],
  ["devnet", devnetCommand],
  ["index", indexCommand],
  ["web", webCommand],
  ["simulate", simulateCommand],
  ["create", createCommand],
  ["join", joinCommand],
  ["pay", payCommand],
  ["order", orderCommand],
  ["settle", settleCommand],
  ["revoke", revokeCommand],
  ["top-up", topUpCommand],
  ["profile", profileCommand],
  ["listing", listingCommand],
  ["review", reviewCommand],
  ["shop", shopCommand],
  ["leave", leaveCommand],
  ["default", defaultCommand],
  ["close-dormant", closeDormantCommand],
  ["refresh", refreshCommand],
  ["sweep", sweepCommand],
  ["govern", governCommand],
  ["governance", governanceCommand],
  ["propose", proposeCommand],
  ["vote", voteCommand],
  ["tally", tallyCommand],
  ["execute", executeCommand],
  ["proposal", proposalCommand],
  ["proposals", proposalsCommand],
  ["line", lineCommand],
  ["oracle", oracleCommand],
  ["desk", deskCommand],
  ["escrow", escrowCommand],
  ["loan", loanCommand],
  ["underwrite", underwriteCommand],
  ["show", showCommand],
  ["contracts", contractsCommand],
  ["help", createHelpCommand(() => commands)],
]);
