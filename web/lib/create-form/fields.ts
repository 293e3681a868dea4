/**
 * The fields of the create-a-LETS form: names (as the form posts them), labels and hints. The
 * server action and the page both read the form through this list, so they cannot disagree on
 * what a field is called.
 */

/** The economics levers' fields (docs/economics.md); any of them filled in makes an economics community. */
export const LEVER_FIELDS = [
  "demurragePercent",
  "demurragePeriod",
  "usageFeePercent",
  "usageFeeMin",
  "turnoverPercent",
  "stepUnits",
  "stepBlocks",
  "maxCreditLimit",
  "allowance",
  "newcomerBlocks",
  "sweepMin",
] as const;

/** The lever fields whose period or window fields only count with them. */
export type LeverField = (typeof LEVER_FIELDS)[number];

/** The fields that set a lever: filling in any of them chooses the economics contracts. */
export const LEVER_SETTERS: readonly LeverField[] = ["demurragePercent", "usageFeePercent", "usageFeeMin", "turnoverPercent", "stepUnits", "maxCreditLimit", "allowance", "sweepMin"];

/** Lever fields in the currency's units (their labels carry its symbol). */
export const LEVER_AMOUNTS: readonly LeverField[] = ["usageFeeMin", "stepUnits", "maxCreditLimit", "allowance", "sweepMin"];

export const CREATE_FIELDS = [
  "name",
  "symbol",
  "description",
  "decimals",
  "creditLimit",
  "positiveCap",
  "joinFeeErg",
  "collateralErg",
  "maxMembers",
  "inactivityBlocks",
  "committee",
  "threshold",
  ...LEVER_FIELDS,
] as const;

export type CreateField = (typeof CREATE_FIELDS)[number];

/** What the form posts: every field as typed. */
export type CreateFormValues = Record<CreateField, string>;

/** One message per field that is wrong. */
export type CreateFormErrors = Partial<Record<CreateField, string>>;

/** Labels and hints shown next to each field. */
export const FIELD_TEXT: Record<CreateField, { label: string; hint: string }> = {
  name: { label: "Name", hint: "What members call the currency's community, e.g. Kaikoura Dollars." },
  symbol: { label: "Symbol", hint: "1 to 12 characters without spaces, e.g. KCD." },
  description: { label: "Description", hint: "Optional: who it is for and how it works." },
  decimals: { label: "Decimals", hint: "Digits after the point: 2 shows 1250 units as 12.50. From 0 to 18." },
  creditLimit: { label: "Credit limit", hint: "How far below zero a member may go, in the community's currency." },
  positiveCap: { label: "Positive cap", hint: "The most a member may hold; leave empty or 0 for no cap." },
  joinFeeErg: { label: "Joining fee (ERG)", hint: "Paid by each new member into the community treasury." },
  collateralErg: { label: "Collateral (ERG)", hint: "Locked in each member's account and returned when they leave." },
  maxMembers: { label: "Maximum members", hint: "Seats in the community, from 1 to 1,000,000,000. Fixed at creation." },
  inactivityBlocks: {
    label: "Inactivity window (blocks)",
    hint: "After this many blocks without paying or being paid, a member in debt can be closed. 0: never (until dormant, after 788,400). On Ergo, 720 blocks are about a day.",
  },
  committee: { label: "Committee addresses", hint: "One Ergo address (P2PK) per line: the keys that may change the rules for new members." },
  threshold: { label: "Signatures needed", hint: "How many of the committee's keys must sign a change (k of n)." },
  demurragePercent: {
    label: "Demurrage (% per period)",
    hint: "Balances above 0 lose this share each period, to the community; members avoid it by spending. E.g. 1 for 1%, up to 4 digits after the point. Empty: none.",
  },
  demurragePeriod: { label: "Demurrage period (blocks)", hint: "The period of the demurrage rate: 21,600 blocks are about a month, 5,040 a week, 720 a day." },
  usageFeePercent: { label: "Usage fee (%)", hint: "Each payment pays this share of what the payer sends to the community, e.g. 0.5; up to 2 digits after the point. Empty: none." },
  usageFeeMin: { label: "Least usage fee", hint: "A payment pays at least this much usage fee, however small. Empty: no minimum." },
  turnoverPercent: {
    label: "Credit from turnover (%)",
    hint: "A member's credit limit grows by this share of everything they have received. At most the usage fee's percent, so paying oneself through a second account costs more than it earns.",
  },
  stepUnits: { label: "Credit per step of membership", hint: "A member's credit limit grows by this much for each step of membership (below)." },
  stepBlocks: { label: "Blocks per step", hint: "The length of a membership step: 21,600 blocks are about a month." },
  maxCreditLimit: { label: "Highest earned credit limit", hint: "An earned credit limit never goes above this; at least the credit limit. Needed with credit from turnover or steps." },
  allowance: {
    label: "Newcomer allowance",
    hint: "Each newcomer receives this from the community balance; it may pay up to half of each purchase during the newcomer window, and what is left returns when they leave.",
  },
  newcomerBlocks: { label: "Newcomer window (blocks)", hint: "How long after joining the allowance may be spent: 21,600 blocks are about a month." },
  sweepMin: { label: "Sweep minimum", hint: "Anyone may move an account's collected fees and demurrage to the community balance once they reach this. Empty: the smallest unit." },
};

/** An empty form, with the usual starting values. */
export const DEFAULT_VALUES: CreateFormValues = {
  name: "",
  symbol: "",
  description: "",
  decimals: "2",
  creditLimit: "500",
  positiveCap: "",
  joinFeeErg: "0.1",
  collateralErg: "1",
  maxMembers: "1000",
  inactivityBlocks: "0",
  committee: "",
  threshold: "1",
  demurragePercent: "",
  demurragePeriod: "21600",
  usageFeePercent: "",
  usageFeeMin: "",
  turnoverPercent: "",
  stepUnits: "",
  stepBlocks: "21600",
  maxCreditLimit: "",
  allowance: "",
  newcomerBlocks: "21600",
  sweepMin: "",
};

/** Reads the form's fields from posted form data (missing fields are empty). */
export function valuesFromFormData(data: FormData): CreateFormValues {
  const values = { ...DEFAULT_VALUES };
  for (const field of CREATE_FIELDS) {
    const value = data.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}
