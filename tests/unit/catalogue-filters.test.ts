import { describe, expect, it } from "vitest";
import { filtersToSearch, parseProductFilters } from "~/models/catalogue-filters";

const parse = (query: string) => parseProductFilters(new URLSearchParams(query));

describe("product list filters in the URL", () => {
  it("reads every filter", () => {
    const { filters, problems } = parse("q=大米&county=zhenlai&category=rice&endorsed=1&inStock=1&min=10&max=99.5&sort=price-asc&page=3");
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      q: "大米",
      county: "zhenlai",
      category: "rice",
      endorsed: true,
      inStock: true,
      minFen: 1000,
      maxFen: 9950,
      sort: "price-asc",
      page: 3,
    });
  });

  it("round-trips through the URL so a filtered list can be shared", () => {
    const { filters } = parse("q=dm&county=helong&min=5&sort=newest&page=2");
    expect(parse(filtersToSearch(filters, { page: 2 }).slice(1)).filters).toEqual(filters);
  });

  it("starts again from page 1 when a filter changes", () => {
    const { filters } = parse("county=helong&page=4");
    expect(filtersToSearch(filters, { county: "fengshan" })).toBe("?county=fengshan");
  });

  it("names what it could not understand instead of failing", () => {
    const { filters, problems } = parse("min=abc&max=-3&page=0&sort=cheapest");
    expect(problems).toEqual(["minPrice", "maxPrice", "sort", "page"]);
    expect(filters).toMatchObject({ minFen: null, maxFen: null, sort: "relevance", page: 1 });
  });

  it("ignores an upside-down price range", () => {
    const { filters, problems } = parse("min=100&max=10");
    expect(problems).toEqual(["priceRange"]);
    expect(filters.minFen).toBeNull();
    expect(filters.maxFen).toBeNull();
  });

  it("drops slugs that are not slugs", () => {
    expect(parse("county=<script>&category=a%20b").filters).toMatchObject({ county: "", category: "" });
  });
});
