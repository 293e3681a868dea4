/**
 * Build-time compilation of the ErgoScript sources into `contracts/compiled.json`.
 * Run with `npm run compile:contracts`; `compile.spec.ts` recompiles and fails when the committed
 * file is stale. Nothing at run time loads the compiler: builders and decoders read the JSON.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile } from "@fleet-sdk/compiler";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { SColl, SByte, SInt, SLong } from "@fleet-sdk/serializer";
import { CONTRACT_PARAMETERS, type CompiledContracts } from "./parameters.ts";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const source = (name: string) => readFileSync(here(`./${name}/${name}.es`), "utf8");

/** Hash of an ErgoTree's template (for trees without segregated constants: the tree body). */
export function templateHash(ergoTree: string): string {
  // Header byte 0x00: no segregated constants, no size; the template is everything after it.
  return hex.encode(blake2b256(hex.decode(ergoTree.slice(2))));
}

function compileOne(script: string, map: Record<string, string>): string {
  // Version 0 without segregated constants is the smallest encoding; every payment carries two
  // copies of the account tree, so its bytes are the main size cost of a payment.
  return compile(script, { version: 0, segregateConstants: false, map }).toHex();
}

/** Compiles both contracts with the protocol parameters; deterministic for a given compiler. */
export function compileContracts(): CompiledContracts {
  const shared = {
    maxAgeBlocks: SInt(CONTRACT_PARAMETERS.maxAgeBlocks).toHex(),
    minBoxValue: SLong(CONTRACT_PARAMETERS.minBoxValueNanoErg).toHex(),
  };
  const account = compileOne(source("account"), shared);
  const community = compileOne(source("community"), {
    ...shared,
    accountScript: SColl(SByte, hex.decode(account)).toHex(),
  });
  return {
    parameters: {
      maxAgeBlocks: CONTRACT_PARAMETERS.maxAgeBlocks,
      minBoxValueNanoErg: CONTRACT_PARAMETERS.minBoxValueNanoErg.toString(),
    },
    account: { ergoTree: account, templateHash: templateHash(account), bytes: account.length / 2 },
    community: { ergoTree: community, templateHash: templateHash(community), bytes: community.length / 2 },
  };
}

/** Path of the committed data file. */
export const COMPILED_PATH = here("./compiled.json");

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const compiled = compileContracts();
  writeFileSync(COMPILED_PATH, JSON.stringify(compiled, null, 2) + "\n");
  process.stdout.write(
    `account ${compiled.account.bytes} B, community ${compiled.community.bytes} B -> ${COMPILED_PATH}\n`,
  );
}
