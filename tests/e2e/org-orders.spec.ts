import { expect, test, type Page, type Route } from "@playwright/test";
import { stringify } from "csv-stringify/sync";
import { allDemoProducts, suppliers } from "../../prisma/demo/catalogue";
import { DEMO_ORG_MEMBERS } from "../../prisma/demo/organisations";
import { DEMO_EMPLOYEE_PASSWORD } from "../../prisma/demo/people";
import { expectNoSeriousA11yViolations } from "./a11y";
import { fillSignInForm, signInAsAdmin } from "./support/admin";

const BUYER = DEMO_ORG_MEMBERS.find((m) => m.org === "canteen" && m.role === "BUYER")!;
const APPROVER = DEMO_ORG_MEMBERS.find((m) => m.org === "canteen" && m.role === "APPROVER")!;

/** 200 lines from the demo catalogue: on sale (admitted supplier), enough stock, two of each. */
function demoLines(count: number) {
  const admitted = new Set(suppliers.filter((s) => s.status === "ADMITTED").map((s) => `${s.countySlug}/${s.name}`));
  return allDemoProducts()
    .filter((p) => admitted.has(`${p.countySlug}/${p.supplierName}`) && p.stock >= 50)
    .slice(0, count)
    .map((p) => ({ sku: p.sku, quantity: 2 }));
}

async function signInAs(page: Page, employeeNo: string, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await fillSignInForm(page, employeeNo, DEMO_EMPLOYEE_PASSWORD);
}

