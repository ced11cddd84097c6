import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCsv, reportFileName } from "~/models/ledger-report.server";
import { parsePeriod } from "~/models/relief-progress.server";
import { requireAdmin } from "~/utils/auth.server";
import { getLanguage } from "~/utils/language.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const period = parsePeriod(new URL(request.url).searchParams);
  const csv = await reportCsv(period, await getLanguage(request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportFileName(period)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
