// The node routes `lets devnet` serves, as the spec declares them. node-api.spec.ts checks every entry
// against the spec, so contract tests that loop over this list cannot silently skip a route.
import { patchedNodeApiSpec, type Method } from "./node-api.ts";

export interface DevnetRoute {
  method: Method;
  /** Path template exactly as in the spec. */
  template: string;
  /** Response keys the spec declares, in spec order ("default" = error fallback). */
  statuses: readonly string[];
  /** Shape of the 200 body (after the real-node patches): schema name, `T[]`, or `{field?: T}`
   *  (`?` = not required by the spec). Produced by `describeSchema`. */
  ok: string;
}

export const DEVNET_ROUTES: readonly DevnetRoute[] = [
  { method: "get", template: "/info", statuses: ["200", "default"], ok: "NodeInfo" },
  { method: "get", template: "/blocks/at/{blockHeight}", statuses: ["200", "404", "default"], ok: "string[]" },
  { method: "get", template: "/blocks/{headerId}", statuses: ["200", "404", "default"], ok: "FullBlock" },
  { method: "get", template: "/blocks/{headerId}/header", statuses: ["200", "404", "default"], ok: "BlockHeader" },
  {
    method: "get",
    template: "/blocks/{headerId}/transactions",
    statuses: ["200", "404", "default"],
    ok: "BlockTransactions",
  },
  { method: "get", template: "/blocks/lastHeaders/{count}", statuses: ["200", "default"], ok: "BlockHeader[]" },
  { method: "get", template: "/blocks/chainSlice", statuses: ["200", "default"], ok: "BlockHeader[]" },
  { method: "get", template: "/blocks", statuses: ["200", "default"], ok: "string[]" },
  { method: "post", template: "/transactions", statuses: ["200", "default"], ok: "TransactionId" },
  { method: "post", template: "/transactions/check", statuses: ["200", "default"], ok: "TransactionId" },
  {
    method: "get",
    template: "/transactions/unconfirmed",
    statuses: ["200", "default"],
    ok: "TransactionsWithInputBoxes",
  },
  {
    method: "get",
    template: "/transactions/unconfirmed/byTransactionId/{txId}",
    statuses: ["200", "default"],
    ok: "ErgoTransactionWithInputBoxes",
  },
  { method: "get", template: "/transactions/unconfirmed/transactionIds", statuses: ["200", "default"], ok: "string[]" },
  { method: "get", template: "/utxo/byId/{boxId}", statuses: ["200", "404", "default"], ok: "ErgoTransactionOutput" },
  {
    method: "get",
    template: "/utxo/withPool/byId/{boxId}",
    statuses: ["200", "404", "default"],
    ok: "ErgoTransactionOutput",
  },
  {
    method: "post",
    template: "/utxo/withPool/byIds",
    statuses: ["200", "404", "default"],
    ok: "ErgoTransactionOutput[]",
  },
  { method: "get", template: "/utxo/byIdBinary/{boxId}", statuses: ["200", "404", "default"], ok: "SerializedBox" },
  { method: "get", template: "/utxo/genesis", statuses: ["200", "404", "default"], ok: "ErgoTransactionOutput[]" },
  {
    method: "get",
    template: "/blockchain/box/unspent/byTokenId/{tokenId}",
    statuses: ["200", "404", "default"],
    ok: "IndexedErgoBox[]",
  },
  {
    method: "post",
    template: "/blockchain/box/unspent/byErgoTree",
    statuses: ["200", "404", "default"],
    ok: "IndexedErgoBox[]", // spec as written: {items?: IndexedErgoBox[], total?: integer}; see patch 3
  },
  {
    method: "post",
    template: "/blockchain/box/unspent/byAddress",
    statuses: ["200", "404", "default"],
    ok: "IndexedErgoBox[]",
  },
  {
    method: "post",
    template: "/blockchain/balance",
    statuses: ["200", "default"],
    ok: "{confirmed?: BalanceInfo, unconfirmed?: BalanceInfo}",
  },
  {
    method: "get",
    template: "/blockchain/token/byId/{tokenId}",
    statuses: ["200", "404", "default"],
    ok: "IndexedToken",
  },
  {
    method: "get",
    template: "/blockchain/indexedHeight",
    statuses: ["200"],
    ok: "{indexedHeight?: integer, fullHeight?: integer}",
  },
  { method: "get", template: "/script/addressToTree/{address}", statuses: ["200", "default"], ok: "ErgoTreeObject" },
];

type Schema = Record<string, unknown>;

/** One-line shape of a schema: `Name` for a $ref, `T[]`, `{a: T, b?: T}`, or the JSON type. */
export function describeSchema(schema: Schema | undefined): string {
  if (!schema) return "(no body)";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if (schema.type === "array") return `${describeSchema(schema.items as Schema)}[]`;
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const fields = Object.entries(properties).map(
      ([name, s]) => `${name}${required.has(name) ? "" : "?"}: ${describeSchema(s)}`,
    );
    return `{${fields.join(", ")}}`;
  }
  return typeof schema.type === "string" ? schema.type : JSON.stringify(schema);
}

/** The 200 body schema the spec (with real-node patches) declares for an operation, if any. */
export function okSchema(method: Method, template: string): Schema | undefined {
  const response = patchedNodeApiSpec.paths[template]?.[method]?.responses["200"];
  return Object.values(response?.content ?? {})[0]?.schema;
}
