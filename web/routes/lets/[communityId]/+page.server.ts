import { ownerAddress } from "$ergo/addresses.ts";
import { communityWarnings } from "$lib/server/community-warnings.ts";
import { fromIndexer, requireHexId, settledFromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { unitsOf } from "$lib/server/lines.ts";
import { namesFor, namesOf } from "$lib/server/names.ts";
import { intervalParam, membersQuery, paymentsParams, paymentsQuery } from "$lib/server/tables.ts";
import { communityBatches } from "$lib/server/orders.ts";
import { hasDesk } from "$lib/server/desk.ts";
import { communityUnderwritingOf } from "$lib/server/underwriting.ts";
import type { PageServerLoad } from "./$types";

/**
 * A community: its figures and policy (with its economics levers and totals), warnings if any, one
 * page of members and one of payments (with the names of their accounts), its latest batch
 * settlements of payment orders; charts load later.
 */
/** How many of the latest batches the page lists. */
const BATCHES_SHOWN = 10;

export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const members = membersQuery(url);
  const payments = paymentsQuery(url);
  // All three at once; the community's answer is looked at first, so an unknown id is a 404
  // even when a table parameter is also wrong.
  const [communityResult, membersResult, paymentsResult, linesResult, batchesResult] = await Promise.allSettled([
    indexer.community(communityId),
    indexer.accounts(communityId, members),
    indexer.payments(communityId, payments),
    indexer.communityLines(communityId, { limit: 100 }),
    communityBatches(indexer, communityId, { limit: BATCHES_SHOWN }),
  ]);
  const community = await settledFromIndexer(`community ${communityId}`, communityResult);
  const memberPage = await settledFromIndexer("members", membersResult);
  const paymentPage = await settledFromIndexer("payments", paymentsResult);
  const linePage = await settledFromIndexer("trade lines", linesResult);
  const batchPage = await settledFromIndexer("batches", batchesResult);
  // The members carry their names; the payments' accounts are named in one more call.
  const paymentAccounts = paymentPage.items.flatMap((p) => [p.payer, p.payee]);
  // The partners of its lines and the other side of its cross payments, named with their units.
  const others = [...linePage.items.map((l) => l.partnerCommunityId), ...paymentPage.items.flatMap((p) => (p.cross ? [p.cross.otherCommunityId] : []))];
  const [warnings, names, units, desk, underwriting] = await Promise.all([
    fromIndexer(`compromises of ${communityId}`, () => communityWarnings(indexer, community)),
    fromIndexer("profiles", () => namesFor(indexer, communityId, paymentAccounts)),
    fromIndexer("partner communities", () => unitsOf(indexer, others)),
    hasDesk(indexer, communityId),
    // Backed and unbacked credit, stakes locked and paid at defaults (docs/underwriting.md); plain communities only.
    community.policy.economics === null ? fromIndexer("underwriting", () => communityUnderwritingOf(indexer, communityId)) : null,
  ]);
  const { network } = locals.config;
  return {
    community: { ...community, committeeAddress: ownerAddress(community.committee, network) },
    warnings,
    members: {
      query: members,
      page: { ...memberPage, items: memberPage.items.map((a) => ({ ...a, ownerAddress: ownerAddress(a.owner, network) })) },
    },
    payments: { query: payments, params: paymentsParams(payments), page: paymentPage, names: namesOf(names, paymentAccounts) },
    lines: { items: linePage.items, total: linePage.total, units },
    batches: {
      page: batchPage,
      settlers: Object.fromEntries(batchPage.items.flatMap((b) => {
        const address = b.settler === null ? undefined : ownerAddress(b.settler, network);
        return address === undefined ? [] : [[b.settler!, address]];
      })),
    },
    hasDesk: desk,
    underwriting,
    interval: intervalParam(url),
    log: url.searchParams.get("log") === "1",
  };
};
