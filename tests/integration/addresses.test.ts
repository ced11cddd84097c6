import { beforeEach, describe, expect, it } from "vitest";
import { AddressSchema, formatAddress, MAX_ADDRESSES, type AddressInput } from "~/models/account-schema";
import { createAddress, deleteAddress, getAddress, getDefaultAddress, listAddresses, setDefaultAddress, updateAddress } from "~/models/address.server";
import * as addressesPage from "~/routes/account.addresses._index";
import * as addressPage from "~/routes/account.addresses.$id";
import { prisma } from "~/utils/db.server";
import { cookieFor, createUserWithRole } from "../support/admin-fixtures";
import { resetDatabase } from "../support/db";
import { post, refusal, request, thrown } from "../support/routes";

beforeEach(resetDatabase);

function address(detail: string, extra: Partial<Record<keyof AddressInput, string>> = {}): AddressInput {
  return AddressSchema.parse({ recipient: "张伟", mobile: "13800010001", province: "吉林省", city: "长春市", district: "朝阳区", detail, ...extra });
}

async function add(userId: number, detail: string, isDefault = false) {
  const result = await createAddress(userId, address(detail, isDefault ? { isDefault: "on" } : {}));
  if (!result.ok) throw new Error(result.reason);
  return result.id;
}

/** The rule: a user with any addresses has exactly one default. */
async function defaults(userId: number) {
  const rows = await prisma.address.findMany({ where: { userId, isDefault: true }, select: { detail: true } });
  return rows.map((r) => r.detail);
}

async function twoUsers() {
  const owner = await createUserWithRole("E10001", "EMPLOYEE");
  const other = await createUserWithRole("E10002", "EMPLOYEE");
  return { owner, other };
}

describe("the default address", () => {
  it("the first address is the default, whatever the form said; a new default replaces the old", async () => {
    const { owner } = await twoUsers();
    await add(owner.id, "红旗街 1 号");
    expect(await defaults(owner.id)).toEqual(["红旗街 1 号"]);
    await add(owner.id, "红旗街 2 号");
    expect(await defaults(owner.id)).toEqual(["红旗街 1 号"]);
    await add(owner.id, "红旗街 3 号", true);
    expect(await defaults(owner.id)).toEqual(["红旗街 3 号"]);
    expect((await listAddresses(owner.id)).map((a) => a.detail)).toEqual(["红旗街 3 号", "红旗街 2 号", "红旗街 1 号"]);
    expect((await getDefaultAddress(owner.id))?.detail).toBe("红旗街 3 号");
  });

  it("setting a default, editing, and unticking the default keep exactly one", async () => {
    const { owner } = await twoUsers();
    const first = await add(owner.id, "一号");
    const second = await add(owner.id, "二号");
    expect(await setDefaultAddress(owner.id, second)).toBe(true);
    expect(await defaults(owner.id)).toEqual(["二号"]);
    // Unticking "default" on the default changes nothing: another address must be made the default.
    expect(await updateAddress(owner.id, second, address("二号（改）"))).toBe(true);
    expect(await defaults(owner.id)).toEqual(["二号（改）"]);
    expect(await updateAddress(owner.id, first, address("一号", { isDefault: "on" }))).toBe(true);
    expect(await defaults(owner.id)).toEqual(["一号"]);
  });

  it("deleting the default makes the newest remaining one the default; deleting the last leaves none", async () => {
    const { owner } = await twoUsers();
    const first = await add(owner.id, "一号");
    const second = await add(owner.id, "二号");
    const third = await add(owner.id, "三号");
    expect(await deleteAddress(owner.id, first)).toBe(true);
    expect(await defaults(owner.id)).toEqual(["三号"]);
    expect(await deleteAddress(owner.id, second)).toBe(true);
    expect(await defaults(owner.id)).toEqual(["三号"]);
    expect(await deleteAddress(owner.id, third)).toBe(true);
    expect(await listAddresses(owner.id)).toEqual([]);
  });

  it(`keeps at most ${MAX_ADDRESSES} addresses per user`, async () => {
    const { owner, other } = await twoUsers();
    for (let i = 0; i < MAX_ADDRESSES; i++) await add(owner.id, `${i} 号`);
    expect(await createAddress(owner.id, address("再一个"))).toEqual({ ok: false, reason: "limit" });
    expect(await prisma.address.count({ where: { userId: owner.id } })).toBe(MAX_ADDRESSES);
    expect((await createAddress(other.id, address("别人的"))).ok).toBe(true);
  });

  it("formats the one-line address an order copies", () => {
    expect(formatAddress(address("红旗街 88 号"))).toBe("吉林省长春市朝阳区 红旗街 88 号");
    expect(formatAddress(address("长安街 1 号", { province: "北京市", city: "北京市", district: "东城区" }))).toBe("北京市东城区 长安街 1 号");
  });
});

