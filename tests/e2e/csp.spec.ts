import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/admin";

/** Collects every Content-Security-Policy violation the page reports, by event and on the console. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load: CSP ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test.describe("the enforced Content-Security-Policy", () => {
  test.use({ bypassCSP: false });

  test("sends a nonce that changes per request and allows no inline script without it", async ({ request }) => {
    const [a, b] = await Promise.all([request.get("/"), request.get("/")]);
    const policy = a.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toBe(b.headers()["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    // Every script Remix wrote into the page carries this request's nonce.
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("shop pages, the cart and the admin dashboard with its charts work with no violation", async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/products");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // A product no other spec edits (admin.spec renames the honey while this runs beside it).
    await page.goto("/products/zhenlai-organic-rice-5kg");
    // Hydrated under the policy: the add-to-cart form answers in place.
    await page.getByRole("button", { name: "加入购物车" }).click();
    await expect(page.getByText("已加入购物车")).toBeVisible();
    await page.goto("/cart");
    await expect(page.getByText("镇赉有机大米").first()).toBeVisible();

    await signInAsAdmin(page);
    await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