test("a canteen buyer uploads 200 lines, fixes the bad row, orders above the threshold; the approver approves; the office records the transfer", async ({ browser }) => {
  test.setTimeout(180_000);
  const lines = demoLines(201);
  expect(lines).toHaveLength(201);
  const good = lines.slice(0, 200);
  // Row 101 of the file (after the header) names a product that does not exist.
  const withBadRow = [...good.slice(0, 99), { sku: "NO-SUCH-SKU", quantity: 2 }, ...good.slice(100)];
  const csv = (rows: { sku: string; quantity: number }[]) => Buffer.from(stringify([["sku", "quantity"], ...rows.map((r) => [r.sku, r.quantity])]));

  const buyer = await (await browser.newContext()).newPage();
  await signInAs(buyer, BUYER.employeeNo, "/org/order");
  await expect(buyer.getByRole("heading", { name: "快速下单", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(buyer);

  await buyer.getByLabel("订单文件").setInputFiles({ name: "weekly.csv", mimeType: "text/csv", buffer: csv(withBadRow) });
  await buyer.getByRole("button", { name: "上传并加入" }).click();
  const problems = buyer.getByTestId("upload-problems");
  await expect(problems).toHaveText(/第 101 行：没有商品编码为 NO-SUCH-SKU 的商品/);
  await expect(problems.getByRole("listitem")).toHaveCount(1);
  // Nothing was added: the grid's first row is still empty.
  await expect(buyer.getByLabel("第 1 行商品编码")).toHaveValue("");

  await buyer.getByLabel("订单文件").setInputFiles({ name: "weekly.csv", mimeType: "text/csv", buffer: csv(good) });
  await buyer.getByRole("button", { name: "上传并加入" }).click();
  await expect(buyer.getByText("已加入 200 行")).toBeVisible();
  await expect(buyer.getByLabel("第 200 行商品编码")).toHaveValue(good[199]!.sku);

  // A reload loses nothing: the grid lives on the server.
  await buyer.reload();
  await expect(buyer.getByLabel("第 200 行数量")).toHaveValue("2");

  await buyer.getByRole("button", { name: "下一步：核对价格" }).click();
  await expect(buyer.getByRole("heading", { name: "核对并下单" })).toBeVisible();
  await expect(buyer.getByText("提交后需审批人批准", { exact: false })).toBeVisible();
  const total = await buyer.getByTestId("org-total").innerText();
  await buyer.getByLabel("采购单号（PO）").fill("CT-2026-W48");
  await buyer.getByLabel("需要开具增值税发票").check();
  await buyer.getByLabel("发票抬头").fill("一汽总部职工食堂");
  await buyer.getByLabel("纳税人识别号（税号）").fill("91350100M000100Y44");
  // Leaving the field checks it with the form's schema in the browser, before anything is sent.
  const taxNumber = buyer.getByLabel("纳税人识别号（税号）");
  await taxNumber.blur();
  await expect(taxNumber).toHaveAttribute("aria-invalid", "true");
  await expect(taxNumber).toHaveAccessibleDescription(/校验位不正确/);
  await buyer.getByRole("button", { name: "提交订单" }).click();
  await expect(taxNumber).toHaveAttribute("aria-invalid", "true");
  await expect(buyer.getByText("校验位不正确", { exact: false })).toBeVisible();
  await expect(buyer.getByLabel("采购单号（PO）")).toHaveValue("CT-2026-W48");
  await taxNumber.fill("91350100M000100Y43");
  await buyer.getByRole("button", { name: "提交订单" }).click();

  await expect(buyer.getByText("订单已提交，等待审批")).toBeVisible();
  await expect(buyer.getByTestId("order-status").first()).toHaveText("待审批");
  await expect(buyer.getByTestId("order-total")).toHaveText(total);
  const orderUrl = buyer.url().replace(/\?.*$/, "");
  const number = orderUrl.split("/").pop()!;
  await expectNoSeriousA11yViolations(buyer);

  const approver = await (await browser.newContext()).newPage();
  await signInAs(approver, APPROVER.employeeNo, "/org/approvals");
  await approver.getByRole("link", { name: number }).click();
  await approver.getByLabel("审批意见").fill("本周食堂采购");
  await approver.getByRole("button", { name: "批准" }).click();
  await expect(approver.getByText("审批结果已保存")).toBeVisible();
  await expect(approver.getByTestId("order-status").first()).toHaveText("已确认（账期）");

  await buyer.goto(orderUrl);
  await expect(buyer.getByTestId("approval-decision")).toContainText("已批准");

  // The bank's reference names this order, so the test can run again on the same database (--repeat-each).
  const transfer = `ICBC-${number}`;
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin, "/admin/receivables");
  await expectNoSeriousA11yViolations(admin);
  await admin.getByRole("link", { name: number }).click();
  const outstandingBefore = await admin.getByTestId("outstanding").innerText();
  expect(outstandingBefore).toBe(total);
  await admin.getByLabel("金额（元）").first().fill("1000");
  await admin.getByLabel("银行流水号").fill(transfer);
  await admin.getByRole("button", { name: "登记", exact: true }).click();
  await expect(admin.getByText("收款已登记")).toBeVisible();
  await expect(admin.getByText(transfer)).toBeVisible();
  await expect(admin.getByTestId("outstanding")).not.toHaveText(outstandingBefore);

  // The same transfer recorded again is recognised, not counted twice.
  await admin.getByLabel("金额（元）").first().fill("1000");
  await admin.getByLabel("银行流水号").fill(transfer);
  await admin.getByRole("button", { name: "登记", exact: true }).click();
  await expect(admin.getByText("这笔转账已经登记过")).toBeVisible();
  await expect(admin.getByText(transfer)).toHaveCount(1);

  await buyer.goto(orderUrl);
  await expect(buyer.getByTestId("outstanding")).toHaveText(await admin.getByTestId("outstanding").innerText());
});

test("the welfare buyer orders from a 360 px phone: grid, review and order page fit without sideways scrolling", async ({ page }) => {
  const welfareBuyer = DEMO_ORG_MEMBERS.find((m) => m.org === "welfare" && m.role === "BUYER")!;
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAs(page, welfareBuyer.employeeNo, "/org/order");
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const [first, second] = demoLines(2);
  await page.getByLabel("第 1 行商品编码").fill(first!.sku);
  await page.getByLabel("第 1 行数量").fill("x");
  await page.getByLabel("第 2 行商品编码").fill(second!.sku);
  await page.getByLabel("第 2 行数量").fill("3");
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "下一步：核对价格" }).click();
  // The bad quantity is named on its row, and what was typed is still there.
  const quantity = page.getByLabel("第 1 行数量");
  await expect(quantity).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${(await quantity.getAttribute("aria-describedby"))!}`)).toHaveText(/第 1 行：数量“x”不正确/);
  await expect(page.getByLabel("第 2 行商品编码")).toHaveValue(second!.sku);
  await expectNoSeriousA11yViolations(page);

  await quantity.fill("4");
  await page.getByRole("button", { name: "下一步：核对价格" }).click();
  await expect(page.getByRole("heading", { name: "核对并下单" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "提交订单" }).click();
  await expect(page.getByText("订单已提交", { exact: true })).toBeVisible();
  await expect(page.getByTestId("order-status").first()).toHaveText("待支付");
  await expect(page.getByRole("button", { name: "立即支付" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});

test("the quick-order grid says how many units are left, and 清空 empties what the browser shows", async ({ page }) => {
  const [line] = demoLines(1);
  await signInAs(page, BUYER.employeeNo, "/org");
  // Opened by a client-side link, as a buyer would: the grid must still follow the saved draft.
  await page.getByRole("link", { name: "快速下单" }).first().click();
  await expect(page.getByRole("heading", { name: "快速下单", level: 1 })).toBeVisible();
  await page.getByLabel("第 1 行商品编码").fill(line!.sku);
  await page.getByLabel("第 1 行数量").fill("99999");
  await page.getByRole("button", { name: "下一步：核对价格" }).click();
  const rowError = page.locator("#row-0-error");
  await expect(rowError).toHaveText(new RegExp(`商品 ${line!.sku} 库存只有 \\d+$`));
  await expect(rowError).not.toContainText("¥");

  await page.getByRole("button", { name: "清空" }).click();
  await expect(page.getByText("已清空")).toBeVisible();
  await expect(page.getByLabel("第 1 行商品编码")).toHaveValue("");
  await expect(page.getByLabel("第 1 行数量")).toHaveValue("");
  await page.getByRole("button", { name: "下一步：核对价格" }).click();
  await expect(page.getByText("还没有填写任何商品")).toBeVisible();
  await expect(page.getByRole("heading", { name: "快速下单", level: 1 })).toBeVisible();
});

// A line's description is fetched from a route the browser may not know yet (lazy route discovery would
// first ask /__manifest). A save that redirects while that is on its way must not turn the page into a
// 404: with Remix 2's lazy discovery it did (remix-run/remix#10263, ADR 032), now and then on busy cores.
test("saving the grid while a line's description is still on its way keeps the page, then describes the line", async ({ page }) => {
  const [line] = demoLines(1);
  const product = allDemoProducts().find((p) => p.sku === line!.sku)!;
  await signInAs(page, BUYER.employeeNo, "/org/order");
  // An empty grid, in a page loaded afresh: nothing has asked for a line's description yet.
  await page.getByRole("button", { name: "清空" }).click();
  await expect(page.getByText("已清空")).toBeVisible();
  await page.goto("/org/order");
  await expect(page.getByRole("heading", { name: "快速下单", level: 1 })).toBeVisible();
  // Hold the browser's first request for the description (whatever it asks first) until the save is back.
  let held: (route: Route) => void;
  const heldRoute = new Promise<Route>((resolve) => (held = resolve));
  let holding = true;
  await page.route(/\/__manifest\?.*p=%2Forg%2Fsku|\/org\/sku\.data\?/, async (route) => {
    if (!holding) return route.continue();
    holding = false;
    held(route);
  });
  await page.getByLabel("第 1 行商品编码").fill(line!.sku);
  await page.getByLabel("第 1 行数量").fill("2");
  const route = await heldRoute;

  const reloaded = page.waitForResponse((r) => r.request().method() === "GET" && /\/org\/order\.data\?.*done=saved/.test(r.url()));
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await reloaded;
  // The held request may have been given up by the browser meanwhile (it then asks again): either is fine.
  await route.continue().catch(() => undefined);

  await expect(page.getByText("已保存", { exact: true }), "the quick-order page after saving, not the 404 page").toBeVisible();
  await expect(page.getByRole("heading", { name: "页面不存在" })).toHaveCount(0);
  await expect(page.getByLabel("第 1 行商品编码")).toHaveValue(line!.sku);
  await expect(page.getByTestId("sku-preview").first()).toContainText(product.nameZh);

  await page.getByRole("button", { name: "清空" }).click();
  await expect(page.getByText("已清空")).toBeVisible();
});
