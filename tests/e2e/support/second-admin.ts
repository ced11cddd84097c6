import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { unusedTotpCode } from "../../support/totp";
import { fillSignInForm } from "./admin";

// The database playwright.config.ts gives the hall under test.
const E2E_DATABASE_URL = "file:./tests/.tmp/e2e.db";
const PASSWORD = "second-admin-2026";

/**
 * A second administrator for the duties split between two (ADR 029), created the way an operator
 * creates one (`npm run create-admin`); each spec passes its own username, so specs running side by
 * side do not collide. Running it again finds the administrator already there.
 */
export async function createSecondAdmin(username: string) {
  try {
    await promisify(execFile)("npx", ["tsx", "scripts/create-admin.ts", "--username", username, "--name", `复核员${username.slice(-4)}`, "--password", PASSWORD], {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    });
  } catch (error) {
    if (!String((error as { stderr?: string }).stderr).includes("already exists")) throw error;
  }
  return { username, password: PASSWORD };
}

/** The second administrator, signed in in a browser context of their own. */
export async function signInAsSecondAdmin(browser: Browser, admin: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/login?redirectTo=${encodeURIComponent("/admin/approvals")}`);
  await fillSignInForm(page, admin.username, admin.password);
  // A new administrator enrols an authenticator at the first sign-in (ADR 027): the key typed by hand
  // is read from the page, and the code computed from it as the app would.
  await expect(page).toHaveURL(/\/login\/second-factor/);
  const key = (await page.getByTestId("manual-key").innerText()).replace(/\s/g, "");
  test.info().setTimeout(test.info().timeout + 35_000); // a code already used means waiting for the next
  await page.getByLabel("App 显示的 6 位验证码").fill(await unusedTotpCode(key));
  await page.getByRole("button", { name: "确认并启用" }).click();
  await expect(page.getByRole("list", { name: "请保存恢复码" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "我已保存，继续" }).click();
  await expect(page).toHaveURL(/\/admin\/approvals$/);
  return page;
}

/** Confirms, as the second administrator, the waiting request whose row mentions `text`. */
export async function confirmAsSecondAdmin(page: Page, text: string) {
  await page.goto("/admin/approvals");
  const row = page.getByRole("row").filter({ hasText: text });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "确认并执行" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已确认，操作已执行" })).toBeVisible();
}
