/**
 * Loads the demo catalogue (prisma/demo/catalogue.ts), demo employees and pickup points
 * (prisma/demo/people.ts) into a database through a Prisma client.
 * Used by scripts/seed.ts and by tests that want a realistic catalogue on a fresh test database.
 *
 * Imports are relative (no "~/" alias) so this also runs under plain tsx.
 */
import type { PrismaClient } from "../../app/generated/prisma/client";
import { buildSearchFields } from "../../app/models/search.server";
import { hashPassword } from "../../app/utils/password.server";
import { sealTotpSecret } from "../../app/utils/second-factor-crypto.server";
import { DEMO_ADMIN, allDemoProducts, categories, counties, suppliers } from "./catalogue";
import { DEMO_ORG_MEMBERS, loadDemoOrganisations } from "./organisations";
import { DEMO_EMPLOYEES, DEMO_EMPLOYEE_PASSWORD, DEMO_PICKUP_POINTS, DEMO_ROSTER_ONLY } from "./people";

export type DemoLoadResult =
  | { loaded: false }
  | {
      loaded: true;
      counties: number;
      categories: number;
      suppliers: number;
      products: number;
      flagshipProducts: number;
      endorsements: number;
      admin: boolean;
      employees: number;
      pickupPoints: number;
    };

export type DemoLoadOptions = {
  /** Create the demo admin (DEMO_ADMIN). Default true. */
  admin?: boolean;
  /** Create the demo employees (DEMO_EMPLOYEES), each with a default address. Default true. */
  employees?: boolean;
  /** scrypt cost (log2 N) for the demo passwords. Default as in app/utils/password.server.ts. */
  passwordCost?: number;
};

