import { expect, test } from "@playwright/test";
import { E2E_ACCOUNTS } from "../support/oidc-settings";
import { expectNoSeriousA11yViolations } from "./a11y";

// The provider is a real oidc-provider started by playwright.config.ts on 127.0.0.1 (tests/support/oidc-provider.ts).
const WANG = E2E_ACCOUNTS.find((a) => a.login === "wangqiang")!;
const STRANGER = E2E_ACCOUNTS.find((a) => a.login === "stranger")!;

test.describe("company sign-in (SSO)", () => {
  test("a roster employee signs in at the company's provider and comes back to 我的订单, signed in", async ({ page }) => {
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Forders/);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "使用公司账号登录" }).click();

    // The provider's own sign-in page, on its own origin.
    await expect(page.getByRole("heading", { name: "一汽统一身份认证" })).toBeVisible();
    expect(new URL(page.url()).port).toBe(process.env.OIDC_E2E_PORT ?? "3232");
    await page.getByLabel("账号").fill(WANG.login);
    await page.getByLabel("密码").fill(WANG.password);
    await page.getByRole("button", { name: "登录公司账号" }).click();

    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByRole("heading", { level: 1, name: "我的订单" })).toBeVisible();
    await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
    // Signed in to 王强's own account (E10003), found on the roster by the provider's 工号 claim.
    await page.goto("/account");
    await expect(page.getByRole("main")).toContainText("E10003");
    await expect(page.getByLabel("姓名")).toHaveValue(WANG.name);
    await expect(page.getByLabel("手机号")).toHaveValue("13800010003");
  });

  test("someone the roster does not know is told so and stays signed out", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "使用公司账号登录" }).click();
    await page.getByLabel("账号").fill(STRANGER.login);
    await page.getByLabel("密码").fill(STRANGER.password);
    await page.getByRole("button", { name: "登录公司账号" }).click();

    await expect(page.getByRole("alert")).toContainText("员工花名册上没有这个工号");
    await expect(page.getByRole("button", { name: "退出" })).toHaveCount(0);
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/login/);
  });
});
