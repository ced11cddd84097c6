import { expect, test, type Page } from "@playwright/test";
import enAdmin from "../../app/locales/en/admin";
import enOrders from "../../app/locales/en/orders";
import enShop from "../../app/locales/en/shop";
import zhAdmin from "../../app/locales/zh/admin";
import zhShop from "../../app/locales/zh/shop";

type PageWording = { lng: string; resources: Record<string, Record<string, unknown>> };

/** The wording a page's HTML carries (root.tsx writes it for the browser to hydrate with). */
function wordingIn(html: string): PageWording {
  const json = /<script id="page-wording" type="application\/json"[^>]*>(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error("no page wording in the HTML");
  return JSON.parse(json) as PageWording;
}

test.describe("wording ships per page, in one language", () => {
  test("/products carries only its own namespaces, in Chinese by default and in English when chosen", async ({ request }) => {
    const zhHtml = await (await request.get("/products", { headers: { cookie: "" } })).text();
    const zh = wordingIn(zhHtml);
    expect(zh.lng).toBe("zh");
    expect(Object.keys(zh.resources)).toEqual(["zh"]);
    expect(Object.keys(zh.resources.zh!).sort()).toEqual(["common", "shop"]);
    expect(zhHtml).toContain(zhShop.list.apply);
    // Nothing English-only, and no administrator wording, reaches a shopper's Chinese page.
    expect(zhHtml).not.toContain(enShop.list.apply);
    expect(zhHtml).not.toContain(enShop.list.clear);
    expect(zhHtml).not.toContain(zhAdmin.nav.label);
    expect(zhHtml).not.toContain(enAdmin.nav.label);

    const enHtml = await (await request.get("/products?lang=en")).text();
    const en = wordingIn(enHtml);
    expect(Object.keys(en.resources)).toEqual(["en"]);
    expect(Object.keys(en.resources.en!).sort()).toEqual(["common", "shop"]);
    expect(enHtml).toContain(enShop.list.apply);
    expect(enHtml).not.toContain(zhShop.list.apply);
    expect(enHtml).not.toContain(zhShop.list.clear);
  });

  test("a namespace's URL answers with that wording and may be cached for good", async ({ request, page }) => {
    await page.goto("/products");
    const version = await page.evaluate(() => (JSON.parse(document.getElementById("page-wording")!.textContent!) as { version: string }).version);
    const response = await request.get(`/locales/en/orders?v=${version}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("immutable");
    expect(((await response.json()) as typeof enOrders).cart.title).toBe(enOrders.cart.title);
    expect((await request.get("/locales/en/nonsense")).status()).toBe(404);
    expect((await request.get("/locales/fr/orders")).status()).toBe(404);
  });

  test("in English, a client-side visit to a page with wording not loaded yet shows it translated", async ({ page }) => {
    // A hydration mismatch (the browser's wording differing from the server's) is a console error.
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto("/products");
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(enShop.list.title);
    // The product list does not carry the orders namespace; the cart page needs it.
    const fetched = page.waitForRequest((r) => r.url().includes("/locales/en/orders"));
    await page.evaluate(() => Object.assign(window, { stayedOnPage: true }));
    await page.getByTestId("cart-link").click();
    await fetched;
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(enOrders.cart.title);
    await expect(page.getByText(enOrders.cart.empty)).toBeVisible();
    // No full page load happened, and no raw key was shown.
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    await expect(page.locator("main")).not.toContainText("cart.");
    expect(errors).toEqual([]);
  });

  test("error pages speak the visitor's language", async ({ page }) => {
    const zh = await page.goto("/no-such-page");
    expect(zh?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
    await page.goto("/no-such-page?lang=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  });
});

async function cardsAt360(page: Page) {
  await page.setViewportSize({ width: 360, height: 780 });
  // 打糕 (Korean rice cakes) brings the demo catalogue's longest English names.
  await page.goto(`/products?lang=en&q=${encodeURIComponent("打糕")}`);
  const cards = page.locator("main li:has(h3)");
  await expect(cards.first()).toBeVisible();
  return cards;
}

test("English cards on a 360 px phone: names within two lines, specs in English", async ({ page }) => {
  const cards = await cardsAt360(page);
  const measured = await cards.evaluateAll((items) =>
    items.map((item) => {
      const name = item.querySelector("h3")!;
      const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
      const detail = item.querySelector("p")!.textContent ?? "";
      return {
        name: name.textContent,
        sideways: name.scrollWidth - name.clientWidth,
        lines: Math.round(name.getBoundingClientRect().height / lineHeight),
        card: item.getBoundingClientRect().right,
        spec: detail.split(" · ").pop() ?? "",
      };
    }),
  );
  expect(measured.length).toBeGreaterThan(4);
  for (const card of measured) {
    expect(card.sideways, card.name ?? "").toBeLessThanOrEqual(0);
    expect(card.lines, card.name ?? "").toBeLessThanOrEqual(2);
    expect(card.card, card.name ?? "").toBeLessThanOrEqual(360);
    expect(card.spec, card.name ?? "").not.toMatch(/[\u4e00-\u9fff]/);
  }
});
