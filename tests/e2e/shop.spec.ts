import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { fillSignInForm } from "./support/admin";

test.describe("a shopper browsing the hall", () => {
  test("the home page introduces the hall and its three counties", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("助一方振兴");
    const counties = page.getByRole("region", { name: "定点帮扶县" }).or(page.locator("section[aria-labelledby=counties-title]"));
    for (const name of ["镇赉县", "和龙市", "凤山县"]) {
      await expect(counties.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(page.locator("section[aria-labelledby=featured-title] li").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("filters the list by county, and the filter lives in the URL", async ({ page }) => {
    await page.goto("/products");
    await page.getByLabel("产地").selectOption({ label: "镇赉县" });
    await page.getByRole("button", { name: "应用筛选" }).click();
    await expect(page).toHaveURL(/county=zhenlai/);
    const cards = page.getByRole("list", { name: "全部商品" }).getByRole("listitem");
    await expect(cards.first()).toBeVisible();
    const origins = await cards.locator("p").first().allTextContents();
    expect(origins.length).toBeGreaterThan(0);
    for (const origin of await cards.evaluateAll((els) => els.map((el) => el.querySelector("p")?.textContent ?? ""))) {
      expect(origin).toContain("镇赉县");
    }
    // The same URL, opened fresh, shows the same list.
    const shared = page.url();
    const count = await page.getByTestId("result-count").textContent();
    await page.goto(shared);
    await expect(page.getByTestId("result-count")).toHaveText(count ?? "");
    await expect(page.getByLabel("产地")).toHaveValue("zhenlai");
    await expectNoSeriousA11yViolations(page);
  });

  for (const query of ["大米", "dami", "dm"]) {
    test(`search "${query}" finds rice (大米)`, async ({ page }) => {
      await page.goto("/");
      await page.getByRole("searchbox").fill(query);
      await page.getByRole("searchbox").press("Enter");
      await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(query)}`));
      const firstCard = page.getByRole("list", { name: "全部商品" }).getByRole("listitem").first();
      await expect(firstCard.getByRole("heading")).toContainText("大米");
    });
  }

  test("a search with no match says so and suggests what to try", async ({ page }) => {
    await page.goto("/products?q=zzzzqqq");
    await expect(page.getByText("没有找到符合条件的商品。")).toBeVisible();
  });

  test("bad filter values are explained, not an error page", async ({ page }) => {
    await page.goto("/products?min=abc&max=5");
    await expect(page.getByRole("alert")).toContainText("最低价格式不正确");
    await expect(page.getByTestId("result-count")).toBeVisible();
  });

  test("a product page shows price, origin and the first secretary's endorsement", async ({ page }) => {
    await page.goto("/products?endorsed=1");
    const first = page.getByRole("list", { name: "全部商品" }).getByRole("listitem").first();
    const name = (await first.getByRole("heading").textContent())?.trim() ?? "";
    await first.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByText(/¥\d/).first()).toBeVisible();
    await expect(page.getByText("产地", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "第一书记代言" })).toBeVisible();
    await expect(page.getByText(/第一书记 /)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("an unknown product is a proper 404 page", async ({ page }) => {
    const response = await page.goto("/products/no-such-product");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  });

  test("a county page tells its story and lists its products", async ({ page }) => {
    await page.goto("/counties/fengshan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("凤山县");
    await expect(page.getByText(/文里村/).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "凤山县的商品" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    expect((await page.goto("/counties/atlantis"))?.status()).toBe(404);
  });

  test("switching to English persists across pages, and ?lang= switches too", async ({ page }) => {
    await page.goto("/products");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("All products");
    await page.getByRole("link", { name: "Counties" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Counties");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("section[aria-labelledby=counties-title]").getByRole("link", { name: "Zhenlai County", exact: true })).toBeVisible();
    await page.goto("/counties?lang=zh");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("帮扶县");
  });

  test("works on a 360 px wide phone without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/", "/products", "/products?q=dami", "/counties/helong"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto("/products");
    await page.getByRole("list", { name: "全部商品" }).getByRole("listitem").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // Signed in, the header carries more links (cart, orders, organisation, account): still no sideways scroll.
    await page.goto("/login?redirectTo=%2Fproducts");
    await fillSignInForm(page, "E10003", "hall-employee-2026");
    await expect(page.getByRole("link", { name: "我的订单" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
