/**
 * The wallet's two forms about a member's own account, checked in the browser before anything is
 * signed: the profile (with the contracts' own `checkProfile`, so the page refuses exactly what the
 * builder and the indexer would) and the ERG to add to the fee reserve (exact, with `parseErg`).
 */
import { parseErg } from "$contracts/amounts.ts";
import { LetsError } from "$contracts/errors.ts";
import { checkProfile, type Profile } from "$contracts/notes.ts";
import { displayErg } from "../../amount.ts";

/** The profile form's fields as typed. */
export interface ProfileFields {
  name: string;
  about: string;
  link: string;
}

/** One message per field in error. */
export type ProfileErrors = Partial<Record<keyof ProfileFields, string>>;

/** "name must not be empty" as a sentence: "Name must not be empty." */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;

function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof LetsError) return sentence(error.message);
    throw error;
  }
}

/** A name `checkProfile` accepts, so that about and link are each judged on their own. */
const STAND_IN_NAME = "x";

/**
 * The profile to sign, or a message for each field in error, each field checked on its own. An
 * empty about or link is left out (the new profile replaces the last one, so it drops them).
 */
export function checkProfileFields(fields: ProfileFields): { profile: Profile } | { errors: ProfileErrors } {
  const errors: ProfileErrors = {
    name: refusal(() => checkProfile({ name: fields.name })),
    about: refusal(() => checkProfile({ name: STAND_IN_NAME, about: fields.about })),
    link: refusal(() => checkProfile({ name: STAND_IN_NAME, link: fields.link })),
  };
  const inError = Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== undefined)) as ProfileErrors;
  if (Object.keys(inError).length > 0) return { errors: inError };
  return { profile: checkProfile({ name: fields.name, about: fields.about, link: fields.link }) };
}

/** The ERG at the wallet's address as the page knows it (`atLeast`: more boxes than were read). */
export interface WalletErg {
  nanoErg: bigint;
  atLeast: boolean;
}

/**
 * The nanoERG to add to an account's fee reserve from `typed` ERG, or why not: not a number, 0 or
 * less, more digits than nanoERG have, or more than the wallet holds once the fee is counted (when
 * the page knows what it holds; the builder refuses a shortfall anyway).
 */
export function checkTopUpErg(typed: string, wallet: WalletErg | null, feeNanoErg: bigint): { nanoErg: bigint } | { error: string } {
  let nanoErg: bigint;
  try {
    nanoErg = parseErg(typed, { positive: true });
  } catch (error) {
    if (error instanceof LetsError) return { error: error.message };
    throw error;
  }
  if (wallet && !wallet.atLeast && nanoErg + feeNanoErg > wallet.nanoErg) {
    return {
      error: `Your wallet holds ${displayErg(wallet.nanoErg)}: adding ${displayErg(nanoErg)} and the ${displayErg(feeNanoErg)} fee needs ${displayErg(nanoErg + feeNanoErg)}.`,
    };
  }
  return { nanoErg };
}
