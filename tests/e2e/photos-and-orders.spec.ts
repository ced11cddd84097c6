import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { allDemoProducts, suppliers } from "../../prisma/demo/catalogue";
import { DEMO_ORG_MEMBERS } from "../../prisma/demo/organisations";
import { DEMO_EMPLOYEE_PASSWORD } from "../../prisma/demo/people";
import { expectNoSeriousA11yViolations } from "./a11y";
import { fillSignInForm, signInAsAdmin } from "./support/admin";

// Demo products no other spec touches: the last ones on sale with stock.
const admitted = new Set(suppliers.filter((s) => s.status === "ADMITTED").map((s) => `${s.countySlug}/${s.name}`));
const onSale = allDemoProducts().filter((p) => admitted.has(`${p.countySlug}/${p.supplierName}`) && p.stock >= 50);
const PHOTO_PRODUCT = onSale.at(-1)!;
const BUY_PRODUCT = onSale.at(-2)!;
const QUICK_PRODUCT = onSale.at(-3)!;
const BUYER = DEMO_ORG_MEMBERS.find((m) => m.org === "canteen" && m.role === "BUYER")!;

async function signInAs(page: Page, username: string, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await fillSignInForm(page, username, DEMO_EMPLOYEE_PASSWORD);
  await expect(page).toHaveURL(new RegExp(redirectTo.replace(/[/?]/g, "\\$&")));
}

const photo = (r: number, g: number, b: number) => sharp({ create: { width: 900, height: 700, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

test("an administrator uploads photos; shoppers see them on the list and the product page, on a phone and a desktop", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page, "/admin/products");
  await page.goto("/admin/products");
  const id = await (async () => {
    await page.getByRole("searchbox", { name: "按名称或货号搜索" }).fill(PHOTO_PRODUCT.sku);
    await page.getByRole("button", { name: "筛选" }).click();
    const link = page.locator(`a[href^="/admin/products/"]`).filter({ hasText: PHOTO_PRODUCT.nameZh }).first();
    return (await link.getAttribute("href"))!.split("/").pop()!;
  })();
  await page.goto(`/admin/products/${id}/photos`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("商品照片");

  // A text file named .jpg is refused by its content, and nothing is saved.
  await page.getByLabel("选择照片（可多选）").setInputFiles([{ name: "fake.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a photo") }]);
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("fake.jpg：不是可识别的图片文件");

  await page.getByLabel("选择照片（可多选）").setInputFiles([
    { name: "front.jpg", mimeType: "image/jpeg", buffer: await photo(200, 40, 40) },
    { name: "back.jpg", mimeType: "image/jpeg", buffer: await photo(40, 40, 200) },
  ]);
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("照片已上传");
  await expect(page.getByTestId("admin-photo")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
  // The second becomes the main photo.
  const second = page.getByTestId("admin-photo").nth(1);
  const secondSrc = await second.locator("img").getAttribute("src");
  await second.getByRole("button", { name: "设为主图" }).click();
  await expect(page.getByTestId("admin-photo").first().locator("img")).toHaveAttribute("src", secondSrc!);

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 640 : 800 });
    await page.goto(`/products?q=${encodeURIComponent(PHOTO_PRODUCT.sku)}`);
    const card = page.locator("li").filter({ hasText: PHOTO_PRODUCT.nameZh }).first();
    await expect(card.locator("img")).toHaveAttribute("src", secondSrc!);
    await expect(card.locator("source[type='image/avif']")).toHaveAttribute("srcset", /320w.*640w.*1280w/);

    await page.goto(`/products/${PHOTO_PRODUCT.slug}`);
    const gallery = page.getByTestId("gallery");
    await expect(gallery.locator("img")).toHaveCount(2);
    const main = gallery.locator("img").first();
    await expect(main).toHaveAttribute("src", secondSrc!);
    // The browser picked a variant and it loaded.
    await expect.poll(() => main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await main.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/photos\/[0-9a-f]{24}\/(320|640|1280)\.(avif|webp)$/);
    const buyBar = page.getByTestId("add-to-cart");
    const position = await buyBar.evaluate((el) => getComputedStyle(el).position);
    expect(position).toBe(width === 360 ? "fixed" : "static");
    await expectNoSeriousA11yViolations(page);
  }
  const response = await page.request.get(secondSrc!);
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("an employee buys with 立即购买 and finds the order under 待支付; the header stays small on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto("/login?redirectTo=%2F");
  await fillSignInForm(page, "E10001", DEMO_EMPLOYEE_PASSWORD);
  await expect(page.getByRole("link", { name: "我的订单" })).toBeVisible();
  const headerHeight = await page.locator("header").first().evaluate((el) => el.getBoundingClientRect().height);
  expect(headerHeight).toBeLessThan(640 / 5);

  await page.goto(`/products/${BUY_PRODUCT.slug}`);
  await page.getByTestId("add-to-cart").getByLabel("数量").fill("2");
  await page.getByTestId("add-to-cart").getByRole("button", { name: "立即购买" }).click();
  await expect(page).toHaveURL(/\/checkout\?buy=\d+&quantity=2/);
  await expect(page.getByTestId("checkout-line")).toHaveCount(1);
  await expect(page.getByTestId("checkout-line")).toContainText(BUY_PRODUCT.nameZh);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("radio", { name: "到自提点自提" }).check();
  await page.getByRole("radio", { name: /一汽总部自提点/ }).check();
  await page.getByRole("button", { name: "提交订单并去支付" }).click();
  await expect(page).not.toHaveURL(/\/checkout/);

  await page.goto("/orders");
  await page.getByRole("link", { name: /待支付/ }).click();
  await expect(page).toHaveURL(/tab=unpaid/);
  const row = page.getByTestId("order-row").first();
  await expect(row).toContainText(BUY_PRODUCT.nameZh);
  await expect(row.getByTestId("next-action")).toHaveText("去支付");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: /退款/ }).click();
  await expect(page.getByTestId("orders-empty")).toBeVisible();
});

test("a canteen buyer types a SKU in the quick-order grid and sees the product's name and price before review", async ({ page }) => {
  await signInAs(page, BUYER.employeeNo, "/org/order");
  await page.getByLabel("第 1 行商品编码").fill(QUICK_PRODUCT.sku.toLowerCase());
  const preview = page.getByTestId("sku-preview").first();
  await expect(preview).toContainText(QUICK_PRODUCT.nameZh);
  await expect(preview).toContainText("¥");
  await expect(preview).toContainText("每箱");
  await expectNoSeriousA11yViolations(page);
});
