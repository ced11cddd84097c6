import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * The catalogue, checkout and ledger tests on PostgreSQL (ADR 025): the same test files as on SQLite,
 * each on its own database in a cluster the run starts. `npm run test:postgres`.
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      "tests/unit/postgres-schema.test.ts",
      "tests/integration/catalogue.test.ts",
      "tests/integration/cart.test.ts",
      "tests/integration/checkout.test.ts",
      "tests/integration/orders.test.ts",
      "tests/integration/ledger.test.ts",
      "tests/integration/admin-approvals.test.ts",
      "tests/postgres/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/postgres-global-setup.ts"],
    setupFiles: ["tests/setup/postgres-per-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
