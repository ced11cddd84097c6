/**
 * Demo welfare gift boxes (issue 4 §6): a Spring Festival box with one product from each of the three
 * assigned counties, and a mountain-goods box. Their components get a Spring Festival stock delivery
 * (recorded as stock adjustments) so the demo welfare organisation can send boxes to hundreds of people.
 * Called by scripts/seed.ts after the catalogue is loaded; adds nothing if a box already exists.
 */
import type { PrismaClient } from "../app/generated/prisma/client";

export const DEMO_GIFT_BOXES = [
  {
    nameZh: "春节福利礼盒",
    nameEn: "Spring Festival Welfare Box",
    descriptionZh: "镇赉弱碱大米、和龙长白山黑木耳、凤山核桃，三个定点帮扶县的年货一盒装。",
    descriptionEn: "Zhenlai rice, Helong black fungus and Fengshan walnuts: New Year goods from the three assigned counties in one box.",
    components: [
      { slug: "zhenlai-weak-alkaline-rice-5kg", quantity: 1 },
      { slug: "helong-black-fungus-250g", quantity: 1 },
      { slug: "fengshan-walnuts-1kg", quantity: 1 },
    ],
  },
  {
    nameZh: "山珍礼盒",
    nameEn: "Mountain Delicacies Box",
    descriptionZh: "和龙榛蘑、长白山黑木耳各两袋，配凤山富硒绿茶。",
    descriptionEn: "Two bags each of Helong hazel mushrooms and black fungus, with Fengshan selenium-rich green tea.",
    components: [
      { slug: "helong-hazel-mushrooms", quantity: 2 },
      { slug: "helong-black-fungus-250g", quantity: 2 },
      { slug: "fengshan-selenium-green-tea", quantity: 1 },
    ],
  },
] as const;

/** Units delivered for the festival to each product in the first box. */
const FESTIVAL_STOCK = 1_000;

export async function loadDemoGiftBoxes(prisma: PrismaClient) {
  if ((await prisma.giftBox.count()) > 0) return 0;
  return prisma.$transaction(async (tx) => {
    let created = 0;
    for (const [index, box] of DEMO_GIFT_BOXES.entries()) {
      const products = await tx.product.findMany({ where: { slug: { in: box.components.map((c) => c.slug) } }, select: { id: true, slug: true, stock: true } });
      const bySlug = new Map(products.map((p) => [p.slug, p]));
      if (box.components.some((c) => !bySlug.has(c.slug))) continue;
      const { components, ...fields } = box;
      await tx.giftBox.create({
        data: { ...fields, components: { create: components.map((c, position) => ({ productId: bySlug.get(c.slug)!.id, quantity: c.quantity, position })) } },
      });
      if (index === 0) {
        for (const p of products) {
          const after = await tx.product.update({ where: { id: p.id }, data: { stock: { increment: FESTIVAL_STOCK } }, select: { stock: true } });
          await tx.stockAdjustment.create({ data: { productId: p.id, delta: FESTIVAL_STOCK, stockAfter: after.stock, reason: "春节福利备货" } });
        }
      }
      created++;
    }
    return created;
  });
}
