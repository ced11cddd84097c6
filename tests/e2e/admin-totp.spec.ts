import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, enterAdminCode, fillSignInForm } from "./support/admin";

test("the demo administrator signs in with the password, then a code computed from the README's secret", async ({ page }) => {
  await page.goto("/login?redirectTo=%2Fadmin");
  await fillSignInForm(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/login\/second-factor\?redirectTo=%2Fadmin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("两步验证");
  await expectNoSeriousA11yViolations(page);

  // Half signed in: the admin area is still closed.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\/second-factor/);

  await page.getByLabel("验证码或恢复码").fill("12345");
  await page.getByRole("button", { name: "验证并登录" }).click();
  await expect(page.getByRole("alert")).toContainText("验证码不正确");
  await expect(page.getByLabel("验证码或恢复码")).toHaveAttribute("aria-invalid", "true");

  await enterAdminCode(page);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("消费扶贫进度");
});
