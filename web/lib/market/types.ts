/**
 * The marketplace as the indexer's API answers it (docs/indexer-api.md: `/listings`, reviews,
 * reputation, shops), as the pages and the browser's components use it. A price's units stay a
 * decimal string of the community's smallest unit (the wire's own); pages turn them into words.
 */

/** A member's score from the reviews of it: weighted, the plain mean, and how many reviews. */
export interface Reputation {
  score: number | null;
  mean: number | null;
  count: number;
}

/** `/accounts/{id}/reputation`: the score, and how many distinct reviewers it rests on. */
export interface AccountReputation extends Reputation {
  reviewers: number;
}

/** One listing: an offer or a want, its author and where it stands. */
export interface ListingView {
  id: string;
  communityId: string;
  accountId: string;
  authorName: string | null;
  kind: "offer" | "want";
  title: string;
  description: string | null;
  category: string;
  price: { type: "fixed" | "from" | "negotiable"; units: string | null };
  location: { lat: number; lon: number; place: string | null } | null;
  contact: string | null;
  expiryHeight: number;
  status: string;
  publishedTxId: string;
  publishedHeight: number;
  updatedTxId: string;
  updatedHeight: number;
  timestamp: number;
  /** From the place searched near; null without `near`. */
  distanceKm: number | null;
  reputation: Reputation;
}

/** One review: the payment it is about, who wrote it, and what it weighs in the score. */
export interface ReviewView {
  paymentTxId: string;
  payee: string;
  reviewer: string;
  reviewerName: string | null;
  rating: number;
  text: string | null;
  txId: string;
  height: number;
  timestamp: number;
  /** How many distinct members the reviewer has paid in the community (its weight is min(1, d / 5)). */
  reviewerPaidMembers: number;
  weight: number;
  /** False when a newer review by the same reviewer replaces it in the score. */
  counted: boolean;
}

/** One shop: where a member takes payments, and which other communities' units it takes. */
export interface ShopView {
  accountId: string;
  communityId: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  hours: string | null;
  accepts: string[];
  ownerName: string | null;
  txId: string;
  height: number;
}
