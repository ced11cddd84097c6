import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/admin";

// Over the upload pages' limit (UPLOAD_MAX_BYTES, 40 MB by default).
const TOO_LARGE = { name: "too-large.csv", mimeType: "text/csv", buffer: Buffer.alloc(41 * 1024 * 1024, "a") };

test.describe("an upload over the limit, from the browser", () => {
  test("is answered with the 'too large' page, not a reset or a server error", async ({ page }) => {
    await signInAsAdmin(page, "/admin/products/import");
    await page.getByLabel("CSV 文件").setInputFiles(TOO_LARGE);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByRole("heading", { name: "提交的内容过大" })).toBeVisible();
    await expect(page.getByText("此页面最多接受 40 MB")).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("gets the edge's own 413 page with the request id to quote", async ({ page }) => {
      await signInAsAdmin(page, "/admin/products/import");
      await page.getByLabel("CSV 文件").setInputFiles(TOO_LARGE);
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "上传并预览" }).click()]);
      expect(response.status()).toBe(413);
      await expect(page.getByRole("heading", { name: "提交的内容过大" })).toBeVisible();
      await expect(page.getByText(/请求编号：[0-9a-f-]{36}/)).toBeVisible();
    });
  });
});
