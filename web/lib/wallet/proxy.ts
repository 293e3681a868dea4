/** The node as the browser reaches it: through the web server's narrow proxy (routes/api/node). */
import { NodeClient } from "$ergo/node-client.ts";

/** Where the web server proxies the node. */
const NODE_PROXY = "/api/node";

/** The node client every wallet screen shares. */
export const browserNode = new NodeClient(NODE_PROXY);
