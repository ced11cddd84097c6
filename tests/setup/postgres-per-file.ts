import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

// Each test file works on its own database, cloned from the migrated template: no sharing.
const adminUrl = inject("postgresUrl");
const database = `test_${randomUUID().replaceAll("-", "")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "hall_template"`);
await admin.end();
process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${database}`);
process.env.NODE_ENV = "test";
await import("./console-errors");