const BATCH = 200;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function required<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown ${what} "${key}"`);
  return value;
}

/**
 * Loads the demo catalogue, only into a database with no County rows yet; returns { loaded: false }
 * and changes nothing otherwise. Everything goes in one transaction: all of it or none of it.
 */
export async function loadDemoCatalogue(prisma: PrismaClient, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  if ((await prisma.county.count()) > 0) return { loaded: false };

  const withAdmin = options.admin ?? true;
  const withEmployees = options.employees ?? true;
  const cost = options.passwordCost;
  // Hash before the transaction: it takes a moment and needs no lock. The employees share one
  // password, so one hash serves all of them.
  const [passwordHash, employeeHash] = await Promise.all([
    withAdmin ? hashPassword(DEMO_ADMIN.password, cost) : "",
    withEmployees ? hashPassword(DEMO_EMPLOYEE_PASSWORD, cost) : "",
  ]);
  const products = allDemoProducts();

  return prisma.$transaction(
    async (tx) => {
      // Checked again inside the transaction, in case another process loaded meanwhile.
      if ((await tx.county.count()) > 0) return { loaded: false } as const;

      const countyRows = await tx.county.createManyAndReturn({
        data: counties.map((c) => ({
          slug: c.slug,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          provinceZh: c.provinceZh,
          provinceEn: c.provinceEn,
          kind: c.kind,
          storyZh: c.storyZh,
          storyEn: c.storyEn,
          sortOrder: c.sortOrder,
        })),
        select: { id: true, slug: true, nameZh: true },
      });
      const countyBySlug = new Map(countyRows.map((c) => [c.slug, c]));

      const categoryRows = await tx.category.createManyAndReturn({
        data: categories.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn, sortOrder: c.sortOrder })),
        select: { id: true, slug: true, nameZh: true },
      });
      const categoryBySlug = new Map(categoryRows.map((c) => [c.slug, c]));

      const supplierRows = await tx.supplier.createManyAndReturn({
        data: suppliers.map((s) => ({
          name: s.name,
          kind: s.kind,
          countyId: required(countyBySlug, s.countySlug, "county").id,
          contactName: s.contactName,
          contactPhone: s.contactPhone,
          status: s.status,
          statusReason: s.statusReason,
        })),
        select: { id: true, name: true, countyId: true },
      });
      const supplierByKey = new Map(supplierRows.map((s) => [`${s.countyId}|${s.name}`, s.id]));

      const productIdBySku = new Map<string, number>();
      for (const batch of chunks(products, BATCH)) {
        const rows = await tx.product.createManyAndReturn({
          data: batch.map((p) => {
            const county = required(countyBySlug, p.countySlug, "county");
            const category = required(categoryBySlug, p.categorySlug, "category");
            return {
              sku: p.sku,
              slug: p.slug,
              nameZh: p.nameZh,
              nameEn: p.nameEn,
              categoryId: category.id,
              countyId: county.id,
              supplierId: required(supplierByKey, `${county.id}|${p.supplierName}`, "supplier"),
              township: p.township,
              village: p.village,
              spec: p.spec,
              priceFen: p.priceFen,
              stock: p.stock,
              descriptionZh: p.descriptionZh,
              descriptionEn: p.descriptionEn,
              originStatement: p.originStatement,
              status: "ACTIVE",
              featured: p.featured,
              ...buildSearchFields({
                nameZh: p.nameZh,
                nameEn: p.nameEn,
                extraZh: [category.nameZh, county.nameZh, p.village],
              }),
            };
          }),
          select: { id: true, sku: true },
        });
        for (const row of rows) productIdBySku.set(row.sku, row.id);
      }

      for (const batch of chunks(products, BATCH * 2)) {
        await tx.productImage.createMany({
          data: batch.map((p) => ({ productId: required(productIdBySku, p.sku, "product"), url: p.imageUrl, sortOrder: 0 })),
        });
      }

      const endorsed = products.flatMap((p) => (p.endorsement ? [{ product: p, endorsement: p.endorsement }] : []));
      for (const batch of chunks(endorsed, BATCH * 2)) {
        await tx.endorsement.createMany({
          data: batch.map(({ product, endorsement: e }) => ({
            productId: required(productIdBySku, product.sku, "product"),
            secretaryName: e.secretaryName,
            village: e.village,
            township: e.township,
            countyId: required(countyBySlug, e.countySlug, "county").id,
            dispatchingUnit: e.dispatchingUnit,
            words: e.words,
          })),
        });
      }

      let admin = false;
      if (withAdmin && !(await tx.user.findUnique({ where: { username: DEMO_ADMIN.username }, select: { id: true } }))) {
        const { id } = await tx.user.create({
          data: { username: DEMO_ADMIN.username, name: DEMO_ADMIN.name, role: "ADMIN", passwordHash },
          select: { id: true },
        });
        // Enrolled with the README's demo secret, so anyone trying the demo can add it to an authenticator.
        await tx.user.update({ where: { id }, data: { totpSecret: sealTotpSecret(id, DEMO_ADMIN.totpSecret), totpEnabledAt: new Date() } });
        admin = true;
      }

      let employees = 0;
      if (withEmployees) {
        // Skip any demo employee whose number or mobile an existing account already holds.
        const taken = await tx.user.findMany({
          where: {
            OR: [
              { username: { in: DEMO_EMPLOYEES.map((e) => e.employeeNo) } },
              { employeeNo: { in: DEMO_EMPLOYEES.map((e) => e.employeeNo) } },
              { mobile: { in: DEMO_EMPLOYEES.map((e) => e.mobile) } },
            ],
          },
          select: { username: true, employeeNo: true, mobile: true },
        });
        const used = new Set(taken.flatMap((u) => [u.username, u.employeeNo, u.mobile]));
        for (const e of DEMO_EMPLOYEES) {
          if (used.has(e.employeeNo) || used.has(e.mobile)) continue;
          await tx.user.create({
            data: {
              username: e.employeeNo,
              employeeNo: e.employeeNo,
              name: e.name,
              mobile: e.mobile,
              role: "EMPLOYEE",
              passwordHash: employeeHash,
              addresses: { create: { ...e.address, isDefault: true } },
            },
          });
          employees++;
        }
        // Bulk buyers (issue 4): a canteen on terms and the union's welfare programme.
        await loadDemoOrganisations(tx, employeeHash);
        // The roster (issue 10): every demo employee, and people who have not registered yet.
        const onRoster = new Set((await tx.rosterEntry.findMany({ select: { employeeNo: true } })).map((r) => r.employeeNo));
        await tx.rosterEntry.createMany({
          data: [...DEMO_EMPLOYEES, ...DEMO_ORG_MEMBERS, ...DEMO_ROSTER_ONLY]
            .filter((e) => !onRoster.has(e.employeeNo))
            .map((e) => ({ employeeNo: e.employeeNo, name: e.name, mobile: e.mobile, department: "department" in e ? e.department : "" })),
        });
      }

      const existingPoints = new Set((await tx.pickupPoint.findMany({ select: { code: true } })).map((p) => p.code));
      const pickupPoints = await tx.pickupPoint.createMany({
        data: DEMO_PICKUP_POINTS.filter((p) => !existingPoints.has(p.code)),
      });

      return {
        loaded: true,
        counties: countyRows.length,
        categories: categoryRows.length,
        suppliers: supplierRows.length,
        products: productIdBySku.size,
        flagshipProducts: products.filter((p) => !p.endorsement).length,
        endorsements: endorsed.length,
        admin,
        employees,
        pickupPoints: pickupPoints.count,
      } as const;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
