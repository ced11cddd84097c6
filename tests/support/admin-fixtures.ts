import { signIn, hashPassword } from "~/models/user.server";
import { commitSignIn } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import type { ProductCreateInput } from "~/models/product-schema";
import { sealTotpSecret } from "~/utils/second-factor-crypto.server";
import { DEMO_TOTP_SECRET } from "./totp";

/** The smallest catalogue the admin tests need: two counties, one category, a supplier in each county. */
export async function createReferenceData() {
  const zhenlai = await prisma.county.create({
    data: { slug: "zhenlai", nameZh: "镇赉县", nameEn: "Zhenlai County", provinceZh: "吉林省", provinceEn: "Jilin", kind: "ASSIGNED" },
  });
  const fengshan = await prisma.county.create({
    data: { slug: "fengshan", nameZh: "凤山县", nameEn: "Fengshan County", provinceZh: "广西", provinceEn: "Guangxi", kind: "ASSIGNED" },
  });
  const rice = await prisma.category.create({ data: { slug: "rice", nameZh: "大米", nameEn: "Rice" } });
  const herbs = await prisma.category.create({ data: { slug: "herbs", nameZh: "药材", nameEn: "Herbs" } });
  const zhenlaiCoop = await prisma.supplier.create({
    data: { name: "镇赉县稻米合作社", kind: "COOPERATIVE", countyId: zhenlai.id, status: "ADMITTED" },
  });
  const fengshanCoop = await prisma.supplier.create({
    data: { name: "凤山县文里村合作社", kind: "COOPERATIVE", countyId: fengshan.id, status: "ADMITTED" },
  });
  return { zhenlai, fengshan, rice, herbs, zhenlaiCoop, fengshanCoop };
}
export type ReferenceData = Awaited<ReturnType<typeof createReferenceData>>;

export function productInput(ref: ReferenceData, overrides: Partial<ProductCreateInput> = {}): ProductCreateInput {
  return {
    sku: "ZL-RICE-5KG",
    slug: "zhenlai-rice-5kg",
    nameZh: "镇赉大米",
    nameEn: "Zhenlai rice",
    categoryId: ref.rice.id,
    countyId: ref.zhenlai.id,
    supplierId: ref.zhenlaiCoop.id,
    township: "坦途镇",
    village: "东方红村",
    spec: "5kg/袋",
    price: 5990,
    descriptionZh: "",
    descriptionEn: "",
    originStatement: "镇赉县稻米合作社自产",
    featured: false,
    initialStock: 10,
    ...overrides,
  };
}

export async function createUserWithRole(username: string, role: string, password = "correct horse battery") {
  const user = await prisma.user.create({
    data: { username, name: username, role, passwordHash: await hashPassword(password) },
    select: { id: true },
  });
  return { id: user.id, username, password };
}

/**
 * Enrols an administrator's authenticator with a known secret (the demo one by default), as confirming
 * an enrolment would. sessionSecret: the server's, for a server started with other settings.
 */
export async function enrolAdmin(userId: number, secret: string = DEMO_TOTP_SECRET, sessionSecret?: string) {
  await prisma.user.update({ where: { id: userId }, data: { totpSecret: sealTotpSecret(userId, secret, sessionSecret), totpEnabledAt: new Date() } });
}

/** A Cookie header for a signed-in user, built the way the login route builds it. */
export async function cookieFor(user: { username: string; password: string }) {
  const result = await signIn(user.username, user.password, "127.0.0.1");
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  const setCookie = await commitSignIn(new Request("http://localhost/"), result.sessionId, result.expiresAt);
  return setCookie.split(";")[0]!;
}
