import { fenToYuanInput, parseYuanToFen } from "~/utils/money";

/** The shop's list filters, read from the URL so every state can be shared as a link. */
export const sorts = ["relevance", "price-asc", "price-desc", "newest"] as const;
export type Sort = (typeof sorts)[number];

export const PAGE_SIZE = 24;
const MAX_PAGE = 500;

export type ProductFilters = {
  q: string;
  county: string;
  category: string;
  endorsed: boolean;
  inStock: boolean;
  minFen: number | null;
  maxFen: number | null;
  sort: Sort;
  page: number;
};

/** Which URL values were not understood and so were ignored; the page says so. */
export type FilterProblem = "minPrice" | "maxPrice" | "priceRange" | "page" | "sort";

const SLUG = /^[a-z0-9-]{1,60}$/;

export function parseProductFilters(params: URLSearchParams): { filters: ProductFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const text = (name: string) => (params.get(name) ?? "").trim();

  const price = (name: "min" | "max", problem: FilterProblem) => {
    const raw = text(name);
    if (!raw) return null;
    const fen = parseYuanToFen(raw);
    if (fen === null) problems.push(problem);
    return fen;
  };
  let minFen = price("min", "minPrice");
  let maxFen = price("max", "maxPrice");
  if (minFen !== null && maxFen !== null && minFen > maxFen) {
    problems.push("priceRange");
    minFen = maxFen = null;
  }

  const rawSort = text("sort");
  let sort: Sort = "relevance";
  if ((sorts as readonly string[]).includes(rawSort)) sort = rawSort as Sort;
  else if (rawSort) problems.push("sort");

  const rawPage = text("page");
  let page = 1;
  if (rawPage) {
    const n = Number(rawPage);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_PAGE) page = n;
    else problems.push("page");
  }

  const slug = (name: string) => (SLUG.test(text(name)) ? text(name) : "");
  return {
    filters: {
      q: text("q").slice(0, 100),
      county: slug("county"),
      category: slug("category"),
      endorsed: text("endorsed") === "1",
      inStock: text("inStock") === "1",
      minFen,
      maxFen,
      sort,
      page,
    },
    problems,
  };
}

/** The URL for these filters with some changed; unset values are left out to keep links short. */
export function filtersToSearch(filters: ProductFilters, changes: Partial<ProductFilters> = {}): string {
  const f = { ...filters, page: 1, ...changes };
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.county) params.set("county", f.county);
  if (f.category) params.set("category", f.category);
  if (f.endorsed) params.set("endorsed", "1");
  if (f.inStock) params.set("inStock", "1");
  if (f.minFen !== null) params.set("min", fenToYuanInput(f.minFen));
  if (f.maxFen !== null) params.set("max", fenToYuanInput(f.maxFen));
  if (f.sort !== "relevance") params.set("sort", f.sort);
  if (f.page > 1) params.set("page", String(f.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
