/**
 * Vite builds the SvelteKit app in web/ (see svelte.config.js). vite-plugin-wasm lets the wallet
 * pages lazy-load ergo-lib-wasm-browser, a wasm-bindgen "bundler" package that imports its .wasm
 * file as an ES module; explorer pages never import it, so it stays out of their JavaScript.
 * Tests are configured in vitest.config.ts, not here.
 */
import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";
import wasm from "vite-plugin-wasm";

export default defineConfig({
  plugins: [wasm(), sveltekit()],
  // The wasm glue uses top-level await; every browser the wallet supports has it.
  build: { target: "es2022" },
  worker: { format: "es", plugins: () => [wasm()] },
});
