import { ownerAddress } from "$lib/server/addresses.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { intervalParam, membersQuery, paymentsParams, paymentsQuery } from "$lib/server/tables.ts";
import type { PageServerLoad } from "./$types";

/** A community: its figures and policy, one page of members and one of payments; charts load later. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const members = membersQuery(url);
  const payments = paymentsQuery(url);
  // The community first: an unknown id is a 404 even when a table parameter is also wrong.
  const community = await fromIndexer(`community ${communityId}`, () => indexer.community(communityId));
  const [memberPage, paymentPage] = await Promise.all([
    fromIndexer("members", () => indexer.accounts(communityId, members)),
    fromIndexer("payments", () => indexer.payments(communityId, payments)),
  ]);
  const { network } = locals.config;
  return {
    community: { ...community, committeeAddress: ownerAddress(community.committee, network) },
    members: {
      query: members,
      page: { ...memberPage, items: memberPage.items.map((a) => ({ ...a, ownerAddress: ownerAddress(a.owner, network) })) },
    },
    payments: { query: payments, params: paymentsParams(payments), page: paymentPage },
    interval: intervalParam(url),
    log: url.searchParams.get("log") === "1",
  };
};
