import enAccount from "./en/account";
import enAdmin from "./en/admin";
import enCommon from "./en/common";
import enGifts from "./en/gifts";
import enLedger from "./en/ledger";
import enOrders from "./en/orders";
import enOrg from "./en/org";
import enSecondFactor from "./en/second-factor";
import enShop from "./en/shop";
import zhAccount from "./zh/account";
import zhAdmin from "./zh/admin";
import zhCommon from "./zh/common";
import zhGifts from "./zh/gifts";
import zhLedger from "./zh/ledger";
import zhOrders from "./zh/orders";
import zhOrg from "./zh/org";
import zhSecondFactor from "./zh/second-factor";
import zhShop from "./zh/shop";

// One namespace per area of the hall, so each area's wording lives beside its peers.
export const resources = {
  zh: { common: zhCommon, shop: zhShop, admin: zhAdmin, account: zhAccount, orders: zhOrders, org: zhOrg, gifts: zhGifts, ledger: zhLedger, secondFactor: zhSecondFactor },
  en: { common: enCommon, shop: enShop, admin: enAdmin, account: enAccount, orders: enOrders, org: enOrg, gifts: enGifts, ledger: enLedger, secondFactor: enSecondFactor },
} as const;
