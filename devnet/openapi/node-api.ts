// Response validation against the Ergo node's own OpenAPI spec (node 6.0.4, copied byte for byte to
// test/fixtures/ergo-node/openapi.yaml). Contract tests use this to check that the devnet serves the
// same paths, status codes and JSON shapes as the real node.
//
// The spec is loaded once. Validation runs on a patched copy that follows the real node where the two
// disagree; every patch is listed in `patchToRealNode` with the node code that proves it. Pass
// `{ specAsWritten: true }` to validate against the unpatched spec (tests use this to show each patch
// is needed).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import validatorModule from "openapi-response-validator";
import { parse } from "yaml";

export type Method = "get" | "post";
type Schema = Record<string, unknown>;
interface Response { content?: Record<string, { schema?: Schema }> }
interface Operation { responses: Record<string, Response> }
type PathItem = Partial<Record<Method, Operation>>;
export interface NodeApiSpec {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
}

const SPEC_FILE = fileURLToPath(new URL("../../test/fixtures/ergo-node/openapi.yaml", import.meta.url));

/** The spec exactly as written. Do not mutate. */
export const nodeApiSpec = parse(readFileSync(SPEC_FILE, "utf8")) as NodeApiSpec;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/**
 * Fixes the validator itself needs, applied to both specs (`nodeApiSpec` is left untouched):
 * - `nullable: false` is removed: ajv 8 knows `nullable` and refuses to compile it without `type`
 *   ("nullable" cannot be used without "type"); Parameters.blockVersion has it next to a $ref, so the
 *   /info schema would not compile at all.
 * - `default` is removed: the validator runs ajv with useDefaults, which fills missing fields into
 *   the body and so hides them (e.g. a missing /blockchain/indexedHeight `indexedHeight` became 0).
 */
function forValidator(raw: NodeApiSpec): NodeApiSpec {
  const spec = structuredClone(raw);
  eachSchema(spec, (node) => {
    delete node.default;
    if (node.nullable === false) delete node.nullable;
  });
  return spec;
}

/**
 * Spec → real node. Checked against the node's code at the commit the spec was taken from
 * (ergoplatform/ergo c313356950fe, v6.0.4).
 */
function patchToRealNode(raw: NodeApiSpec): NodeApiSpec {
  const spec = forValidator(raw);
  const schemas = spec.components.schemas;
  // 1. FullBlock.adProofs is a non-nullable BlockADProofs in the spec, but nodes that do not keep
  //    AD proofs (the usual UTXO-mode node) send `"adProofs": null`; block 693479 in the fixtures does.
  const fullBlock = schemas.FullBlock as { properties: Record<string, Schema> };
  fullBlock.properties.adProofs = { ...ref("BlockADProofs"), nullable: true };
  // 2. IndexedErgoBox requires `spendingHeight`, but the node's encoder (ApiExtraCodecs.indexedBoxEncoder)
  //    never writes it: it writes the box plus globalIndex, inclusionHeight, address, spentTransactionId
  //    (null when unspent) and spendingProof (null when unspent).
  const indexedExtra = (schemas.IndexedErgoBox as { allOf: { required: string[] }[] }).allOf[1]!;
  indexedExtra.required = indexedExtra.required.filter((name) => name !== "spendingHeight");
  // 3. POST /blockchain/box/unspent/byErgoTree answers `{items, total}` in the spec, but the route
  //    (BlockchainApiRoute.getBoxesByErgoTreeUnspent) returns Seq[IndexedErgoBox], a plain array, like
  //    the other /blockchain/box/unspent/* routes. ({items, total} is what /blockchain/box/byErgoTree,
  //    without "unspent", returns.)
  const byTree = spec.paths["/blockchain/box/unspent/byErgoTree"]!.post!.responses["200"]!;
  byTree.content!["application/json"]!.schema = { type: "array", items: ref("IndexedErgoBox") };
  // 4. `nullable: true` next to `$ref` or `allOf` (IndexedErgoBox.spentTransactionId/spendingProof,
  //    NodeInfo.bestHeaderId/bestFullHeaderId/previousFullHeaderId/genesisBlockId, ...) lets no null
  //    through: OpenAPI 3.0 ignores $ref siblings, and the validator keeps the allOf, which requires a
  //    string. The node sends null for all of these (unspent box, node without blocks), so they
  //    become `anyOf: [null, <schema>]`.
  eachSchema(spec, (node) => {
    if (node.nullable !== true || (node.$ref === undefined && node.allOf === undefined)) return;
    const inner: Schema = { ...node };
    delete inner.nullable;
    delete inner.description;
    for (const key of Object.keys(node)) if (key !== "description") delete node[key];
    node.anyOf = [{ type: "null" }, inner];
  });
  // Not patched because already permissive: no schema sets additionalProperties: false, so the extra
  // fields real nodes send (/info `network`, `isExplorer`, `lastSeenMessageTime`, `lastMemPoolUpdateTime`,
  // `eip37Supported`, parameters.subblocksPerBlock; blockTransactions.blockVersion) are accepted.
  return spec;
}

/** Calls `fn` on every schema object of the spec (components and response bodies), parents first. */
function eachSchema(spec: NodeApiSpec, fn: (node: Schema) => void): void {
  const visit = (node: Schema): void => {
    fn(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && isObject(value)) {
        for (const property of Object.values(value)) if (isObject(property)) visit(property);
      } else if (Array.isArray(value)) {
        for (const item of value) if (isObject(item)) visit(item);
      } else if (isObject(value)) {
        visit(value);
      }
    }
  };
  for (const schema of Object.values(spec.components.schemas)) visit(schema);
  for (const item of Object.values(spec.paths)) {
    for (const op of [item.get, item.post]) {
      for (const response of Object.values(op?.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) if (media.schema) visit(media.schema);
      }
    }
  }
}

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** The spec the validators use: `nodeApiSpec` with the real-node patches applied. */
export const patchedNodeApiSpec = patchToRealNode(nodeApiSpec);
const asWrittenForValidator = forValidator(nodeApiSpec);

