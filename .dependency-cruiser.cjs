/**
 * The layers (docs/layers.md): imports point down only, and no module imports itself round a
 * cycle. From the bottom:
 *
 *   util/       helpers that know nothing of Ergo or LETS (a seeded PRNG)
 *   contracts/  ErgoScript, builders, decoders: pure
 *   ergo/       Ergo plumbing: node client, bigint JSON, signing context, signing, keys, wasm ownership
 *   client/     the LETS client: read a community from a node, build, sign, submit
 *   devnet/ indexer/ web/   siblings: none imports another's internals
 *   scripts/    the `lets` command
 *   test/       tests that cross parts
 *
 * Run by `npm run check` (so by `npm test`): `depcruise --config .dependency-cruiser.cjs ...`.
 */

/** A part's tests and their helpers: specs, testing.ts / *-testing.ts / testing/ helpers, benchmarks (every path starts with its part's folder). */
const TESTS = "(\\.spec\\.ts$|/testing\\.ts$|-testing\\.ts$|/testing/|/bench/)";
const SIBLINGS = "^(devnet|indexer|web)/";
/** Where the indexer's REST API answer shapes are typed, derived from its route schemas (see exception 5). */
const API_TYPES = "^indexer/api/types\\.ts$";
/** The public start functions of the siblings: what a sibling's tests may start. */
const START = "^(devnet|indexer|web)/start\\.ts$";

const above = (layer, upper) => ({
  name: `${layer}-imports-down-only`,
  comment: `${layer}/ may not import ${upper.join("/, ")}/: imports point down only (docs/layers.md)`,
  severity: "error",
  from: { path: `^${layer}/` },
  to: { path: `^(${upper.join("|")})/` },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A cycle makes two modules one: split out what both need, or point the import down",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    above("util", ["contracts", "ergo", "client", "devnet", "indexer", "web", "scripts", "test"]),
    {
      ...above("contracts", ["ergo", "client", "devnet", "indexer", "web", "scripts", "test"]),
      from: { path: "^contracts/", pathNot: TESTS },
    },
    {
      name: "contracts-tests-use-ergo-plumbing-only",
      comment:
        "Exception 1: the contracts' test harness (contracts/testing/, specs) validates transactions with ergo-lib as a node does, " +
        "so it may use the plumbing right above it (ergo/wasm.ts: wasm ownership; ergo/types.ts: the node's header shape), nothing else above contracts/",
      severity: "error",
      from: { path: `^contracts.*${TESTS}` },
      to: { path: "^(ergo|client|devnet|indexer|web|scripts|test)/", pathNot: "^ergo/(wasm|types)\\.ts$" },
    },
    above("ergo", ["client", "devnet", "indexer", "web", "scripts", "test"]),
    above("client", ["devnet", "indexer", "web", "scripts", "test"]),
    above("devnet", ["scripts", "test"]),
    above("indexer", ["scripts", "test"]),
    above("web", ["scripts", "test"]),
    above("scripts", ["test"]),
    {
      name: "indexer-db-below-sync",
      comment:
        "Inside the indexer, db/ (schema, migrations, connection, queries) is the bottom: it may not import the sync, the API or what starts them. " +
        "Code that only the sync needs to store blocks lives in indexer/sync/ (docs/layers.md)",
      severity: "error",
      from: { path: "^indexer/db/" },
      to: { path: "^indexer/(sync/|api/|start\\.ts$|wait\\.ts$)" },
    },
    {
      name: "indexer-sync-below-api",
      comment: "Inside the indexer, sync/ writes and api/ reads: the sync may not import the API or what starts them",
      severity: "error",
      from: { path: "^indexer/sync/" },
      to: { path: "^indexer/(api/|start\\.ts$|wait\\.ts$)" },
    },
    {
      name: "siblings-keep-to-themselves",
      comment: "devnet/, indexer/ and web/ never import each other: what two of them need belongs in ergo/ or client/",
      severity: "error",
      from: { path: SIBLINGS, pathNot: TESTS },
      to: { path: SIBLINGS, pathNot: ["^$1/", API_TYPES] },
    },
    {
      name: "web-reads-indexer-api-types-only",
      comment:
        "Exception 5: the web reads the indexer's REST API, whose answer shapes are the indexer's public contract: web/ may import them, " +
        "as types only (erased at build: no indexer code reaches the web), from indexer/api/types.ts, which derives them from the route schemas. " +
        "devnet/ and the indexer's own code have no such need",
      severity: "error",
      from: { path: "^(devnet|indexer|web)/", pathNot: TESTS },
      to: { path: API_TYPES, pathNot: "^$1/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "only-web-reads-indexer-api-types",
      comment: "Exception 5 is the web's alone",
      severity: "error",
      from: { path: "^devnet/" },
      to: { path: API_TYPES },
    },
    {
      name: "sibling-tests-start-siblings-only",
      comment:
        "Exception 2: a sibling's tests may start another sibling through its public start function ({devnet,indexer,web}/start.ts), " +
        "nothing else of it; tests that need more of two parts belong in test/",
      severity: "error",
      from: { path: `^(devnet|indexer|web).*${TESTS}`, pathNot: "^(indexer|web)/bench/" },
      to: { path: SIBLINGS, pathNot: ["^$1/", START] },
    },
    {
      name: "indexer-bench-uses-devnet-only",
      comment:
        "Exception 3: the indexer benchmark (indexer/bench/) fabricates a 200,000-payment chain in the devnet's own block format " +
        "(its genesis, ledger and normalizer) and serves it with the devnet's own server in a child process: no start function can load a chain that size. " +
        "It may use devnet/, and of web/ nothing",
      severity: "error",
      from: { path: "^indexer/bench/" },
      to: { path: "^web/" },
    },
    {
      name: "web-bench-uses-indexer-only",
      comment:
        "Exception 4: the web benchmark (web/bench/) seeds an indexer database larger than any chain made in time, with the indexer's own writer, " +
        "and serves it with the indexer's own API. It may use indexer/, and of devnet/ only its start function",
      severity: "error",
      from: { path: "^web/bench/" },
      to: { path: "^devnet/", pathNot: START },
    },
    {
      name: "browser-safe-plumbing",
      comment:
        "The ergo/ modules the wallet screens load in the browser (json, node-client, context, sign, message-signature, predict, wasm, types, headers, network, addresses, errors) import no Node built-in, " +
        "no ergo-lib-wasm-nodejs and none of ergo/'s Node-only modules (block-context, signer, keys)",
      severity: "error",
      from: { path: "^ergo/(json|node-client|context|sign|message-signature|predict|wasm|types|headers|network|addresses|errors)\\.ts$" },
      to: { path: "(^|/)(ergo-lib-wasm-nodejs|ergo/(block-context|signer|keys)\\.ts$)|^node:|^(fs|path|os|child_process|url|http|net|crypto)$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.svelte-kit|build|bench-results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
