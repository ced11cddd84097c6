// Which Remix route a URL path belongs to, as its pattern ("/orders/:number"), for log lines, metric
// labels and body limits: a bounded set of names, never the raw URL.
import { matchRoutes } from "@remix-run/react";

/** The page a single-fetch data request (`/cart.data`, `/_root.data`) is for. */
export function pagePath(path) {
  if (path === "/_root.data") return "/";
  return path.endsWith(".data") ? path.slice(0, -".data".length) : path;
}

export function routePatterns(build) {
  const tree = (parentId) =>
    Object.values(build.routes)
      .filter((r) => r.parentId === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  const routes = tree(undefined);

  return function patternOf(path) {
    const matches = matchRoutes(routes, pagePath(path));
    if (!matches) return "unmatched";
    const segments = matches.map((m) => m.route.path).filter(Boolean);
    return `/${segments.join("/")}`.replace(/\/+/g, "/");
  };
}
