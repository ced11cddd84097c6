import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Browser, type Page } from "@playwright/test";
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
