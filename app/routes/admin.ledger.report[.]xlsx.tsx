import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportFileName, reportXlsx } from "~/models/ledger-report.server";
import { parsePeriod } from "~/models/relief-progress.server";
import { requireAdmin } from "~/utils/auth.server";
import { getLanguage } from "~/utils/language.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const period = parsePeriod(new URL(request.url).searchParams);
  const xlsx = await reportXlsx(period, await getLanguage(request));
  return new Response(xlsx, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${reportFileName(period)}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
