import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCounties } from "~/models/catalogue.server";
import { useLocalize } from "~/utils/localize";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["shop"] };

export const meta: MetaFunction = () => [{ title: "帮扶县 · 一汽扶贫馆" }];

const KINDS = ["ASSIGNED", "TIBET", "JILIN"] as const;

export async function loader() {
  return { counties: await listCounties() };
}

export default function Counties() {
  const { t } = useTranslation("shop");
  const localize = useLocalize();
  const { counties } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">{t("counties.title")}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{t("counties.intro")}</p>
      </header>
      {KINDS.map((kind) => {
        const group = counties.filter((c) => c.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`} className="text-lg font-semibold">
              {t(`counties.kinds.${kind}`)}
            </h2>
            <ul className={`mt-3 grid gap-3 ${kind === "ASSIGNED" ? "md:grid-cols-3" : "grid-cols-2 sm:grid-cols-3 lg:grid-cols-5"}`}>
              {group.map((c) => (
                <li key={c.slug} className="rounded-lg border border-stone-200 bg-white p-4">
                  <Link to={`/counties/${c.slug}`} className="font-medium hover:text-brand-700">
                    {localize(c.nameZh, c.nameEn)}
                  </Link>
                  <p className="text-xs text-stone-600">
                    {localize(c.provinceZh, c.provinceEn)} · {t("home.countyProducts", { count: c.productCount })}
                  </p>
                  {kind === "ASSIGNED" ? <p className="mt-2 line-clamp-3 text-sm text-stone-700">{localize(c.storyZh, c.storyEn)}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
