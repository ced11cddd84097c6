import enAdmin from "./en/admin";
import enCommon from "./en/common";
import enShop from "./en/shop";
import zhAdmin from "./zh/admin";
import zhCommon from "./zh/common";
import zhShop from "./zh/shop";

// One namespace per area of the hall, so each area's wording lives beside its peers.
export const resources = {
  zh: { common: zhCommon, shop: zhShop, admin: zhAdmin },
  en: { common: enCommon, shop: enShop, admin: enAdmin },
} as const;
