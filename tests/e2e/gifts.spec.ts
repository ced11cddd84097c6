import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { fillSignInForm, signInAsAdmin } from "./support/admin";

// The demo welfare organisation's buyer (prisma/demo/organisations.ts) and the seeded gift box's
// products (scripts/seed-gifts.ts gives each 1,000 more units for the festival).
const WELFARE_BUYER = { username: "D20005", password: "hall-employee-2026" };
const WELFARE_ADMIN = { username: "D20004", password: "hall-employee-2026" };
// A demo employee who is also on the recipient list (row 2): they see their own parcel, nobody else's.
const RECIPIENT = { username: "E10001", password: "hall-employee-2026" };
const COMPONENTS = [
  { sku: "ZL-0001", quantity: "1" },
  { sku: "HL-0005", quantity: "1" },
  { sku: "FS-0001", quantity: "1" },
];
const BOX_NAME = `元旦慰问礼盒${Date.now() % 100000}`;

/** 500 recipients as a welfare office would list them; `badRow` (spreadsheet row) gets a wrong mobile number. */
function recipientFile(badRow?: number) {
  const lines = ["姓名,工号,手机,地址,自提点,份数"];
  for (let i = 1; i <= 500; i++) {
    const row = i + 1;
    const mobile = row === badRow ? "1380001" : `139${String(70_000_000 + i)}`;
    if (i === 1) {
      lines.push(`张伟,E10001,${mobile === "1380001" ? mobile : "13800010001"},吉林省长春市东风大街 8899 号 3 栋 501,,`);
      continue;
    }
    lines.push(i % 2 === 0 ? `职工${i},W${String(i).padStart(5, "0")},${mobile},,HQ,` : `职工${i},W${String(i).padStart(5, "0")},${mobile},吉林省长春市东风大街 ${i} 号,,`);
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}`, "utf8");
}

/** No sideways scrolling on a 360 px phone (wide tables scroll inside their own region). */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an administrator defines a gift box; the welfare buyer sends it to 500 recipients and sees 500 shipments", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin, "/admin/gift-boxes");
  await expect(admin.getByRole("heading", { name: "福利礼盒", level: 1 })).toBeVisible();
  await admin.getByLabel("名称（中文）").fill(BOX_NAME);
  // A component typed twice is named at its row as soon as it is left, before anything is sent (the
  // form's schema checks in the browser); sending it anyway keeps it named there and loses nothing.
  await admin.getByLabel("商品编码 1").fill(COMPONENTS[0]!.sku);
  await admin.getByLabel("每盒数量").nth(0).fill("1");
  await admin.getByLabel("商品编码 2").fill(COMPONENTS[0]!.sku);
  await admin.getByLabel("每盒数量").nth(1).focus();
  const second = admin.getByLabel("商品编码 2");
  await expect(second).toHaveAttribute("aria-invalid", "true");
  await expect(second).toHaveAccessibleDescription("这个商品已在上面出现");
  await admin.getByLabel("每盒数量").nth(1).fill("1");
  await admin.getByRole("button", { name: "新建礼盒" }).click();
  await expect(second).toHaveAccessibleDescription("这个商品已在上面出现");
  await expect(admin.getByLabel("名称（中文）")).toHaveValue(BOX_NAME);
  for (const [i, c] of COMPONENTS.entries()) {
    await admin.getByLabel(`商品编码 ${i + 1}`).fill(c.sku);
    await admin.getByLabel("每盒数量").nth(i).fill(c.quantity);
  }
  await admin.getByRole("button", { name: "新建礼盒" }).click();
  await expect(admin.getByText("礼盒已创建。")).toBeVisible();
  // ¥59.80 + ¥45 + ¥58 at list prices.
  await expect(admin.locator("dl")).toContainText("¥162.80");
  await expectNoSeriousA11yViolations(admin);

  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto("/login?redirectTo=%2Forg%2Fgifts");
  await fillSignInForm(buyer, WELFARE_BUYER.username, WELFARE_BUYER.password);
  await expect(buyer.getByRole("heading", { name: "福利礼盒", level: 1 })).toBeVisible();
  await expect(buyer.getByRole("listitem").filter({ hasText: BOX_NAME })).toContainText("¥162.80");
  await expectNoSeriousA11yViolations(buyer);
  await expectFitsPhone(buyer);

  // First with one bad row: the error is listed with its row number, and nothing is kept.
  await buyer.getByLabel("礼盒", { exact: true }).selectOption({ label: BOX_NAME });
  await buyer.getByLabel("名单文件").setInputFiles({ name: "福利名单.csv", mimeType: "text/csv", buffer: recipientFile(251) });
  await buyer.getByRole("button", { name: "上传并核对" }).click();
  const problems = buyer.getByTestId("file-problems");
  await expect(problems.getByRole("listitem")).toHaveCount(1);
  await expect(problems).toContainText("第 251 行：手机号“1380001”不是有效的 11 位手机号码。");
  await expect(buyer.getByLabel("名单文件")).toHaveAttribute("aria-invalid", "true");
  await buyer.reload();
  await expect(buyer.getByRole("link", { name: "核对礼盒订单" })).toHaveCount(0);

  // Then fixed: the review shows 500 boxes, 500 parcels and the server's price; a reload loses nothing.
  await buyer.getByLabel("礼盒", { exact: true }).selectOption({ label: BOX_NAME });
  await buyer.getByLabel("名单文件").setInputFiles({ name: "福利名单.csv", mimeType: "text/csv", buffer: recipientFile() });
  await buyer.getByRole("button", { name: "上传并核对" }).click();
  await expect(buyer.getByRole("heading", { name: "核对礼盒订单" })).toBeVisible();
  await buyer.reload();
  await expect(buyer.getByTestId("gift-boxes")).toHaveText("500");
  await expect(buyer.getByTestId("gift-shipments")).toHaveText("500");
  await expect(buyer.getByTestId("gift-total")).toHaveText("¥81,400.00");
  await expectNoSeriousA11yViolations(buyer);
  await expectFitsPhone(buyer);
  await buyer.getByLabel("采购单号（可选）").fill("GH-2026-001");
  await buyer.getByRole("button", { name: "提交订单" }).click();

  // One order, 500 shipments, paged 100 at a time; the welfare office's ¥10,000 threshold applies.
  await expect(buyer.getByRole("heading", { name: /礼盒订单 FP-/ })).toBeVisible();
  await expect(buyer.getByText("订单已提交，金额超过审批额度，等待审批人审批。")).toBeVisible();
  await expect(buyer.getByTestId("shipment-counts")).toHaveText("待发货 500 · 已发货 0 · 已送达 0");
  await expect(buyer.getByTestId("shipments").locator("tbody tr")).toHaveCount(100);
  await expect(buyer.getByText("第 1 / 5 页")).toBeVisible();
  await buyer.getByRole("link", { name: "下一页" }).click();
  await expect(buyer.getByTestId("shipments").locator("tbody tr").first()).toContainText("W00101");
  await buyer.getByLabel("搜索姓名、工号或运单号").fill("W00250");
  await buyer.getByRole("button", { name: "筛选" }).click();
  await expect(buyer.getByTestId("shipments").locator("tbody tr")).toHaveCount(1);
  await expect(buyer.getByTestId("shipments")).toContainText("一汽总部自提点");
  await expectNoSeriousA11yViolations(buyer);
  await expectFitsPhone(buyer);

  // The organisation's order page shows the same shipments' progress.
  await buyer.getByRole("link", { name: "查看订单详情" }).click();
  await expect(buyer.getByRole("link", { name: "查看 500 个收件人包裹" })).toBeVisible();
  await expect(buyer.getByText("待发货 500 · 已发货 0 · 已送达 0")).toBeVisible();
  const orderUrl = buyer.url();

  // The welfare office's admin approves, the buyer pays (test payment), the hall ships every parcel.
  const approver = await (await browser.newContext()).newPage();
  await approver.goto(`/login?redirectTo=${encodeURIComponent(new URL(orderUrl).pathname)}`);
  await fillSignInForm(approver, WELFARE_ADMIN.username, WELFARE_ADMIN.password);
  await approver.getByRole("button", { name: "批准" }).click();
  await expect(approver.getByText("审批结果已保存")).toBeVisible();
  await buyer.reload();
  await buyer.getByRole("button", { name: "立即支付" }).click();
  await expect(buyer).toHaveURL(/\/pay\/local\//);
  await buyer.getByRole("button", { name: "支付成功" }).click();

  await admin.goto("/admin/gift-boxes");
  await admin.getByRole("link", { name: new URL(orderUrl).pathname.split("/").pop()! }).click();
  await admin.getByLabel("承运商").first().fill("顺丰速运");
  await admin.getByRole("button", { name: "全部发货" }).click();
  await expect(admin.getByText("已更新 500 个包裹。")).toBeVisible();
  await expect(admin.getByTestId("shipment-counts")).toHaveText("待发货 0 · 已发货 500 · 已送达 0");
  await expectNoSeriousA11yViolations(admin);

  const recipient = await (await browser.newContext()).newPage();
  await recipient.goto("/login?redirectTo=%2Forders");
  await fillSignInForm(recipient, RECIPIENT.username, RECIPIENT.password);
  await recipient.getByRole("link", { name: "我的福利礼盒" }).click();
  const parcels = recipient.getByTestId("my-gifts").getByRole("listitem");
  await expect(parcels).toHaveCount(1);
  await expect(parcels).toContainText(BOX_NAME);
  await expect(parcels).toContainText("顺丰速运");
  await expect(parcels).toContainText("已发货");
  await expect(recipient.getByText("职工2", { exact: false })).toHaveCount(0);
});
