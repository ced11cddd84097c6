import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routeNamespaces } from "~/i18n";
import { getPageWording } from "~/i18n.server";
import { resources } from "~/locales";
import { namespacesUsedBy } from "../support/wording-scan";

const routesDir = path.resolve(__dirname, "../../app/routes");

function keysOf(value: unknown, prefix = ""): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    typeof inner === "object" && inner !== null ? keysOf(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
// Plural forms differ between languages (Chinese has one, English two): compare the key without them.
const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("wording", () => {
  it("carries every key in both languages, since a page loads only its own language", () => {
    for (const ns of Object.keys(resources.zh) as (keyof typeof resources.zh)[]) {
      const zh = new Set(keysOf(resources.zh[ns]).map(withoutPlural));
      const en = new Set(keysOf(resources.en[ns]).map(withoutPlural));
      expect([...zh].filter((key) => !en.has(key)), `${ns}: keys missing in English`).toEqual([]);
      expect([...en].filter((key) => !zh.has(key)), `${ns}: keys missing in Chinese`).toEqual([]);
    }
  });

  it("the root and every page route declare each namespace its code and components use", () => {
    const missing: string[] = [];
    const files = [...readdirSync(routesDir).map((file) => path.join(routesDir, file)), path.join(routesDir, "../root.tsx")];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      if (!source.includes("export default function")) continue;
      const declared = /export const handle: WordingHandle = \{ i18n: \[([^\]]*)\] \}/.exec(source)?.[1] ?? "";
      const names = new Set(["common", ...[...declared.matchAll(/"(\w+)"/g)].map((m) => m[1]!)]);
      for (const ns of namespacesUsedBy(file)) if (!names.has(ns)) missing.push(`${path.basename(file)}: ${ns}`);
    }
    expect(missing).toEqual([]);
  });

  it("a page carries its namespaces in the visitor's language and nothing else", () => {
    const namespaces = routeNamespaces([{ handle: { i18n: ["common"] } }, { handle: { i18n: ["shop"] } }]);
    expect(namespaces).toEqual(["common", "shop"]);
    const zh = getPageWording("zh", namespaces);
    const wording = JSON.parse(zh.json) as { lng: string; resources: Record<string, Record<string, unknown>> };
    expect(wording.lng).toBe("zh");
    expect(Object.keys(wording.resources)).toEqual(["zh"]);
    expect(Object.keys(wording.resources.zh!)).toEqual(["common", "shop"]);
    expect(zh.json).toContain(resources.zh.shop.list.title);
    expect(zh.json).not.toContain(resources.en.shop.list.title);
    // The page renders with that wording only: a namespace it did not declare shows as a key.
    expect(zh.i18n.t("shop:list.title")).toBe(resources.zh.shop.list.title);
    expect(zh.i18n.t("admin:nav.products")).not.toBe(resources.zh.admin.nav.products);
  });
});
