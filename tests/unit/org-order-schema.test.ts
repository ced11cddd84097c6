import { describe, expect, it } from "vitest";
import { beijingToday, GridSchema, orderDetailsSchema, taxNumberProblem, TermsPaymentSchema } from "~/models/org-order-schema";
import { parseForm } from "~/utils/form";

describe("税号 (taxpayer number)", () => {
  it("accepts 15, 17, 18 and 20 characters, the 18-character one only with its check character", () => {
    expect(taxNumberProblem("110101123456789")).toBeNull();
    expect(taxNumberProblem("11010112345678901")).toBeNull();
    expect(taxNumberProblem("91350100M000100Y43")).toBeNull();
    expect(taxNumberProblem("11010112345678901234")).toBeNull();
    expect(taxNumberProblem("91350100M000100Y44")).toBe("org:errors.taxNumber.checkCharacter");
    expect(taxNumberProblem("1101011234567890")).toBe("org:errors.taxNumber.length");
    expect(taxNumberProblem("11010112345678-")).toBe("org:errors.taxNumber.characters");
  });

  it("is required, with the 抬头, only when an invoice is wanted; typed lower case with spaces is fine", () => {
    const base = { checkoutKey: "key-12345678", expectedTotalFen: "100", deliveryLocationId: "1", requestedDeliveryDate: "2099-01-01", deliveryWindow: "08:00-10:00" };
    const schema = orderDetailsSchema("2026-11-27");
    expect(schema.safeParse(base).success).toBe(true);
    const missing = schema.safeParse({ ...base, wantsInvoice: "on" });
    expect(missing.success ? [] : missing.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["invoiceTitle", "org:errors.invoiceTitle"],
      ["invoiceTaxNumber", "org:errors.required"],
    ]);
    const ok = schema.parse({ ...base, wantsInvoice: "on", invoiceTitle: "一汽总部食堂", invoiceTaxNumber: "91350100 m000100y43" });
    expect(ok.invoiceTaxNumber).toBe("91350100M000100Y43");
  });

  it("refuses delivery dates before today and dates that do not exist", () => {
    const base = { checkoutKey: "key-12345678", expectedTotalFen: "100", deliveryLocationId: "1", deliveryWindow: "08:00-10:00" };
    const schema = orderDetailsSchema("2026-11-27");
    const issue = (date: string) => {
      const r = schema.safeParse({ ...base, requestedDeliveryDate: date });
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(issue("2026-11-26")).toBe("org:errors.dateInPast");
    expect(issue("2026-02-30")).toBe("org:errors.date");
    expect(issue("2026-11-27")).toBeNull();
  });
});

describe("the quick-order grid's fields", () => {
  it("become rows in order, blank rows dropped, values trimmed", () => {
    const grid = (fields: Record<string, string>) => parseForm(new URLSearchParams({ intent: "save", org: "1", ...fields }), GridSchema);
    const typed = grid({ "lines[0].sku": " ZL-0001 ", "lines[0].quantity": "20", "lines[1].sku": "", "lines[1].quantity": "", "lines[3].quantity": "5", "lines[2].sku": "JL-1063", "lines[2].quantity": "" });
    expect(typed.status === "success" ? typed.value.lines : typed.error).toEqual([
      { sku: "ZL-0001", quantity: "20" },
      { sku: "JL-1063", quantity: "" },
      { sku: "", quantity: "5" },
    ]);
    // An index far past the grid is not read (nor a sparse array walked to it).
    const far = grid({ "lines[0].sku": "ZL-0001", "lines[0].quantity": "1", "lines[999999999].sku": "X" });
    expect(far.status === "success" ? far.value.lines : far.error).toEqual([{ sku: "ZL-0001", quantity: "1" }]);
  });

  it("needs a name only to be saved as a list", () => {
    const saveList = parseForm(new URLSearchParams({ intent: "saveList", "lines[0].sku": "ZL-0001", listName: " " }), GridSchema);
    expect(saveList.status === "success" ? null : saveList.error).toEqual({ listName: ["org:errors.listName"] });
    expect(parseForm(new URLSearchParams({ intent: "review", listName: "" }), GridSchema).status).toBe("success");
  });
});

describe("a bank transfer", () => {
  it("is an amount in yuan with at most two decimals, a real date and a plain bank reference", () => {
    expect(TermsPaymentSchema.parse({ amount: "1200.5", receivedOn: "2026-11-27", bankReference: " ICBC-0001 " })).toEqual({ amount: 120050, receivedOn: "2026-11-27", bankReference: "ICBC-0001" });
    const bad = TermsPaymentSchema.safeParse({ amount: "0", receivedOn: "27/11/2026", bankReference: "流水 1" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["amount", "receivedOn", "bankReference"]);
  });
});

describe("Beijing dates", () => {
  it("turn over at midnight in Beijing, not in UTC", () => {
    expect(beijingToday(new Date("2026-11-26T15:59:59Z"))).toBe("2026-11-26");
    expect(beijingToday(new Date("2026-11-26T16:00:00Z"))).toBe("2026-11-27");
  });
});