// openapi-response-validator is CommonJS with `exports.default`; take the class whichever way it loads.
const Validator =
  (validatorModule as unknown as { default?: typeof validatorModule }).default ?? validatorModule;
type ValidatorArgs = ConstructorParameters<typeof validatorModule>[0];

// ajv ships no formats here; with strict:false it would only skip unknown ones. Declare the spec's
// formats so nothing depends on that: base16 must be hex (an even number of digits, "" allowed, as
// in empty proofBytes). int8/int32/int64 are no-ops: the validator registers formats for strings
// only, and numbers above 2^53 (int64 amounts) cannot be range-checked after JSON.parse anyway.
const customFormats: ValidatorArgs["customFormats"] = {
  base16: (value: string) => /^(?:[0-9a-fA-F]{2})*$/.test(value),
  int8: () => true,
  int32: () => true,
  int64: () => true,
};

const validators = new Map<string, InstanceType<typeof validatorModule>>();

function validatorFor(spec: NodeApiSpec, method: Method, template: string, op: Operation) {
  const key = `${spec === patchedNodeApiSpec ? "patched" : "as-written"} ${method} ${template}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = new Validator({
      responses: op.responses as unknown as ValidatorArgs["responses"],
      components: spec.components as ValidatorArgs["components"],
      customFormats,
    });
    validators.set(key, validator);
  }
  return validator;
}

export interface ValidateOptions {
  /** Validate against the spec as written, without the real-node patches. */
  specAsWritten?: boolean;
}

/**
 * Validates `body` as the `status` response of `method pathTemplate` (template exactly as in the spec,
 * e.g. "/blocks/{headerId}"). Returns readable errors; [] means valid. An undeclared error status
 * (>= 400) falls back to the operation's `default` response.
 */
export function validateNodeResponse(
  method: Method,
  pathTemplate: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const spec = options.specAsWritten ? asWrittenForValidator : patchedNodeApiSpec;
  const where = `${method.toUpperCase()} ${pathTemplate}`;
  const op = spec.paths[pathTemplate]?.[method];
  if (!op) return [`the spec has no operation ${where}`];
  const declared = Object.keys(op.responses);
  const key = declared.includes(String(status))
    ? String(status)
    : status >= 400 && declared.includes("default")
      ? "default"
      : undefined;
  const orDefault = status >= 400 ? " and no default" : ""; // default describes errors only
  if (!key) return [`${where} declares no ${status} response${orDefault} (declared: ${declared.join(", ")})`];
  const hasSchema = Object.values(op.responses[key]!.content ?? {}).some((m) => m.schema);
  if (!hasSchema) {
    return body === undefined ? [] : [`${where} ${key} declares no response body, but one was given`];
  }
  let validator: ReturnType<typeof validatorFor>;
  try {
    validator = validatorFor(spec, method, pathTemplate, op);
  } catch (e) {
    return [`${where}: the validator cannot compile the spec's schemas: ${(e as Error).message}`];
  }
  const result = validator.validateResponse(key, structuredClone(body)); // ajv may write into its input
  if (!result) return [];
  return (result.errors as { path?: string; message: string }[]).map((e) => {
    const at = !e.path || e.path === "response" ? "(body)" : e.path.replaceAll("/", ".");
    return `${where} ${key}: ${at}: ${e.message}`;
  });
}

export interface MatchedOperation {
  method: Method;
  template: string;
  params: Record<string, string>;
}

const segmentsOf = (path: string) => path.split("?")[0]!.split("/").filter((s) => s !== "");
const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/**
 * Finds the spec template for a concrete path ("/blocks/abc/header" -> "/blocks/{headerId}/header").
 * A query string is ignored. When several templates match, the one with a literal segment at the
 * first place where they differ wins ("/blocks/lastHeaders/{count}" over "/blocks/{headerId}/...").
 */
export function operationFor(method: Method, path: string): MatchedOperation | undefined {
  const segments = segmentsOf(path);
  let best: { template: string; parts: string[]; params: Record<string, string> } | undefined;
  for (const [template, item] of Object.entries(nodeApiSpec.paths)) {
    if (!item[method]) continue;
    const parts = segmentsOf(template);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      if (!isParam(part)) return part === segments[i];
      params[part.slice(1, -1)] = decodeURIComponent(segments[i]!);
      return true;
    });
    if (matches && (!best || moreLiteral(parts, best.parts))) best = { template, parts, params };
  }
  return best && { method, template: best.template, params: best.params };
}

function moreLiteral(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (isParam(a[i]!) !== isParam(b[i]!)) return !isParam(a[i]!);
  }
  return false;
}

/**
 * Validates a raw response text for a concrete path. Parses with plain JSON.parse: numbers above
 * 2^53 lose precision, which does not matter for a schema check. Empty text means no body.
 */
export function validateNodeText(
  method: Method,
  concretePath: string,
  status: number,
  text: string,
  options: ValidateOptions = {},
): string[] {
  const op = operationFor(method, concretePath);
  if (!op) return [`the spec has no operation matching ${method.toUpperCase()} ${concretePath}`];
  let body: unknown;
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch (e) {
      return [`${method.toUpperCase()} ${concretePath} ${status}: body is not JSON: ${(e as Error).message}`];
    }
  }
  return validateNodeResponse(method, op.template, status, body, options);
}
