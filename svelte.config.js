import adapter from "@sveltejs/adapter-node";
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

/**
 * SvelteKit reads the web app from web/ instead of src/, so the repository root can hold
 * contracts/, indexer/ and scripts/ side by side with it.
 * @type {import("@sveltejs/kit").Config}
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // The layers below the web, by name instead of by climbing folders (docs/layers.md). Modules
    // that also run outside Vite (web/start.ts and what it loads) keep relative imports.
    alias: { $contracts: "contracts", $ergo: "ergo" },
    files: {
      src: "web",
      assets: "web/static",
      hooks: {
        client: "web/hooks.client",
        server: "web/hooks.server",
        universal: "web/hooks",
      },
      lib: "web/lib",
      params: "web/params",
      routes: "web/routes",
      serviceWorker: "web/service-worker",
      appTemplate: "web/app.html",
      errorTemplate: "web/error.html",
    },
  },
};

export default config;
