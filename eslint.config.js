import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const unusedVarsOptions = {
  argsIgnorePattern: "^_",
  varsIgnorePattern: "^_",
  caughtErrorsIgnorePattern: "^_",
  destructuredArrayIgnorePattern: "^_",
};

export default defineConfig([
  globalIgnores(["node_modules/", ".svelte-kit/", "build/", ".lets/", "bench-results/"]),
  {
    files: ["**/*.{js,ts}"],
    extends: [js.configs.recommended],
    rules: {
      "no-console": "error",
      "no-unused-vars": ["error", unusedVarsOptions],
    },
  },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommended],
    rules: {
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", unusedVarsOptions],
    },
  },
  {
    // The CLI and the benchmarks print to the terminal on purpose: that output is their product.
    files: ["scripts/**", "**/*.bench.ts"],
    rules: { "no-console": "off" },
  },
  {
    // The web app reaches contracts/ and ergo/ by alias (svelte.config.js); what `lets web` loads
    // outside Vite (start.ts, build.ts, lib/server/settings.ts, lib/errors.ts, bench/) cannot.
    files: ["web/**/*.ts"],
    ignores: ["web/start.ts", "web/build.ts", "web/lib/server/settings.ts", "web/lib/errors.ts", "web/bench/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(\\.\\./)+(contracts|ergo)/", message: "import $contracts/... or $ergo/... instead" }] }],
    },
  },
  {
    // Migrations see the database as it was then, not as the app's types say it is now.
    files: ["indexer/db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
