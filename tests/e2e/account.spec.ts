import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { signInAsAdmin } from "./support/admin";

// A new employee per run of this file; the demo employees (prisma/demo/people.ts) are only read.
const NEW = { employeeNo: "E20001", name: "赵敏", mobile: "13900020001", password: "rice-from-zhenlai-1" } as const;
const DEMO = { employeeNo: "E10002", name: "李娜", mobile: "13800010002", password: "hall-employee-2026" } as const;

async function signInAs(page: Page, identifier: string, password: string, redirectTo = "/account") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("工号 / 手机号").fill(identifier);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(new RegExp(`${redirectTo}$`));
}

/** The 默认 badge on an address (not the 设为默认 button). */
function defaultBadge(item: Locator) {
  return item.getByText("默认", { exact: true });
}

async function fillAddress(page: Page, a: { recipient?: string; mobile?: string; province: string; city: string; district: string; detail: string }) {
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "新增收货地址" }) });
  if (a.recipient) await form.getByLabel("收货人").fill(a.recipient);
  if (a.mobile) await form.getByLabel("手机号").fill(a.mobile);
  await form.getByLabel("省份").fill(a.province);
  await form.getByLabel("城市").fill(a.city);
  await form.getByLabel("区县").fill(a.district);
  await form.getByLabel("详细地址").fill(a.detail);
  return form;
}

