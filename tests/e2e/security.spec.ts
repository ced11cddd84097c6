import { expect, test } from "@playwright/test";

test.describe("the server itself", () => {
  test("refuses a form posted from another site before any action runs", async ({ request, baseURL }) => {
    for (const path of ["/login", "/cart", "/logout"]) {
      const fromElsewhere = await request.post(path, {
        headers: { Origin: "http://evil.example" },
        form: { username: "admin", password: "hall-admin-2026", intent: "add", productId: "1", quantity: "1" },
        maxRedirects: 0,
      });
      expect(fromElsewhere.status(), path).toBe(403);
      const opaque = await request.post(path, { headers: { Origin: "null" }, form: { intent: "add" }, maxRedirects: 0 });
      expect(opaque.status(), path).toBe(403);
      const crossSiteNoOrigin = await request.post(path, { headers: { "Sec-Fetch-Site": "cross-site" }, form: { intent: "add" }, maxRedirects: 0 });
      expect(crossSiteNoOrigin.status(), path).toBe(403);
    }
    // The same form from the hall itself goes through to the action.
    const own = await request.post("/login", { headers: { Origin: baseURL! }, form: { username: "", password: "" }, maxRedirects: 0 });
    expect(own.status()).toBe(400);
  });

  test("sends security headers and a session cookie that scripts cannot read", async ({ request, baseURL }) => {
    const home = await request.get("/");
    expect(home.headers()["x-content-type-options"]).toBe("nosniff");
    expect(home.headers()["x-frame-options"]).toBe("DENY");
    const signIn = await request.post("/login", {
      headers: { Origin: baseURL! },
      form: { username: "admin", password: "hall-admin-2026", redirectTo: "/admin" },
      maxRedirects: 0,
    });
    expect(signIn.status()).toBe(302);
    const cookie = signIn.headers()["set-cookie"] ?? "";
    expect(cookie).toMatch(/__hall_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
  });
});
