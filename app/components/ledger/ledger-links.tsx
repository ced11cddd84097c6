import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const links = [
  { to: "/admin", key: "dashboard", end: true },
  { to: "/admin/ledger/entries", key: "entries", end: false },
  { to: "/admin/ledger/targets", key: "targets", end: false },
  { to: "/admin/ledger/new", key: "newEntry", end: false },
  { to: "/admin/ledger/imports", key: "imports", end: false },
  { to: "/admin/ledger/mappings", key: "mappings", end: false },
] as const;

/** The ledger's pages, under the admin tabs. */
export function LedgerLinks() {
  const { t } = useTranslation("ledger");
  return (
    <nav aria-label={t("dashboard.actions")} className="flex flex-wrap gap-2 text-sm">
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={link.to}
          end={link.end}
          className={({ isActive }) =>
            `rounded border px-3 py-1.5 ${isActive ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400 bg-white hover:bg-stone-100"}`
          }
        >
          {link.key === "dashboard" ? t("dashboard.title") : t(`nav.${link.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
