import { NavLink } from "@remix-run/react";

export type Tab = { to: string; label: string; end?: boolean; active?: boolean };

/**
 * The row of tabs over an area's pages (admin, account). `active` overrides NavLink's own matching
 * where a tab owns more URLs than its own prefix suggests.
 */
export function TabNav({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav aria-label={label} className="-mx-4 mb-6 overflow-x-auto border-b border-stone-300 px-4">
      <ul className="flex gap-1 whitespace-nowrap text-sm">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                `-mb-px block border-b-2 px-3 py-2 ${(tab.active ?? isActive) ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-stone-700 hover:text-stone-900"}`
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
