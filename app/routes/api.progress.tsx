import type { LoaderFunctionArgs } from "@remix-run/node";
import { beijingYear, FIRST_YEAR, LAST_YEAR, publicProgress } from "~/models/relief-progress.server";

/**
 * GET /api/progress?year=YYYY — the public progress as JSON for the company intranet: the year,
 * target and achieved in fen, percent, per county. The same figures as the home page; nothing private.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const text = new URL(request.url).searchParams.get("year");
  const year = text === null || text === "" ? beijingYear() : Number(text);
  if (!/^\d{4}$/.test(text ?? String(year)) || !Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    return Response.json(
      { error: `year must be a four-digit year from ${FIRST_YEAR} to ${LAST_YEAR}` },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const progress = await publicProgress(year);
  return Response.json(progress, {
    headers: {
      // Public figures that may lag a minute; an intranet page embedding them need not ask more often.
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
