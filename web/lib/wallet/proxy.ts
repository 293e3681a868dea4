/** The node as the browser reaches it: through the web server's narrow proxy (routes/api/node). */
import { NodeReader } from "./node.ts";

/** Where the web server proxies the node. */
const NODE_PROXY = "/api/node";

/** The node reader every wallet screen shares. */
export const browserNode = new NodeReader(NODE_PROXY);
