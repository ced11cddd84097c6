import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { signInAsAdmin } from "./support/admin";
import { confirmAsSecondAdmin, createSecondAdmin, signInAsSecondAdmin } from "./support/second-admin";

// 2020: the ledger spec watches 2019 and the buying specs today, so this adjustment moves neither.
const entries2020 = "/admin/ledger/entries?year=2020&channel=ADJUSTMENT";

test.describe("duties split between two administrators", () => {
  test("an adjustment asked for by one administrator reaches the ledger only when a second one confirms it", async ({ page, browser }) => {
    const second = await createSecondAdmin("approvals-checker");
    const reason = `线下馆漏记 ${Date.now()}`;

    await signInAsAdmin(page, "/admin/ledger/new");
    const form = page.getByRole("form", { name: "台账调整" });
    await form.getByLabel("销售日期").fill("2020-06-01");
    await form.getByRole("combobox", { name: "县", exact: true }).selectOption({ index: 1 });
    await form.getByLabel("调整金额（元，可为负）").fill("-123.45");
    await form.getByLabel("原因").fill(reason);
    await form.getByRole("button", { name: "登记调整" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已提交，等待另一位管理员复核" })).toBeVisible();
    const waiting = page.getByRole("region", { name: "等待另一位管理员复核的申请" });
    await expect(waiting).toContainText(reason);
    await expect(waiting).toContainText("-¥123.45");

    // Asked, not done: the ledger does not have it, and the asker cannot confirm it.
    await page.goto(entries2020);
    await expect(page.getByText(reason)).toHaveCount(0);
    await page.getByRole("navigation", { name: "管理导航" }).getByRole("link", { name: /^待复核 \(\d+\)$/ }).click();
    const own = page.getByRole("row").filter({ hasText: reason });
    await expect(own).toContainText("这是您发起的申请，须由另一位管理员确认");
    await expect(own.getByRole("button", { name: "确认并执行" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    const checker = await signInAsSecondAdmin(browser, second);
    await confirmAsSecondAdmin(checker, reason);

    await page.goto(entries2020);
    const row = page.getByRole("row").filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("-¥123.45");
    await page.goto("/admin/approvals");
    await expect(page.getByRole("row").filter({ hasText: reason })).toContainText("已确认");
  });
});
