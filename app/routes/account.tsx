import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TabNav } from "~/components/ui/tab-nav";
import { ErrorPage } from "~/root";
import { requireUser } from "~/utils/auth.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["account", "orders", "org"] };

export const meta: MetaFunction = () => [{ title: "我的账户 · 一汽扶贫馆" }, { name: "robots", content: "noindex" }];

// Loaders run in parallel, so every account route checks the user itself too; this one guards the layout.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

// Later account pages (orders) add their tab here.
const links = [
  { to: "/account", key: "profile", end: true },
  { to: "/account/addresses", key: "addresses", end: false },
] as const;

export default function AccountLayout() {
  const { t } = useTranslation("account");
  return (
    <div className="mx-auto max-w-3xl">
      <TabNav label={t("nav.label")} tabs={links.map((link) => ({ to: link.to, end: link.end, label: t(`nav.${link.key}`) }))} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
