/**
 * Demo organisations for bulk buying (issue 4): the headquarters canteen, which buys on terms and
 * needs an approver above ¥5,000, and the trade union's welfare programme, which pays at once.
 * Their members sign in with the demo employee password. Codes and people are made up.
 */
import type { Prisma } from "../../app/generated/prisma/client";
import { creditCodeCheckCharacter } from "../../app/models/organisation-schema";

type Tx = Prisma.TransactionClient;

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);

export const DEMO_ORG_MEMBERS = [
  { employeeNo: "D20001", name: "陈静", mobile: "13800040001", org: "canteen", role: "BUYER" },
  { employeeNo: "D20002", name: "刘洋", mobile: "13800040002", org: "canteen", role: "APPROVER" },
  { employeeNo: "D20003", name: "黄磊", mobile: "13800040003", org: "canteen", role: "ORG_ADMIN" },
  { employeeNo: "D20004", name: "何芳", mobile: "13800040004", org: "welfare", role: "ORG_ADMIN" },
  { employeeNo: "D20005", name: "马超", mobile: "13800040005", org: "welfare", role: "BUYER" },
] as const;

export const DEMO_ORGANISATIONS = {
  canteen: {
    name: "一汽总部职工食堂",
    kind: "CANTEEN",
    creditCode: code("91220101MA0Y0CT00"),
    contactName: "黄磊",
    contactMobile: "13800040003",
    paymentTerms: "ON_TERMS",
    termDays: 30,
    creditLimitFen: 50_000_000,
    approvalThresholdFen: 500_000,
    location: { name: "总部职工食堂后厨收货口", address: "吉林省长春市汽车经济技术开发区东风大街 8899 号 职工食堂北门", contactName: "陈静", contactMobile: "13800040001" },
  },
  welfare: {
    name: "一汽工会职工福利部",
    kind: "WELFARE",
    creditCode: code("81220101MA0Y0WF00"),
    contactName: "何芳",
    contactMobile: "13800040004",
    paymentTerms: "PAY_NOW",
    termDays: 30,
    creditLimitFen: 0,
    approvalThresholdFen: 1_000_000,
    location: { name: "工会福利仓库", address: "吉林省长春市汽车经济技术开发区东风大街 2259 号 工会大楼一层", contactName: "马超", contactMobile: "13800040005" },
  },
} as const;

/** Creates the two organisations (approved) and their members; skips members whose 工号 or mobile is taken. */
export async function loadDemoOrganisations(tx: Tx, passwordHash: string) {
  let created = 0;
  for (const [key, org] of Object.entries(DEMO_ORGANISATIONS)) {
    if (await tx.organisation.findUnique({ where: { creditCode: org.creditCode }, select: { id: true } })) continue;
    const { location, ...fields } = org;
    const organisation = await tx.organisation.create({ data: { ...fields, status: "APPROVED", locations: { create: location } }, select: { id: true } });
    for (const m of DEMO_ORG_MEMBERS.filter((member) => member.org === key)) {
      const taken = await tx.user.findFirst({ where: { OR: [{ username: m.employeeNo }, { employeeNo: m.employeeNo }, { mobile: m.mobile }] }, select: { id: true } });
      const user = taken ?? (await tx.user.create({
        data: { username: m.employeeNo, employeeNo: m.employeeNo, name: m.name, mobile: m.mobile, role: "EMPLOYEE", passwordHash },
        select: { id: true },
      }));
      await tx.organisationMember.create({ data: { organisationId: organisation.id, userId: user.id, role: m.role } });
    }
    created++;
  }
  return created;
}
