import { beforeEach, describe, expect, it } from "vitest";
import { parseRecipientFile, placeGiftOrder, saveGiftDraft } from "~/models/gift-order.server";
import { placeOrder } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { createReferenceData } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { giftAdmin, giftBox, giftDetails, recipientsCsv } from "../support/gift-fixtures";
import { bulkProduct, member, organisationWithMembers } from "../support/org-fixtures";

beforeEach(resetDatabase);

const stockOf = async (id: number) => (await prisma.product.findUniqueOrThrow({ where: { id } })).stock;

describe("gift boxes sharing a scarce component", () => {
  it("two boxes and an employee's cart order placed at once never oversell; each order is all or nothing", async () => {
    const ref = await createReferenceData();
    const adminId = (await giftAdmin()).id;
    const shared = await bulkProduct(ref, { priceFen: 1_000, stock: 0 });
    const onlyA = await bulkProduct(ref, { priceFen: 500, stock: 0, county: "fengshan" });
    const onlyB = await bulkProduct(ref, { priceFen: 700, stock: 0, county: "fengshan" });
    const boxA = await giftBox(adminId, [{ sku: shared.sku, quantity: 2 }, { sku: onlyA.sku, quantity: 1 }], "礼盒A");
    const boxB = await giftBox(adminId, [{ sku: shared.sku, quantity: 3 }, { sku: onlyB.sku, quantity: 1 }], "礼盒B");
    const employee = await member("employee");
    const welfareA = await organisationWithMembers({ kind: "WELFARE" });
    const welfareB = await organisationWithMembers({ kind: "WELFARE" });

    for (let round = 0; round < 8; round++) {
      // Scarce: 6 + 6 + 4 units of the shared product wanted, 7–13 in stock, so some orders must fail.
      const stock = 7 + round;
      await prisma.product.update({ where: { id: shared.id }, data: { stock } });
      await prisma.product.update({ where: { id: onlyA.id }, data: { stock: 100 } });
      await prisma.product.update({ where: { id: onlyB.id }, data: { stock: 100 } });
      const draft = async (org: typeof welfareA, box: number, n: number) => {
        const parsed = await parseRecipientFile("r.csv", new TextEncoder().encode(recipientsCsv(n, { prefix: `R${round}` })));
        if (!parsed.ok) throw new Error("fixture");
        await saveGiftDraft(org.id, org.buyer.id, box, "r.csv", parsed.recipients);
      };
      await draft(welfareA, boxA, 3); // 6 shared + 3 onlyA, ¥75
      await draft(welfareB, boxB, 2); // 6 shared + 2 onlyB, ¥74
      const before = { orders: await prisma.order.count(), shipments: await prisma.shipment.count() };

      const attempts = [
        () => placeGiftOrder({ organisationId: welfareA.id, userId: welfareA.buyer.id, details: giftDetails(7_500) }),
        () => placeGiftOrder({ organisationId: welfareB.id, userId: welfareB.buyer.id, details: giftDetails(7_400) }),
        () =>
          placeOrder({
            userId: employee.id,
            checkoutKey: `cart-${round}`,
            lines: [{ productId: shared.id, quantity: 4 }],
            delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "吉林省长春市东风大街 1 号" },
          }),
      ];
      // A different one goes first each round.
      const order = [0, 1, 2].map((i) => attempts[(i + round) % 3]!);
      const results = await Promise.all(order.map((attempt) => attempt()));
      const resultOf = (j: number) => results[(j - (round % 3) + 3) % 3]!;
      const [a, b, cart] = [resultOf(0), resultOf(1), resultOf(2)];

      const sharedTaken = (a.ok ? 6 : 0) + (b.ok ? 6 : 0) + (cart.ok ? 4 : 0);
      expect(sharedTaken, `round ${round}`).toBeLessThanOrEqual(stock);
      expect(await stockOf(shared.id), `round ${round}`).toBe(stock - sharedTaken);
      expect(await stockOf(onlyA.id)).toBe(a.ok ? 97 : 100);
      expect(await stockOf(onlyB.id)).toBe(b.ok ? 98 : 100);
      // Something always fits (stock ≥ 7 covers any single order) and not everything does (16 > 13).
      expect(results.some((r) => r.ok)).toBe(true);
      expect(results.every((r) => r.ok)).toBe(false);
      for (const r of [a, b]) if (!r.ok) expect(r).toEqual({ ok: false, reason: "stock" });
      // All or nothing: a refused gift order leaves no order, line or shipment behind.
      const placed = results.filter((r) => r.ok).length;
      expect(await prisma.order.count()).toBe(before.orders + placed);
      expect(await prisma.shipment.count()).toBe(before.shipments + (a.ok ? 3 : 0) + (b.ok ? 2 : 0));
    }
    const negative = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "Product" WHERE "stock" < 0`);
    expect(Number(negative[0]?.n)).toBe(0);
  });

  it("the database itself refuses negative stock (CHECK stock >= 0)", async () => {
    const ref = await createReferenceData();
    const product = await bulkProduct(ref, { stock: 1 });
    await expect(prisma.$executeRaw`UPDATE "Product" SET "stock" = "stock" - 2 WHERE "id" = ${product.id}`).rejects.toThrow(/CHECK/i);
    expect(await stockOf(product.id)).toBe(1);
  });
});
