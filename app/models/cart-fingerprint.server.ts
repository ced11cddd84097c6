import { createHash } from "node:crypto";

/**
 * Names what a cart would order at today's prices. The checkout page carries it; the order is only
 * placed if the cart still has the same fingerprint, so nobody pays for a cart they did not see.
 */
export function cartFingerprint(lines: { productId: number; quantity: number; unitPriceFen: number }[]) {
  return createHash("sha256")
    .update(lines.map((l) => `${l.productId}:${l.quantity}:${l.unitPriceFen}`).join(","))
    .digest("base64url")
    .slice(0, 22);
}
