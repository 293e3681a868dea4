// Types SvelteKit gives every route: see https://svelte.dev/docs/kit/types#app.d.ts
import type { IncomingMessage } from "node:http";
import type { WebConfig } from "$lib/server/settings.ts";

declare global {
  namespace App {
    interface Locals {
      /** This server's settings (indexer, node, network). */
      config: WebConfig;
    }
    interface Platform {
      /** adapter-node's request, on which `startWeb` puts its settings. */
      req: IncomingMessage;
    }
  }
}

export {};
