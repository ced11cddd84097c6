import { describe, expect, it } from "vitest";
import { bodyLimits } from "../../server/body-limit.js";

const limitFor = bodyLimits({ FORM_MAX_BYTES: 1, UPLOAD_MAX_BYTES: 2, WEBHOOK_MAX_BYTES: 3 });

describe("the table of body limits", () => {
  it("gives the upload pages the upload limit, for the page and for its single-fetch data request", () => {
    for (const page of ["/admin/products/import", "/admin/ledger/imports", "/admin/gift-boxes/orders/FP-20261126-000001", "/org/order", "/org/gifts", "/admin/roster", "/admin/products/photos", "/admin/products/42/photos"]) {
      expect(limitFor(page), page).toBe(2);
      expect(limitFor(`${page}.data`), `${page}.data`).toBe(2);
    }
  });

  it("gives the Stripe webhook its own limit and every other route the form limit", () => {
    expect(limitFor("/webhooks/stripe")).toBe(3);
    for (const page of ["/", "/_root.data", "/cart", "/login.data", "/org/gifts/review", "/org/orders/FP-1", "/admin/products/import/extra", "/admin/gift-boxes/orders", "/admin/roster/extra", "/admin/products/42/photos/extra"]) {
      expect(limitFor(page), page).toBe(1);
    }
  });
});
