import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { fillSignInForm, signInAsAdmin } from "./support/admin";

// A published, valid 统一社会信用代码; the demo organisations use other codes, so it is free.
const CREDIT_CODE = "91350100M000100Y43";

test("a canteen applies with its credit code, is told exactly what is wrong, and is approved", async ({ browser }) => {
  const employee = await (await browser.newContext()).newPage();
  await employee.goto("/login?redirectTo=%2Forg%2Fapply");
  await fillSignInForm(employee, "E10002", "hall-employee-2026");
  await expect(employee.getByRole("heading", { name: "申请单位采购账号" })).toBeVisible();
  await expectNoSeriousA11yViolations(employee);

  await employee.getByLabel("单位名称").fill("一汽研发总院职工食堂");
  await employee.getByLabel("单位类型").selectOption({ label: "食堂" });
  await employee.getByLabel("统一社会信用代码").fill("91350100M000100Y44");
  await employee.getByRole("textbox", { name: "联系人", exact: true }).fill("李娜");
  await employee.getByLabel("联系人手机号").fill("13800010002");
  const location = employee.getByRole("group", { name: "收货地点 1" });
  await location.getByLabel("地点名称").fill("研发总院食堂后门");
  await location.getByLabel("详细地址").fill("吉林省长春市汽开区东风大街 8899 号");
  await location.getByLabel("收货联系人").fill("王师傅");
  await location.getByLabel("收货人手机号").fill("13800010009");
  // The browser checks the code with the form's schema once the field is left, before anything is sent.
  const code = employee.getByLabel("统一社会信用代码");
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(code).toHaveAccessibleDescription(/校验/);
  await employee.getByRole("button", { name: "提交申请" }).click();

  // A wrong check character is named at the field, and nothing typed is lost.
  await expect(code).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await code.getAttribute("aria-describedby"))?.split(" ") ?? [];
  await expect(employee.locator(describedBy.map((id) => `#${id}`).join(", "))).toContainText([/校验/]);
  await expect(employee.getByLabel("单位名称")).toHaveValue("一汽研发总院职工食堂");

  await code.fill(CREDIT_CODE.toLowerCase());
  await employee.getByRole("button", { name: "提交申请" }).click();
  await expect(employee.getByText("您的申请正在等待管理员审核", { exact: false })).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin, "/admin/organisations");
  await admin.getByRole("link", { name: "一汽研发总院职工食堂" }).click();
  await expectNoSeriousA11yViolations(admin);
  await admin.getByRole("button", { name: "通过" }).click();
  await expect(admin.getByText("审核结果已保存")).toBeVisible();

  await employee.goto("/org");
  await expect(employee.getByRole("heading", { name: "邀请成员" })).toBeVisible();
  await expectNoSeriousA11yViolations(employee);
});
