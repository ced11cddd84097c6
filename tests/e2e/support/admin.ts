import { readFile, rename, writeFile } from "node:fs/promises";
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { DEMO_TOTP_SECRET, unusedTotpCode } from "../../support/totp";

/** The demo administrator (prisma/demo/catalogue.ts, DEMO_ADMIN), enrolled with the README's TOTP secret. */
export const ADMIN = { username: "admin", password: "hall-admin-2026", name: "扶贫办管理员", totpSecret: DEMO_TOTP_SECRET } as const;

/** Fills the sign-in form as a person would; `redirectTo` is where the hall should send them back. */
export async function signIn(page: Page, { password = ADMIN.password, redirectTo = "/admin" } = {}) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await fillSignInForm(page, ADMIN.username, password);
}

export async function fillSignInForm(page: Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The second step after the administrator's password: a code computed from the demo secret, as an authenticator app would. */
export async function enterAdminCode(page: Page) {
  await expect(page).toHaveURL(/\/login\/second-factor/);
  // A code already used by another sign-in means waiting up to 30 s for the next: not the test's time.
  test.info().setTimeout(test.info().timeout + 35_000);
  await page.getByLabel("验证码或恢复码").fill(await unusedTotpCode(ADMIN.totpSecret));
  await page.getByRole("button", { name: "验证并登录" }).click();
}

// The administrator's session cookie, shared by the workers: a code works once per 30 s, so specs reuse a session.
const ADMIN_SESSION_FILE = "tests/.tmp/e2e-admin-session.json";
type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

export async function signInAsAdmin(page: Page, redirectTo = "/admin") {
  const arrived = new RegExp(`${redirectTo.replace(/[/?]/g, "\\$&")}$`);
  const saved = await savedAdminCookies();
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto(redirectTo);
    // A session of an earlier run, or ended since (signed out), lands on the sign-in page: sign in again.
    if (arrived.test(page.url())) return;
  }
  await signIn(page, { redirectTo });
  await enterAdminCode(page);
  await expect(page).toHaveURL(arrived);
  // Written whole, then renamed: the other worker never reads half a file.
  const partial = `${ADMIN_SESSION_FILE}.${process.pid}`;
  await writeFile(partial, JSON.stringify((await page.context().cookies()).filter((c) => c.name === "__hall_session")));
  await rename(partial, ADMIN_SESSION_FILE);
}

async function savedAdminCookies(): Promise<Cookies | null> {
  try {
    return JSON.parse(await readFile(ADMIN_SESSION_FILE, "utf8")) as Cookies;
  } catch {
    return null;
  }
}

/** The admin product list's search: by name or SKU, submitted with the 筛选 button. */
export async function searchAdminProducts(page: Page, query: string) {
  await page.goto("/admin/products");
  await page.getByRole("searchbox", { name: "按名称或货号搜索" }).fill(query);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(query).replace(/%20/g, "\\+")}`));
}

/** The admin product table's rows (without the header row). */
export function adminProductRows(page: Page): Locator {
  return page.getByRole("region", { name: "商品管理" }).locator("tbody tr");
}

/**
 * Finds a demo product in /admin/products by its Chinese name, opens its edit page and returns its
 * id. The SKU picks the right row when two sizes share a name.
 */
export async function openProductEditor(page: Page, product: { sku: string; nameZh: string }): Promise<number> {
  await searchAdminProducts(page, product.nameZh);
  const row = adminProductRows(page).filter({ hasText: product.sku });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: product.nameZh, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`编辑商品：${product.nameZh}`);
  const id = Number(/\/admin\/products\/(\d+)/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** The summary at the top of a product's edit page (状态 / 价格 / 当前库存). */
export function productSummary(page: Page, term: "状态" | "价格" | "当前库存"): Locator {
  return page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${term}$`) }) }).locator("dd");
}

export type CsvRecord = Record<string, string>;

/** Downloads the catalogue with the import page's 导出 CSV link and parses it. */
export async function downloadCatalogueCsv(page: Page): Promise<{ columns: string[]; rows: CsvRecord[] }> {
  const downloadStarted = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 CSV" }).click();
  const download = await downloadStarted;
  const text = await readFile(await download.path(), "utf8");
  expect(text.startsWith("\uFEFF"), "the export starts with a BOM for Excel").toBe(true);
  const records = parse(text, { bom: true }) as string[][];
  const [columns, ...body] = records;
  if (!columns) throw new Error("the export has no header row");
  return { columns, rows: body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]))) };
}

/** CSV text in the export's column order, as Excel's "CSV UTF-8" would save it. */
export function toCsv(columns: string[], rows: CsvRecord[]): string {
  return "\uFEFF" + stringify(rows, { header: true, columns, record_delimiter: "\r\n" });
}

/** Uploads CSV text through the import page's file field and asks for a preview. */
export async function uploadCsv(page: Page, name: string, csv: string) {
  await page.getByLabel("CSV 文件").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "上传并预览" }).click();
}

/** Digits as Chinese numerals, so a run's product names are unique and still searchable as Chinese. */
export function chineseDigits(n: number): string {
  return [...String(n)].map((d) => "零一二三四五六七八九"[Number(d)]).join("");
}
