import type { LayoutServerLoad } from "./$types";

/** The public settings every page may show or use: the network, and where the node and indexer are. */
export const load: LayoutServerLoad = ({ locals }) => {
  const { network, nodeUrl, indexerUrl } = locals.config;
  return { network, nodeUrl, indexerUrl };
};
