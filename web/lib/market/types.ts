/**
 * The marketplace as the indexer's API answers it (docs/indexer-api.md: `/listings`, reviews,
 * reputation, shops), as the pages and the browser's components use it. The shapes are the
 * indexer's own, derived from its route schemas (`indexer/api/types.ts`, types only: docs/layers.md,
 * exception 5). No field is an amount the web computes with: a price's units stay the wire's
 * decimal string, a score and a weight its 2-decimal strings ("4.25"), shown as they are.
 */
import type { ListingJson, MatchJson, ReputationJson, ReviewJson, ShopJson } from "../../../indexer/api/types.ts";

/** One listing: an offer or a want, its author, where it stands, and the author's score. */
export type ListingView = ListingJson;
/** A member's score as a listing carries it: weighted, the plain mean, and how many reviews. */
export type Reputation = ListingJson["reputation"];
/** `/accounts/{id}/reputation`: the score, and how many distinct reviewers it rests on. */
export type AccountReputation = ReputationJson;
/** One of a member's own listings and another member's that answers it. */
export type MatchView = MatchJson;
/** One review: the payment it is about, who wrote it, and what it weighs in the score. */
export type ReviewView = ReviewJson;
/** One shop: where a member takes payments, and which other communities' units it takes. */
export type ShopView = ShopJson;
