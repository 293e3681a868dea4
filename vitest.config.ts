import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The web's aliases (svelte.config.js kit.alias, tsconfig.json paths), for the specs that load web modules. */
const alias = (folder: string) => fileURLToPath(new URL(`./${folder}`, import.meta.url));

export default defineConfig({
  resolve: { alias: { $lib: alias("web/lib"), $contracts: alias("contracts"), $ergo: alias("ergo") } },
  test: {
    include: ["{contracts,util,ergo,client,devnet,indexer,scripts,test,web}/**/*.spec.ts"],
    // Vitest's default is one worker less than the CPUs: one on the 2-core machines CI runs on, which
    // ran every file in turn (1,784 s). Two workers use both cores; the web build is shared under a
    // lock (web/build.ts) and every spec has its own devnet, ports and database.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
