import { describe, expect, it } from "vitest";
import { LISTINGS_PER_PAGE, marketFilters, readMarketSearch } from "./query.ts";

const search = (query: string) => readMarketSearch(new URL(`http://web.test/market?${query}`));

describe("the market search from a URL", () => {
  it("reads words, category, kind and a place into the indexer's filters", () => {
    const s = search("q=+bread++rolls&category=food&kind=offer&near=-41.28,174.77&radiusKm=5&offset=50");
    expect(marketFilters(s)).toEqual({ filters: { q: "bread  rolls", category: "food", kind: "offer", near: "-41.28,174.77", radiusKm: 5, limit: LISTINGS_PER_PAGE, offset: 50 } });
  });

  it("asks for everything, newest first, when nothing is given; a radius only with a place", () => {
    expect(marketFilters(search(""))).toEqual({ filters: { limit: LISTINGS_PER_PAGE, offset: 0 } });
    expect(marketFilters(search("near=51.5 -0.12"))).toMatchObject({ filters: { near: "51.5,-0.12", radiusKm: 25 } });
  });

  it("says what is wrong instead of asking the indexer", () => {
    expect(marketFilters(search("category=weapons"))).toEqual({ error: "There is no category “weapons”." });
    expect(marketFilters(search("kind=gift"))).toEqual({ error: "A listing is an offer or a want." });
    expect(marketFilters(search("near=somewhere"))).toEqual({ error: "Near is a latitude and a longitude in degrees, like -41.28, 174.77." });
    expect(marketFilters(search("near=1,2&radiusKm=-3"))).toEqual({ error: "The distance is more than 0 and at most 500 km." });
    expect(search("offset=-5").offset).toBe(0);
  });
});
