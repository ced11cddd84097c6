import { describe, expect, it } from "vitest";
import { ApplicationSchema, creditCodeCheckCharacter, creditCodeField, creditCodeProblem } from "~/models/organisation-schema";

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts a published example", () => {
    expect(creditCodeProblem("91350100M000100Y43")).toBeNull();
  });

  it("accepts codes whose check character the algorithm computes (checked by hand in Python too)", () => {
    expect(creditCodeCheckCharacter("91110000100000000")).toBe("R");
    expect(creditCodeCheckCharacter("91440300MA5DABCDE")).toBe("U");
    expect(creditCodeCheckCharacter("12100000400000001")).toBe("0");
    for (const code of ["91110000100000000R", "91440300MA5DABCDEU", "121000004000000010", "912201011234567897"]) {
      expect(creditCodeProblem(code), code).toBeNull();
    }
  });

  it("upper-cases and drops spaces before checking", () => {
    expect(creditCodeField.parse(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
    expect(creditCodeField.parse("9135 0100 M000 100Y 43")).toBe("91350100M000100Y43");
  });

  it("names a wrong check character", () => {
    expect(creditCodeProblem("91350100M000100Y44")).toBe("checkCharacter");
    expect(creditCodeProblem("91110000100000000A")).toBe("checkCharacter");
    expect(creditCodeField.safeParse("91350100M000100Y40").error?.issues[0]?.message).toBe("org:errors.creditCode.checkCharacter");
  });

  it("names a wrong length", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toBe("length");
    expect(creditCodeProblem("91350100M000100Y433")).toBe("length");
    expect(creditCodeField.safeParse("").error?.issues[0]?.message).toBe("org:errors.required");
    expect(creditCodeField.safeParse("123").error?.issues[0]?.message).toBe("org:errors.creditCode.length");
  });

  it("refuses I, O, S, V, Z and anything outside the alphabet", () => {
    for (const ch of ["I", "O", "S", "V", "Z", "-", "中"]) {
      expect(creditCodeProblem(`91350100M000100Y4${ch}`), ch).toBe("characters");
      expect(creditCodeProblem(`${ch}1350100M000100Y43`), ch).toBe("characters");
    }
    expect(creditCodeField.safeParse("91350100O000100Y43").error?.issues[0]?.message).toBe("org:errors.creditCode.characters");
  });

  it("is part of the application form", () => {
    const application = {
      name: "一汽总部食堂",
      kind: "CANTEEN",
      creditCode: "91350100m000100y43",
      contactName: "王芳",
      contactMobile: "13800020002",
      locations: [{ name: "一食堂", address: "长春市绿园区东风大街 8899 号", contactName: "王芳", contactMobile: "13800020002" }],
    };
    expect(ApplicationSchema.parse(application).creditCode).toBe("91350100M000100Y43");
    const bad = ApplicationSchema.safeParse({ ...application, creditCode: "91350100M000100Y44", locations: [{ ...application.locations[0], contactMobile: "123" }] });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["creditCode", "org:errors.creditCode.checkCharacter"],
      ["locations.0.contactMobile", "org:errors.mobile"],
    ]);
  });
});
