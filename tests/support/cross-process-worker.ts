/**
 * One of several processes racing on one database file (tests/integration/cross-process.test.ts):
 * it connects, prints "ready", waits for "go" on stdin so all start together, runs its share of the
 * scenario concurrently, and prints "result <json>". Each process has its own connection and its own
 * group-commit wrapper, as each server worker does.
 */
import { createInterface } from "node:readline";
import { placeCartOrder } from "~/models/order.server";
import * as webhook from "~/routes/webhooks.stripe";
import { prisma } from "~/utils/db.server";
import { webhookRequest } from "../mocks/stripe";
import { placeFor, type TestOrganisation } from "./org-fixtures";

type Job =
  | { scenario: "checkout"; buyers: { id: number; key: string }[]; fingerprint: string }
  | { scenario: "webhook"; payload: string; times: number }
  | { scenario: "credit"; org: TestOrganisation; userId: number };

const job = JSON.parse(process.argv[2]!) as Job;

function run(): Promise<unknown[]> {
  switch (job.scenario) {
    case "checkout":
      return Promise.all(
        job.buyers.map((b) =>
          placeCartOrder({
            userId: b.id,
            checkoutKey: b.key,
            cartFingerprint: job.fingerprint,
            delivery: { method: "DELIVERY", recipient: "张伟", mobile: "13800010001", addressText: "长春" },
            payment: { provider: "LOCAL", providerRef: `lp_${b.key}` },
          }),
        ),
      );
    case "webhook":
      return Promise.all(
        Array.from({ length: job.times }, async () => {
          const response = (await webhook.action({ request: webhookRequest(job.payload), params: {}, context: {} })) as Response;
          return response.status;
        }),
      );
    case "credit":
      // Each process places from its own member's grid: a grid that became an order is empty afterwards.
      return placeFor(job.org, [{ sku: "RICE", quantity: 10, priceFen: 1000 }], {}, job.userId).then((result) => [result]);
  }
}

await prisma.$queryRawUnsafe("SELECT 1");
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== "go") continue;
  const results = await run();
  process.stdout.write(`result ${JSON.stringify(results)}\n`);
  break;
}
lines.close();
process.exit(0);
