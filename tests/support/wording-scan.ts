import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const appDir = path.resolve(__dirname, "../../app");
const namespaceNames = ["common", "shop", "admin", "account", "orders", "org", "gifts", "ledger"];

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? path.join(appDir, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return null;
}

/** The namespaces one file names itself: `useTranslation("ns")`, `useTranslation()` (common), "ns:key" literals. */
function namespacesIn(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/useTranslation\(\s*(?:"(\w+)")?/g)) found.add(m[1] ?? "common");
  for (const m of source.matchAll(/["'`](\w+):[a-zA-Z]/g)) if (namespaceNames.includes(m[1]!)) found.add(m[1]!);
  return found;
}

/**
 * Every namespace a module and the app modules it imports (transitively) use.
 */
export function namespacesUsedBy(file: string, seen = new Set<string>()): Set<string> {
  // Server-only modules never reach the page; keys they return come back through the route's own
  // code or the form components it shows, which are counted.
  const result = new Set<string>();
  if (/\.server\.tsx?$/.test(file)) return result;
  if (seen.has(file) || file.includes(`${path.sep}locales${path.sep}`) || file.includes(`${path.sep}generated${path.sep}`)) return result;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const ns of namespacesIn(source)) result.add(ns);
  for (const m of source.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) {
    if (/^import\s+type\s/.test(m[0])) continue;
    const target = resolveImport(file, m[1]!);
    if (target) for (const ns of namespacesUsedBy(target, seen)) result.add(ns);
  }
  return result;
}
