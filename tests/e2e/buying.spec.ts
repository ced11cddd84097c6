import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, enterAdminCode } from "./support/admin";

// The demo employee (prisma/demo/people.ts) and a demo product no other spec changes.
const EMPLOYEE = { employeeNo: "E10001", password: "hall-employee-2026", name: "张伟" } as const;
const RICE = { slug: "zhenlai-fragrant-rice-5kg", nameZh: "镇赉稻花香大米", price: "¥79.90" } as const;
const PICKUP = "一汽总部自提点";

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel("工号 / 手机号 / 用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

async function addToCart(page: Page, quantity: number) {
  await page.goto(`/products/${RICE.slug}`);
  const form = page.getByTestId("add-to-cart");
  await form.getByLabel("数量").fill(String(quantity));
  await form.getByRole("button", { name: "加入购物车" }).click();
  await expect(form.getByRole("status")).toContainText("已加入购物车");
}

const cartCount = (page: Page) => page.getByTestId("cart-count");

/** No sideways scrolling on a 360 px phone. */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe("an employee buying from the hall", () => {
  test("adds to the cart anonymously, signs in (carts merge), picks up, pays, and sees the order shipped", async ({ browser }) => {
    // The employee's account already holds one bag from an earlier visit.
    const earlier = await (await browser.newContext()).newPage();
    await earlier.goto("/login");
    await signIn(earlier, EMPLOYEE.employeeNo, EMPLOYEE.password);
    await expect(earlier.getByRole("button", { name: "退出" })).toBeVisible();
    await addToCart(earlier, 1);
    await expect(cartCount(earlier)).toHaveText("1");
    await earlier.context().close();

    // Anonymous, in a fresh browser: the header counts what this browser's cart holds.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/");
    await expect(cartCount(page)).toHaveText("0");
    await addToCart(page, 2);
    await expect(cartCount(page)).toHaveText("2");
    const cartCookie = (await context.cookies()).find((c) => c.name === "__hall_cart");
    expect(cartCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    // Hostile quantity from the product page: refused next to the field, cart unchanged.
    await page.getByTestId("add-to-cart").getByLabel("数量").fill("1000");
    await page.getByTestId("add-to-cart").getByRole("button", { name: "加入购物车" }).click();
    await expect(page.locator("#add-quantity-error")).toHaveText("数量须为 1 到 999 之间的整数");
    await expect(page.getByTestId("add-to-cart").getByLabel("数量")).toHaveAttribute("aria-invalid", "true");
    await expect(cartCount(page)).toHaveText("2");

    await page.goto("/cart");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("购物车");
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    // A quantity the cart's schema refuses is explained beside the line's field; the cart keeps its 2.
    const quantity = page.getByTestId("cart-line").getByRole("spinbutton");
    await quantity.fill("0");
    await page.getByTestId("cart-line").getByRole("button", { name: "更新" }).click();
    await expect(quantity).toHaveAttribute("aria-invalid", "true");
    await expect(quantity).toHaveAccessibleDescription("数量须为 1 到 999 之间的整数");
    await expect(quantity).toHaveValue("0");
    await expect(cartCount(page)).toHaveText("2");
    await expectNoSeriousA11yViolations(page);
    await expectFitsPhone(page);

    // Checkout needs an account: sign in and come back, with both carts merged.
    await page.getByRole("link", { name: "去结算" }).click();
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcheckout$/);
    await signIn(page, EMPLOYEE.employeeNo, EMPLOYEE.password);
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(cartCount(page)).toHaveText("3");
    const line = page.getByTestId("checkout-line");
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(RICE.nameZh);
    await expect(line).toContainText(`${RICE.price} × 3`);
    await expect(line).toContainText("¥239.70");

    await page.getByLabel("到自提点自提").check();
    await page.getByRole("radio", { name: new RegExp(PICKUP) }).check();
    // The browser checks the note against the checkout schema when it is left, before anything is sent.
    const note = page.getByLabel("备注（选填）");
    await note.fill("取".repeat(201));
    await note.blur();
    await expect(note).toHaveAttribute("aria-invalid", "true");
    await expect(note).toHaveAccessibleDescription(/^备注最多 200 字/);
    await note.fill("周五下午取");
    await expect(note).not.toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);
    await expectFitsPhone(page);
    await page.getByRole("button", { name: "提交订单并去支付" }).click();

    // The built-in test payment page.
    await expect(page).toHaveURL(/\/pay\/local\//);
    await page.getByRole("button", { name: "支付成功" }).click();
    await expect(page).toHaveURL(/\/orders\/FP-\d{8}-\d{6}/);
    const number = /\/orders\/(FP-\d{8}-\d{6})/.exec(page.url())![1]!;
    await expect(page.getByTestId("order-status").first()).toHaveText("已支付");
    await expect(cartCount(page)).toHaveText("0");

    await page.goto("/orders");
    const row = page.getByTestId("order-row").filter({ hasText: number });
    await expect(row.getByTestId("order-status")).toHaveText("已支付");
    await expect(row).toContainText("¥239.70");

    // The poverty-relief office ships it.
    const office = await (await browser.newContext()).newPage();
    await office.goto("/login?redirectTo=%2Fadmin%2Forders");
    await signIn(office, ADMIN.username, ADMIN.password);
    await enterAdminCode(office);
    await expect(office).toHaveURL(/\/admin\/orders$/);
    await office.getByRole("searchbox", { name: "按订单号、员工姓名或工号搜索" }).fill(EMPLOYEE.employeeNo);
    await office.getByRole("button", { name: "筛选" }).click();
    await office.getByRole("link", { name: number }).click();
    await expect(office.getByRole("heading", { level: 1 })).toHaveText(`订单 ${number}`);
    // The browser checks the ship form's schema when a field is left, before anything is sent.
    const posts: string[] = [];
    office.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await office.getByLabel("快递单号").fill("SF 123");
    await office.getByLabel("快递单号").blur();
    await expect(office.getByLabel("快递单号")).toHaveAttribute("aria-invalid", "true");
    await expect(office.getByLabel("快递单号")).toHaveAccessibleDescription("快递单号只能包含字母、数字和横线");
    await office.getByLabel("快递单号").fill("");
    await office.getByRole("button", { name: "标记发货" }).click();
    await expect(office.getByLabel("快递单号")).toHaveAttribute("aria-invalid", "true");
    await expect(office.getByLabel("快递单号")).toHaveAccessibleDescription("此项必填");
    await office.getByLabel("快递公司").fill("顺丰速运");
    await office.getByLabel("快递单号").fill("SF1234567890");
    expect(posts).toEqual([]);
    await office.getByRole("button", { name: "标记发货" }).click();
    await expect(office.getByRole("status")).toHaveText("已标记发货");
    await expectNoSeriousA11yViolations(office);
    await office.context().close();

    await page.goto(`/orders/${number}`);
    await expect(page.getByTestId("order-status").first()).toHaveText("已发货");
    await expect(page.getByTestId("tracking-number")).toHaveText("SF1234567890");
    await expect(page.getByText("顺丰速运").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expectFitsPhone(page);
    await context.close();
  });
});
