import { describe, expect, it } from "vitest";
import { buildSearchFields, toFtsQuery } from "~/models/search.server";

describe("buildSearchFields", () => {
  const fields = buildSearchFields({ nameZh: "镇赉弱碱大米", nameEn: "Zhenlai Saline-Alkali Rice", extraZh: ["粮油", "镇赉县"] });

  it("indexes Chinese one character per token so any substring is a phrase", () => {
    expect(fields.searchChars.split(" ")).toEqual(expect.arrayContaining(["大", "米", "镇", "赉", "粮", "油"]));
  });

  it("indexes pinyin suffixes from each syllable, so dami and ruojian are prefixes of tokens", () => {
    const tokens = fields.searchPinyin.split(" ");
    expect(tokens[0]).toBe("zhenlairuojiandami");
    expect(tokens).toContain("dami");
    expect(tokens.some((t) => t.startsWith("ruojian"))).toBe(true);
  });

  it("indexes pinyin initials the same way", () => {
    expect(fields.searchInitials.split(" ")).toEqual(["zlrjdm", "lrjdm", "rjdm", "jdm", "dm", "m"]);
  });

  it("lowercases English words", () => {
    expect(fields.searchEnglish).toBe("zhenlai saline alkali rice");
  });

  it("reads heteronyms in context (长白 is chang, not zhang)", () => {
    expect(buildSearchFields({ nameZh: "长白山蜂蜜" }).searchPinyin.split(" ")[0]).toBe("changbaishanfengmi");
  });
});

describe("toFtsQuery", () => {
  it("makes Chinese a character phrase and Latin a prefix over pinyin, initials and English", () => {
    expect(toFtsQuery("大米")).toBe('searchChars : "大 米"');
    expect(toFtsQuery("dm")).toBe('{searchPinyin searchInitials searchEnglish} : "dm"*');
  });

  it("requires every term", () => {
    expect(toFtsQuery("镇赉 dami")).toBe('searchChars : "镇 赉" AND {searchPinyin searchInitials searchEnglish} : "dami"*');
  });

  it("splits mixed scripts and folds full-width letters", () => {
    expect(toFtsQuery("ＤＡＭＩ大米")).toBe('{searchPinyin searchInitials searchEnglish} : "dami"* AND searchChars : "大 米"');
  });

  it("never passes FTS5 syntax through", () => {
    expect(toFtsQuery('" OR * NEAR( -')).toBe('{searchPinyin searchInitials searchEnglish} : "or"* AND {searchPinyin searchInitials searchEnglish} : "near"*');
    expect(toFtsQuery("***")).toBeNull();
    expect(toFtsQuery("")).toBeNull();
  });
});
