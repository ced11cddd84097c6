import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../../scripts/postgres-schema";

describe("the PostgreSQL schema (ADR 025)", () => {
  it("is prisma/schema.prisma with the PostgreSQL provider: run `npx tsx scripts/postgres-schema.ts` after editing the schema", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });
});
