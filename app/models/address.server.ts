import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { MAX_ADDRESSES, type AddressInput } from "./account-schema";

/**
 * A user's delivery addresses. Every query names the owner (`where: { id, userId }`), so another
 * user's address id finds nothing. When a user has any addresses, exactly one is the default.
 */

const addressSelect = {
  id: true,
  recipient: true,
  mobile: true,
  province: true,
  city: true,
  district: true,
  detail: true,
  isDefault: true,
} satisfies Prisma.AddressSelect;

export type Address = Prisma.AddressGetPayload<{ select: typeof addressSelect }>;

/** The default first, then the newest. */
export function listAddresses(userId: number) {
  return prisma.address.findMany({
    where: { userId },
    orderBy: [{ isDefault: "desc" }, { id: "desc" }],
    select: addressSelect,
  });
}

export function getAddress(userId: number, id: number) {
  return prisma.address.findFirst({ where: { id, userId }, select: addressSelect });
}

export function getDefaultAddress(userId: number) {
  return prisma.address.findFirst({ where: { userId, isDefault: true }, select: addressSelect });
}

function addressData(input: AddressInput) {
  const { isDefault: _isDefault, ...fields } = input;
  return fields;
}

export type AddressCreateResult = { ok: true; id: number } | { ok: false; reason: "limit" };

/** The first address is the default whatever the form said; a new default replaces the old one. */
export function createAddress(userId: number, input: AddressInput): Promise<AddressCreateResult> {
  return prisma.$transaction(async (tx) => {
    const count = await tx.address.count({ where: { userId } });
    if (count >= MAX_ADDRESSES) return { ok: false, reason: "limit" } as const;
    const isDefault = input.isDefault || count === 0;
    if (isDefault) await tx.address.updateMany({ where: { userId, isDefault: true }, data: { isDefault: false } });
    const address = await tx.address.create({ data: { ...addressData(input), userId, isDefault }, select: { id: true } });
    return { ok: true, id: address.id } as const;
  });
}

/**
 * Saves an edit; false when the user has no such address. Unticking "default" on the default does
 * nothing (there must be one): another address becomes the default by being made so.
 */
export function updateAddress(userId: number, id: number, input: AddressInput): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.address.updateMany({ where: { id, userId }, data: addressData(input) });
    if (found.count === 0) return false;
    if (input.isDefault) await makeDefault(tx, userId, id);
    return true;
  });
}

async function makeDefault(tx: Prisma.TransactionClient, userId: number, id: number) {
  await tx.address.updateMany({ where: { userId, isDefault: true, NOT: { id } }, data: { isDefault: false } });
  await tx.address.updateMany({ where: { id, userId }, data: { isDefault: true } });
}

export function setDefaultAddress(userId: number, id: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const address = await tx.address.findFirst({ where: { id, userId }, select: { id: true } });
    if (!address) return false;
    await makeDefault(tx, userId, id);
    return true;
  });
}

/** Deleting the default makes the newest remaining address the default. */
export function deleteAddress(userId: number, id: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const address = await tx.address.findFirst({ where: { id, userId }, select: { isDefault: true } });
    if (!address) return false;
    await tx.address.deleteMany({ where: { id, userId } });
    if (address.isDefault) {
      const next = await tx.address.findFirst({ where: { userId }, orderBy: { id: "desc" }, select: { id: true } });
      if (next) await tx.address.update({ where: { id: next.id }, data: { isDefault: true } });
    }
    return true;
  });
}
