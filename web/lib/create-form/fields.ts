/**
 * The fields of the create-a-LETS form: names (as the form posts them), labels and hints. The
 * server action and the page both read the form through this list, so they cannot disagree on
 * what a field is called.
 */

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
