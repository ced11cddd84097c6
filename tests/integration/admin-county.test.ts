import { beforeEach, describe, expect, it } from "vitest";
import * as county from "~/routes/admin.counties_.$slug";
import { prisma } from "~/utils/db.server";
import { cookieFor, createReferenceData, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { post, refusal, thrown } from "../support/routes";

let adminCookie: string;

beforeEach(async () => {
  await resetDatabase();
  await createReferenceData();
  adminCookie = await cookieFor(await createUserWithRole("office", "ADMIN"));
});

const save = (fields: Record<string, string>) =>
  county.action({ request: post("/admin/counties/zhenlai", adminCookie, fields), params: { slug: "zhenlai" }, context: {} });

describe("editing a county's page", () => {
  it("refuses an empty name with 400, the field's message and everything typed back, and saves nothing", async () => {
    const typed = { nameZh: " ", nameEn: "Zhenlai", storyZh: "新的介绍", storyEn: "A new story" };
    const answer = refusal(await save(typed));
    expect(answer.status).toBe(400);
    expect(answer.fieldErrors).toEqual({ nameZh: ["admin:errors.required"] });
    expect(answer.values).toEqual(typed);
    expect(await prisma.county.findUniqueOrThrow({ where: { slug: "zhenlai" } })).toMatchObject({ nameZh: "镇赉县", storyZh: "" });
  });

  it("saves what the schema accepts, trimmed, and says so", async () => {
    const saved = await thrown(save({ nameZh: " 镇赉县 ", nameEn: "Zhenlai County", storyZh: "盐碱地上的稻田", storyEn: "" }));
    expect(saved.headers.get("Location")).toBe("/admin/counties/zhenlai?done=saved");
    expect(await prisma.county.findUniqueOrThrow({ where: { slug: "zhenlai" } })).toMatchObject({ nameZh: "镇赉县", storyZh: "盐碱地上的稻田" });
  });
});