describe("ownership", () => {
  it("another user's address id finds nothing and cannot be edited, deleted or made default", async () => {
    const { owner, other } = await twoUsers();
    const mine = await add(owner.id, "我的地址");
    await add(other.id, "别人的默认地址");
    expect(await getAddress(other.id, mine)).toBeNull();
    expect(await updateAddress(other.id, mine, address("改掉"))).toBe(false);
    expect(await setDefaultAddress(other.id, mine)).toBe(false);
    expect(await deleteAddress(other.id, mine)).toBe(false);
    expect(await prisma.address.findUniqueOrThrow({ where: { id: mine } })).toMatchObject({ userId: owner.id, detail: "我的地址", isDefault: true });
    expect(await defaults(other.id)).toEqual(["别人的默认地址"]);
  });

  it("the pages answer 404 for another user's address and change nothing", async () => {
    const { owner, other } = await twoUsers();
    const mine = await add(owner.id, "我的地址");
    const cookie = await cookieFor(other);
    const path = `/account/addresses/${mine}`;
    const params = { id: String(mine) };
    expect((await thrown(addressPage.loader({ request: request(path, cookie), params, context: {} }))).status).toBe(404);
    const fields = { recipient: "坏人", mobile: "13900000000", province: "吉林省", city: "长春市", district: "朝阳区", detail: "改掉" };
    expect((await thrown(addressPage.action({ request: post(path, cookie, fields), params, context: {} }))).status).toBe(404);
    for (const intent of ["delete", "setDefault"]) {
      const response = await thrown(
        addressesPage.action({ request: post("/account/addresses", cookie, { intent, addressId: String(mine) }), params: {}, context: {} }),
      );
      expect(response.status, intent).toBe(404);
      const malformed = await thrown(addressesPage.action({ request: post("/account/addresses", cookie, { intent, addressId: "1 OR 1" }), params: {}, context: {} }));
      expect(malformed.status, intent).toBe(404);
    }
    expect((await thrown(addressPage.loader({ request: request("/account/addresses/abc", cookie), params: { id: "abc" }, context: {} }))).status).toBe(404);
    expect(await prisma.address.findUniqueOrThrow({ where: { id: mine } })).toMatchObject({ detail: "我的地址", recipient: "张伟" });
  });
});

describe("address pages", () => {
  it("adds, edits, makes default and deletes through the forms", async () => {
    const { owner } = await twoUsers();
    const cookie = await cookieFor(owner);
    const fields = { intent: "create", recipient: "张伟", mobile: "13800010001", province: "吉林省", city: "长春市", district: "汽开区", detail: "东风大街 1 号" };
    const created = await thrown(addressesPage.action({ request: post("/account/addresses", cookie, fields), params: {}, context: {} }));
    expect(created.headers.get("Location")).toBe("/account/addresses?done=created");
    await thrown(addressesPage.action({ request: post("/account/addresses", cookie, { ...fields, detail: "东风大街 2 号" }), params: {}, context: {} }));
    const listed = (await addressesPage.loader({ request: request("/account/addresses", cookie), params: {}, context: {} })) as {
      addresses: { id: number; detail: string; isDefault: boolean }[];
      suggested: { recipient: string };
    };
    expect(listed.addresses.map((a) => [a.detail, a.isDefault])).toEqual([
      ["东风大街 1 号", true],
      ["东风大街 2 号", false],
    ]);
    const second = listed.addresses[1]!.id;

    const made = await thrown(addressesPage.action({ request: post("/account/addresses", cookie, { intent: "setDefault", addressId: String(second) }), params: {}, context: {} }));
    expect(made.headers.get("Location")).toBe("/account/addresses?done=defaultSet");
    expect(await defaults(owner.id)).toEqual(["东风大街 2 号"]);

    const edited = await thrown(
      addressPage.action({ request: post(`/account/addresses/${second}`, cookie, { ...fields, detail: "东风大街 22 号" }), params: { id: String(second) }, context: {} }),
    );
    expect(edited.headers.get("Location")).toBe("/account/addresses?done=updated");
    expect(await defaults(owner.id)).toEqual(["东风大街 22 号"]);

    const deleted = await thrown(addressesPage.action({ request: post("/account/addresses", cookie, { intent: "delete", addressId: String(second) }), params: {}, context: {} }));
    expect(deleted.headers.get("Location")).toBe("/account/addresses?done=deleted");
    expect(await defaults(owner.id)).toEqual(["东风大街 1 号"]);
  });

  it("answers bad input with 400, errors by field and the typed values", async () => {
    const { owner } = await twoUsers();
    const cookie = await cookieFor(owner);
    const fields = { intent: "create", recipient: "张伟", mobile: "1380001", province: "吉林省", city: "", district: "朝阳区", detail: "红旗街", isDefault: "on" };
    const { status, fieldErrors, values } = refusal(await addressesPage.action({ request: post("/account/addresses", cookie, fields), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(fieldErrors).toEqual({ mobile: ["account:errors.mobile"], city: ["account:errors.required"] });
    expect(values).toMatchObject({ mobile: "1380001", detail: "红旗街", isDefault: "on" });
    expect(await prisma.address.count()).toBe(0);

    // The edit page answers the same way and keeps the saved address as it was.
    const id = await add(owner.id, "红旗街 1 号");
    const edit = refusal(
      await addressPage.action({ request: post(`/account/addresses/${id}`, cookie, { ...fields, detail: " ", mobile: "13800010001" }), params: { id: String(id) }, context: {} }),
    );
    expect(edit).toMatchObject({ status: 400, fieldErrors: { detail: ["account:errors.required"], city: ["account:errors.required"] }, values: { detail: " ", province: "吉林省" } });
    expect(await prisma.address.findUniqueOrThrow({ where: { id } })).toMatchObject({ detail: "红旗街 1 号", city: "长春市" });
  });

  it("says so when the address book is full", async () => {
    const { owner } = await twoUsers();
    for (let i = 0; i < MAX_ADDRESSES; i++) await add(owner.id, `${i} 号`);
    const cookie = await cookieFor(owner);
    const fields = { intent: "create", recipient: "张伟", mobile: "13800010001", province: "吉林省", city: "长春市", district: "朝阳区", detail: "再一个" };
    const { status, formError, values } = refusal(await addressesPage.action({ request: post("/account/addresses", cookie, fields), params: {}, context: {} }));
    expect(status).toBe(400);
    expect(formError).toBe("account:errors.addressLimit");
    expect(values).toMatchObject({ detail: "再一个" });
    expect(await prisma.address.count()).toBe(MAX_ADDRESSES);
  });
});
