import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{contracts,util,ergo,client,devnet,indexer,scripts,test,web}/**/*.spec.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
