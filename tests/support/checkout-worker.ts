/**
 * Places and pays orders in a loop against DATABASE_URL until it is killed; prints "orders N" as it
 * goes. Used by tests/integration/crash.test.ts to kill a busy process with SIGKILL.
 */
import { markOrderPaid, placeOrder } from "~/models/order.server";

const [userId, ...productIds] = (process.argv[2] ?? "").split(",").map(Number);
let n = 0;
for (;;) {
  const productId = productIds[n % productIds.length]!;
  const result = await placeOrder({
    userId: userId!,
    checkoutKey: `crash-${process.pid}-${n}`,
    lines: [
      { productId, quantity: 1 + (n % 3) },
      { productId: productIds[(n + 1) % productIds.length]!, quantity: 1 },
    ],
    delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" },
  });
  if (result.ok && n % 2 === 0) await markOrderPaid({ orderId: result.order.id, provider: "LOCAL", providerRef: `r${n}` });
  n += 1;
  if (n % 10 === 0) process.stdout.write(`orders ${n}\n`);
}
