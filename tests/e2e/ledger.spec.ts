import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { expectNoSeriousA11yViolations } from "./a11y";
import { signInAsAdmin } from "./support/admin";
import { confirmAsSecondAdmin, createSecondAdmin, signInAsSecondAdmin } from "./support/second-admin";

/** "¥5,623,456.78" → 562345678, read from the page as a person would read it. */
function fenOf(text: string) {
  const m = /(-?)¥([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replaceAll(",", "")) * 100 + Number(m[3]));
}

async function dashboard2019(page: Page) {
  await page.goto("/admin?year=2019");
  const total = fenOf((await page.locator('[data-figure="total"]').textContent()) ?? "");
  const jd = fenOf((await page.locator('[data-figure="channel:JD"]').textContent()) ?? "");
  return { total, jd };
}

// A JD order export as the platform writes it: its own Chinese headers, one row per order and SKU.
// 2019 dates: the other end-to-end tests buy today, so 2019's figures move only by this file.
const header = "订单编号,下单时间,应付金额,县,商品编号";
const rows = ["98765432101,2019-11-11 09:15:00,1288.00,镇赉县,", "98765432102,2019-11-11 10:02:31,356.50,和龙市,", "98765432103,2019-12-12 20:45:00,99.90,凤山县,"];
const FILE_TOTAL_FEN = 128_800 + 35_650 + 9_990;

async function uploadJd(page: Page, lines: string[]) {
  await page.goto("/admin/ledger/imports");
  await page.getByLabel("平台").selectOption({ label: "京东" });
  await page.getByLabel("订单文件（CSV）").setInputFiles({ name: "jd-orders-2019-11.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[header, ...lines].join("\r\n")}\r\n`) });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page).toHaveURL(/\/admin\/ledger\/imports\/\d+$/);
}

test.describe("the consumption-relief ledger", () => {
  test("an administrator imports a JD export: a bad row is refused, the fixed file moves the dashboard by its total, reversing (confirmed by a second administrator) moves it back, and the quarter is exported", async ({ page, browser }) => {
    await signInAsAdmin(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("消费扶贫进度");
    const before = await dashboard2019(page);
    expect(before.total).toBeGreaterThan(562_000_000); // the article's 2019
    await expect(page.getByTestId("percent")).toHaveText("完成目标的 416.6%");
    await expectNoSeriousA11yViolations(page);

    // One bad amount: the whole file is refused, with the row and the reason.
    await uploadJd(page, [rows[0]!, "98765432102,2019-11-11 10:02:31,356.5O,和龙市,", rows[2]!]);
    const problems = page.getByRole("alert");
    await expect(problems).toContainText("文件有 1 处问题，未写入任何数据");
    await expect(problems).toContainText("第 3 行");
    await expect(problems).toContainText("金额“356.5O”不正确");
    expect(await dashboard2019(page)).toEqual(before);

    // The fixed file: checked, previewed, counted.
    await uploadJd(page, rows);
    await expect(page.getByTestId("batch-summary")).toContainText("共 3 行，合计 ¥1,744.40");
    const batchUrl = page.url();
    await page.getByRole("button", { name: "确认入账" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已入账" })).toContainText("3 行，¥1,744.40");
    const after = await dashboard2019(page);
    expect(after.total - before.total).toBe(FILE_TOTAL_FEN);
    expect(after.jd - before.jd).toBe(FILE_TOTAL_FEN);

    // The same file again adds nothing: every order is already counted.
    await uploadJd(page, rows);
    await expect(page.getByTestId("batch-summary")).toContainText("其中新订单 0 行");
    await page.getByRole("button", { name: "放弃此批次" }).click();
    await expect(page.getByText("此批次已放弃，未入账")).toBeVisible();

    // Reversing the batch needs a reason, waits for a second administrator, then takes exactly its total back out.
    await page.goto(batchUrl);
    // The reason is checked when it is left, before anything is sent, and the message is tied to the field.
    const reason = page.getByLabel("冲销原因");
    await reason.fill("错");
    await reason.blur();
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(reason).toHaveAccessibleDescription("请填写原因（至少 2 个字）");
    await reason.fill("");
    await page.getByRole("button", { name: "冲销批次" }).click();
    await expect(page.getByText("请填写原因（至少 2 个字）")).toBeVisible();
    await page.getByLabel("冲销原因").fill("京东对账后发现重复导出");
    await page.getByRole("button", { name: "冲销批次" }).click();
    await expect(page.getByRole("region", { name: "等待另一位管理员复核的申请" })).toContainText("京东对账后发现重复导出");
    expect(await dashboard2019(page)).toEqual(after);
    const checker = await signInAsSecondAdmin(browser, await createSecondAdmin("ledger-checker"));
    await confirmAsSecondAdmin(checker, "京东对账后发现重复导出");
    await page.goto(batchUrl);
    await expect(page.getByText("已冲销：京东对账后发现重复导出")).toBeVisible();
    expect(await dashboard2019(page)).toEqual(before);

    // The fourth quarter's report matches the dashboard's months to the fen.
    await page.goto("/admin?year=2019");
    let quarterFen = 0;
    for (const month of [10, 11, 12]) quarterFen += fenOf((await page.locator(`[data-figure="month:${month}"]`).textContent()) ?? "");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "2019 第4季度 XLSX" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("relief-report-2019-Q4.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    let achievedFen: unknown = null;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === "本期完成（元）") achievedFen = row.getCell(4).value;
    });
    expect(achievedFen).toBe(quarterFen);
  });

  test("the public sees the year's progress in one line, each county's sales, and the same figures as JSON", async ({ page, request }) => {
    await page.goto("/");
    await expect(page.getByTestId("relief-progress")).toContainText(/2026 年已完成消费扶贫 [\d.]+万元 · 目标 200万元 · \d+%/);
    await page.goto("/counties/zhenlai");
    await expect(page.getByTestId("county-relief")).toContainText(/2026 年扶贫馆为镇赉县完成销售 [\d.]+万元/);
    await expectNoSeriousA11yViolations(page);

    const response = await request.get("/api/progress?year=2019");
    expect(response.headers()["cache-control"]).toBe("public, max-age=60");
    const progress = await response.json();
    expect(progress).toMatchObject({ year: 2019, targetFen: 135_000_000, percent: expect.any(Number) });
    expect(progress.achievedFen).toBeGreaterThanOrEqual(562_345_678);
    expect(progress.counties.map((c: { slug: string }) => c.slug)).toEqual(expect.arrayContaining(["zhenlai", "helong", "fengshan"]));
    expect(Object.keys(progress).sort()).toEqual(["achievedFen", "counties", "percent", "targetFen", "year"]);
    expect((await request.get("/api/progress?year=nineteen")).status()).toBe(400);
  });
});
