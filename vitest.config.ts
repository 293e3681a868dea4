import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The web's aliases (svelte.config.js kit.alias, tsconfig.json paths), for the specs that load web modules. */
const alias = (folder: string) => fileURLToPath(new URL(`./${folder}`, import.meta.url));

export default defineConfig({
  resolve: { alias: { $lib: alias("web/lib"), $contracts: alias("contracts"), $ergo: alias("ergo") } },
  test: {
    include: ["{contracts,util,ergo,client,devnet,indexer,scripts,test,web}/**/*.spec.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
