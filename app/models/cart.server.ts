import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { cartFingerprint } from "./cart-fingerprint.server";
import { MAX_CART_QUANTITY, type CartAction } from "./checkout-schema";
import { MAX_LINES } from "./order.server";
import { isSellable } from "./sellable.server";

/**
 * The cart. Before sign-in it belongs to the browser: a random token in an HttpOnly cookie names
 * the Cart row. Once signed in, the user's cart is found by user id, and the browser's cart is
 * merged into it (mergeCarts). A cart that belongs to a user is never reachable by token alone, so
 * signing out on a shared computer leaves the next visitor with an empty cart.
 *
 * Lines keep the price when they were added; the page compares it with today's price, stock, limit
 * and availability, and shows every difference instead of hiding it.
 */

const cartCookie = createCookie("__hall_cart", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 60,
});

export type CartOwner = { userId: number } | { token: string | null };

/** The token from the cookie, or null (no cookie, or not one of ours). */
export async function cartTokenFrom(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__hall_cart=")) return null;
  const value: unknown = await cartCookie.parse(header);
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** Who owns the cart of this request: the signed-in user, else the browser's token. */
export async function cartOwner(request: Request, user: { id: number } | null): Promise<CartOwner> {
  return user ? { userId: user.id } : { token: await cartTokenFrom(request) };
}

function cartWhere(owner: CartOwner) {
  return "userId" in owner ? { userId: owner.userId } : { token: owner.token ?? "", userId: null };
}

const newToken = () => randomBytes(32).toString("base64url");

/**
 * Items in the cart, for the header on every page: one SUM over the cart's lines, and no query at
 * all for an anonymous visitor without a cart cookie.
 */
export async function countCartItems(request: Request, user: { id: number } | null): Promise<number> {
  const owner = await cartOwner(request, user);
  let rows: { n: number | bigint | null }[];
  if ("userId" in owner) {
    rows = await prisma.$queryRaw`SELECT SUM(l."quantity") AS n FROM "CartLine" l JOIN "Cart" c ON c."id" = l."cartId" WHERE c."userId" = ${owner.userId}`;
  } else if (owner.token) {
    rows = await prisma.$queryRaw`SELECT SUM(l."quantity") AS n FROM "CartLine" l JOIN "Cart" c ON c."id" = l."cartId" WHERE c."token" = ${owner.token} AND c."userId" IS NULL`;
  } else {
    return 0;
  }
  return Number(rows[0]?.n ?? 0);
}

/** The owner's cart id, creating the cart (and, for a browser, its cookie) when there is none. */
async function ensureCart(owner: CartOwner): Promise<{ cartId: number; setCookie: string | null }> {
  const existing = await prisma.cart.findFirst({ where: cartWhere(owner), select: { id: true } });
  if (existing) return { cartId: existing.id, setCookie: null };
  if ("userId" in owner) {
    const cart = await prisma.cart.upsert({
      where: { userId: owner.userId },
      create: { userId: owner.userId, token: newToken() },
      update: {},
      select: { id: true },
    });
    return { cartId: cart.id, setCookie: null };
  }
  const token = newToken();
  const cart = await prisma.cart.create({ data: { token }, select: { id: true } });
  return { cartId: cart.id, setCookie: await cartCookie.serialize(token) };
}

export type CartError = {
  message:
    | "orders:errors.unknownProduct"
    | "orders:errors.unavailable"
    | "orders:errors.soldOut"
    | "orders:errors.overStock"
    | "orders:errors.overLimit"
    | "orders:errors.tooManyLines"
    | "orders:errors.notInCart";
  max?: number;
  /** How many the cart already holds, when adding would go over the maximum. */
  inCart?: number;
};

export type CartChangeResult = { ok: true; setCookie: string | null } | { ok: false; error: CartError };

const productRules = { id: true, priceFen: true, stock: true, maxPerOrder: true, status: true, supplier: { select: { status: true } } } as const;

/** The most of a product one cart line may hold today, and the message that names it. */
function allowedMaximum(product: { stock: number; maxPerOrder: number | null }): { max: number; message: CartError["message"] } {
  const limit = Math.min(product.maxPerOrder ?? MAX_CART_QUANTITY, MAX_CART_QUANTITY);
  if (product.stock < limit) return { max: product.stock, message: product.stock <= 0 ? "orders:errors.soldOut" : "orders:errors.overStock" };
  return { max: limit, message: "orders:errors.overLimit" };
}

/**
 * Applies one cart form: add (adds to what the line holds), set-quantity, remove. Input has
 * been through CartActionSchema. A refused change changes nothing and says why, naming the maximum.
 */
export async function changeCart(owner: CartOwner, action: CartAction): Promise<CartChangeResult> {
  if (action.intent === "remove") {
    const cart = await prisma.cart.findFirst({ where: cartWhere(owner), select: { id: true } });
    if (cart) await prisma.cartLine.deleteMany({ where: { cartId: cart.id, productId: action.productId } });
    return { ok: true, setCookie: null };
  }

  const product = await prisma.product.findUnique({ where: { id: action.productId }, select: productRules });
  if (!product) return { ok: false, error: { message: "orders:errors.unknownProduct" } };
  if (!isSellable(product)) return { ok: false, error: { message: "orders:errors.unavailable" } };

  const cart = await prisma.cart.findFirst({
    where: cartWhere(owner),
    select: { id: true, lines: { select: { productId: true, quantity: true } } },
  });
  const current = cart?.lines.find((l) => l.productId === product.id);
  const wanted = action.intent === "add" ? (current?.quantity ?? 0) + action.quantity : action.quantity;
  if (!current && action.intent === "set-quantity") return { ok: false, error: { message: "orders:errors.notInCart" } };
  const { max, message } = allowedMaximum(product);
  if (wanted > max) {
    const inCart = action.intent === "add" ? (current?.quantity ?? 0) : 0;
    return { ok: false, error: { message, max, ...(inCart > 0 ? { inCart } : {}) } };
  }
  if (!current && (cart?.lines.length ?? 0) >= MAX_LINES) return { ok: false, error: { message: "orders:errors.tooManyLines", max: MAX_LINES } };

  const { cartId, setCookie } = cart ? { cartId: cart.id, setCookie: null } : await ensureCart(owner);
  await prisma.cartLine.upsert({
    where: { cartId_productId: { cartId, productId: product.id } },
    // The price a line was first added at stays, so a later change is still shown on the cart page.
    create: { cartId, productId: product.id, quantity: wanted, priceFenWhenAdded: product.priceFen },
    update: { quantity: wanted },
  });
  return { ok: true, setCookie };
}

export type LineIssue =
  | { kind: "unavailable" }
  | { kind: "sold-out" }
  | { kind: "over-stock"; available: number }
  | { kind: "over-limit"; limit: number };

export type CartLineView = {
  productId: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  imageUrl: string | null;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  /** The price when the line was added, when it differs from today's. */
  priceWasFen: number | null;
  issue: LineIssue | null;
};

export type CartView = {
  lines: CartLineView[];
  itemCount: number;
  totalFen: number;
  /** True when every line can be ordered as it stands. */
  ready: boolean;
  /** Changes whenever what would be ordered, or its price, changes (stock problems are placeOrder's to report). */
  fingerprint: string;
};

const emptyCart: CartView = { lines: [], itemCount: 0, totalFen: 0, ready: false, fingerprint: "" };

/** The cart as the shopper should see it today: current prices, and every reason a line cannot be bought. */
const lineProductSelect = {
  id: true,
  slug: true,
  nameZh: true,
  nameEn: true,
  spec: true,
  priceFen: true,
  stock: true,
  maxPerOrder: true,
  status: true,
  supplier: { select: { status: true } },
  images: { select: { url: true }, orderBy: { sortOrder: "asc" }, take: 1 },
} as const;

export async function getCart(owner: CartOwner): Promise<CartView> {
  if ("token" in owner && !owner.token) return emptyCart;
  const cart = await prisma.cart.findFirst({
    where: cartWhere(owner),
    select: {
      lines: {
        orderBy: { id: "asc" },
        select: {
          quantity: true,
          priceFenWhenAdded: true,
          product: { select: lineProductSelect },
        },
      },
    },
  });
  if (!cart || cart.lines.length === 0) return emptyCart;

  return cartView(cart.lines.map(({ quantity, priceFenWhenAdded, product }) => lineView(quantity, priceFenWhenAdded, product)));
}

type LineProduct = {
  id: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  priceFen: number;
  stock: number;
  maxPerOrder: number | null;
  status: string;
  supplier: { status: string };
  images: { url: string }[];
};

function lineView(quantity: number, priceFenWhenAdded: number, p: LineProduct): CartLineView {
  let issue: LineIssue | null = null;
  if (!isSellable(p)) issue = { kind: "unavailable" };
  else if (p.stock <= 0) issue = { kind: "sold-out" };
  else if (p.maxPerOrder !== null && quantity > p.maxPerOrder) issue = { kind: "over-limit", limit: p.maxPerOrder };
  else if (quantity > p.stock) issue = { kind: "over-stock", available: p.stock };
  return {
    productId: p.id,
    slug: p.slug,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    spec: p.spec,
    imageUrl: p.images[0]?.url ?? null,
    quantity,
    unitPriceFen: p.priceFen,
    lineTotalFen: p.priceFen * quantity,
    priceWasFen: priceFenWhenAdded === p.priceFen ? null : priceFenWhenAdded,
    issue,
  };
}

function cartView(lines: CartLineView[]): CartView {
  const orderable = lines.filter((l) => !l.issue);
  return {
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    totalFen: orderable.reduce((sum, l) => sum + l.lineTotalFen, 0),
    ready: orderable.length === lines.length,
    fingerprint: cartFingerprint(lines),
  };
}

/**
 * 立即购买: one product at today's price, shown and checked like a cart of one line, while the buyer's
 * own cart stays as it is.
 */
export async function getBuyNowView(productId: number, quantity: number): Promise<CartView> {
  const product = await prisma.product.findUnique({ where: { id: productId }, select: lineProductSelect });
  return product ? cartView([lineView(quantity, product.priceFen, product)]) : emptyCart;
}

/**
 * Moves the browser's cart into the user's on sign-in. Quantities of the same product add up, capped
 * by stock and the product's per-order limit (a line already over them keeps its quantity, and the
 * cart page shows the problem). The browser's cart is gone afterwards.
 */
export async function mergeCarts(token: string | null, userId: number): Promise<void> {
  if (!token) return;
  const anonymous = await prisma.cart.findFirst({
    where: { token, userId: null },
    select: { id: true, lines: { select: { productId: true, quantity: true, priceFenWhenAdded: true, product: { select: { stock: true, maxPerOrder: true } } } } },
  });
  if (!anonymous) return;
  const mine = await prisma.cart.findUnique({ where: { userId }, select: { id: true, lines: { select: { productId: true, quantity: true } } } });
  if (!mine) {
    await prisma.cart.updateMany({ where: { id: anonymous.id, userId: null }, data: { userId } });
    return;
  }
  const have = new Map(mine.lines.map((l) => [l.productId, l.quantity]));
  let lineCount = mine.lines.length;
  const writes = [];
  for (const line of anonymous.lines) {
    const existing = have.get(line.productId);
    if (existing === undefined) {
      if (lineCount >= MAX_LINES) continue;
      lineCount += 1;
      writes.push(
        prisma.cartLine.create({
          data: { cartId: mine.id, productId: line.productId, quantity: line.quantity, priceFenWhenAdded: line.priceFenWhenAdded },
        }),
      );
      continue;
    }
    const cap = Math.min(line.product.stock, line.product.maxPerOrder ?? MAX_CART_QUANTITY, MAX_CART_QUANTITY);
    const merged = Math.max(Math.min(existing + line.quantity, cap), existing);
    if (merged !== existing) {
      writes.push(prisma.cartLine.update({ where: { cartId_productId: { cartId: mine.id, productId: line.productId } }, data: { quantity: merged } }));
    }
  }
  await prisma.$transaction([...writes, prisma.cart.deleteMany({ where: { id: anonymous.id, userId: null } })]);
}

/** Called where sign-in succeeds: the browser's cart joins the account that just signed in. */
export async function mergeCartOnSignIn(request: Request, sessionId: string): Promise<void> {
  const token = await cartTokenFrom(request);
  if (!token) return;
  const session = await prisma.session.findUnique({ where: { id: sessionId }, select: { userId: true } });
  if (session) await mergeCarts(token, session.userId);
}
