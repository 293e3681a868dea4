import { parseCommandArgs, ExitCode, type Command } from "./command.ts";

const notYet = `lets up will start a local Ergo devnet, the indexer and the web app, seed a demo
community and print their URLs. None of those three parts exists yet, so there is nothing to
start. What exists today: the LETS contracts (ErgoScript sources, compiled ErgoTrees, box
decoders) and the transaction builders under contracts/. Try 'npx lets contracts' to see the
compiled contracts and 'npm run bench:contracts' to benchmark them. Not built yet: the
devnet (a local Ergo node), the indexer (node sync, Postgres, REST API) and the web app (wallet,
create-a-LETS form, explorer).`;

/** `lets up`: until the devnet, indexer and web exist, says honestly what can and cannot run. */
export const upCommand: Command = {
  summary: "start devnet, indexer and web (not built yet: says what exists today)",
  usage: "lets up",
  async run(args) {
    parseCommandArgs(args, {});
    console.log(notYet);
    return ExitCode.ok;
  },
};