test.describe("an employee's account", () => {
  test("the office imports the roster; the new employee registers with the code from the outbox, buys, and keeps addresses", async ({ page, browser }) => {
    // The office adds the new employee to the roster (preview first, then confirm).
    const clerk = await (await browser.newContext()).newPage();
    await signInAsAdmin(clerk, "/admin/roster");
    await clerk.getByLabel("花名册文件").setInputFiles({
      name: "花名册.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF工号,姓名,手机,部门,状态\r\n${NEW.employeeNo},${NEW.name},${NEW.mobile},采购部,在职\r\n`, "utf8"),
    });
    await clerk.getByRole("button", { name: "上传并预览" }).click();
    await expect(clerk.getByRole("status")).toHaveText(/新增 1 人/);
    await clerk.getByRole("button", { name: "确认导入" }).click();
    await expect(clerk.getByRole("status")).toContainText("花名册已更新：新增 1 人");

    await page.goto("/login");
    await page.getByRole("link", { name: "员工注册" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("员工注册");
    // A mistake is explained at its field as soon as it is left, before anything is sent, and what was typed stays.
    await page.getByLabel("工号").fill("E-1");
    await page.getByLabel("姓名").fill(NEW.name);
    await expect(page.getByLabel("工号")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("工号")).toHaveAccessibleDescription(/工号应为 4–10 位字母或数字/);
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByRole("alert")).toHaveText("请修改标出的内容后再提交");
    await expect(page.getByLabel("姓名")).toHaveValue(NEW.name);
    await page.getByLabel("工号").fill(NEW.employeeNo.toLowerCase());
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByRole("status")).toContainText("验证码已发送到花名册登记的手机");

    // The local SMS provider's outbox is where the office (and this test) reads the message.
    await clerk.goto("/admin/outbox");
    const message = clerk.getByRole("row").filter({ hasText: NEW.mobile }).first();
    await expect(message).toContainText("注册验证码");
    const code = /验证码 (\d{6})/.exec((await message.textContent()) ?? "")![1]!;
    await clerk.context().close();

    await page.getByLabel("短信验证码").fill(code);
    await page.getByLabel(/^密码/).fill(NEW.password);
    await page.getByLabel("确认密码").fill(NEW.password);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page).toHaveURL(/\/account\?done=registered$/);
    await expect(page.getByRole("status")).toContainText("注册成功");
    await expect(page.getByText(NEW.employeeNo, { exact: true })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: /我的账户/ })).toContainText(NEW.name);
    await expectNoSeriousA11yViolations(page);

    // Buying: one bag of rice, picked up, paid with the test provider.
    await page.goto("/products/zhenlai-fragrant-rice-5kg");
    await page.getByTestId("add-to-cart").getByRole("button", { name: "加入购物车" }).click();
    await expect(page.getByTestId("add-to-cart").getByRole("status")).toContainText("已加入购物车");
    await page.goto("/checkout");
    await page.getByLabel("到自提点自提").check();
    await page.getByRole("radio", { name: /一汽总部自提点/ }).check();
    await page.getByRole("button", { name: "提交订单并去支付" }).click();
    await expect(page).toHaveURL(/\/pay\/local\//);
    await page.getByRole("button", { name: "支付成功" }).click();
    await expect(page).toHaveURL(/\/orders\/FP-\d{8}-\d{6}/);
    await expect(page.getByTestId("order-status").first()).toHaveText("已支付");

    await page.getByRole("button", { name: "退出" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
    await signInAs(page, NEW.mobile, NEW.password, "/account/addresses");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("收货地址");

    // The first address: recipient and mobile come from the profile.
    let form = await fillAddress(page, { province: "吉林省", city: "长春市", district: "朝阳区", detail: "红旗街 1118 号 6 栋 302 室" });
    await expect(form.getByLabel("收货人")).toHaveValue(NEW.name);
    await form.getByRole("button", { name: "添加地址" }).click();
    await expect(page.getByRole("status")).toHaveText("地址已添加");
    const home = page.getByRole("listitem", { name: `${NEW.name} 的地址` });
    await expect(home).toContainText("吉林省长春市朝阳区 红旗街 1118 号 6 栋 302 室");
    await expect(defaultBadge(home)).toBeVisible();

    form = await fillAddress(page, { recipient: "赵敏（单位）", mobile: NEW.mobile, province: "吉林省", city: "长春市", district: "汽车经济技术开发区", detail: "东风大街 8899 号" });
    await form.getByRole("button", { name: "添加地址" }).click();
    await expect(page.getByRole("status")).toHaveText("地址已添加");
    const office = page.getByRole("listitem", { name: "赵敏（单位） 的地址" });
    await expect(defaultBadge(office)).toHaveCount(0);

    await office.getByRole("button", { name: "设为默认" }).click();
    await expect(page.getByRole("status")).toHaveText("已设为默认地址");
    await expect(page.getByRole("list", { name: "收货地址" }).getByRole("listitem").first()).toContainText("赵敏（单位）");
    await expect(defaultBadge(office)).toBeVisible();
    await expect(office.getByRole("button", { name: "设为默认" })).toHaveCount(0);
    await expect(defaultBadge(home)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("a demo employee signs in by 工号, edits an address and changes nothing by a bad edit", async ({ page }) => {
    await signInAs(page, DEMO.employeeNo.toLowerCase(), DEMO.password, "/account/addresses");
    const saved = page.getByRole("listitem", { name: `${DEMO.name} 的地址` });
    await expect(saved).toContainText("长春市");
    await expect(defaultBadge(saved)).toBeVisible();
    await saved.getByRole("link", { name: "编辑" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑收货地址");
    const detail = page.getByLabel("详细地址");
    await detail.fill("");
    // Leaving the field says what is wrong with it; saving is then refused in the browser.
    await detail.blur();
    await expect(detail).toHaveAttribute("aria-invalid", "true");
    await expect(detail).toHaveAccessibleDescription(/此项必填/);
    await page.getByRole("button", { name: "保存地址" }).click();
    await expect(page.getByRole("alert")).toHaveText("请修改标出的内容后再提交");
    await detail.fill("红旗街 1118 号 红旗小区 6 栋 1 单元 303 室");
    await page.getByRole("button", { name: "保存地址" }).click();
    await expect(page.getByRole("status")).toHaveText("地址已保存");
    await expect(page.getByRole("listitem", { name: `${DEMO.name} 的地址` })).toContainText("303 室");
  });

  test("the account pages fit a 360 px phone and pass axe there", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signInAs(page, "13800010003", DEMO.password, "/account");
    for (const path of ["/account", "/account/addresses", "/register", "/login"]) {
      if (path === "/register") await page.getByRole("button", { name: "退出" }).click();
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(page);
    }
  });

  test("an administrator opens an account for a roster person and resets their password; the employee signs in with it", async ({ page, browser }) => {
    await signInAsAdmin(page, "/admin/employees");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("员工账号");
    const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "新增员工" }) });
    // Someone not on the roster gets no account.
    await form.getByLabel("工号").fill("E30003");
    await form.getByLabel("姓名").fill("孙丽");
    await form.getByLabel("手机号").fill("13900030003");
    await form.getByLabel(/^初始密码/).fill("first-password-30003");
    await form.getByRole("button", { name: "新增员工" }).click();
    await expect(form.getByLabel("工号")).toHaveAccessibleDescription(/花名册上没有这个工号/);
    // 孙丽 is on the demo roster (E10005), but not with this mobile.
    await form.getByLabel("工号").fill("E10005");
    await form.getByLabel("手机号").fill(DEMO.mobile);
    await form.getByLabel(/^初始密码/).fill("first-password-30003");
    await form.getByRole("button", { name: "新增员工" }).click();
    // The demo employee 李娜 already has this mobile number.
    await expect(form.getByLabel("手机号")).toHaveAccessibleDescription("该手机号已被其他账号使用");
    await expect(form.getByLabel("工号")).toHaveValue("E10005");
    await form.getByLabel("手机号").fill("13800010005");
    await form.getByLabel(/^初始密码/).fill("first-password-30003");
    await form.getByRole("button", { name: "新增员工" }).click();
    await expect(page.getByRole("status")).toHaveText("员工账号已创建");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("孙丽");

    await page.getByLabel(/^新密码/).fill("reset-password-30003");
    await page.getByRole("button", { name: "重置密码" }).click();
    await expect(page.getByRole("status")).toHaveText("密码已重置");
    await expect(page.getByRole("region", { name: "操作日志" })).toContainText("重置员工密码");
    await expect(page.getByRole("region", { name: "操作日志" })).toContainText("新增员工账号");
    await expectNoSeriousA11yViolations(page);

    await page.goto("/admin/employees?q=孙");
    await expect(page.getByRole("region", { name: "员工账号" }).locator("tbody tr")).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);

    const employee = await browser.newPage();
    await signInAs(employee, "13800010005", "reset-password-30003", "/account");
    await expect(employee.getByText("E10005", { exact: true })).toBeVisible();
    await employee.goto("/admin/employees");
    await expect(employee.getByRole("heading", { level: 1 })).toHaveText("无权访问");
    await employee.close();
  });
});
