import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../../scripts/postgres-migrate";
import { startCluster } from "../support/postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * ADR 025: a PostgreSQL cluster of its own for this run (Debian's package, a free loopback port, a temp
 * folder), one database migrated by the hall's runner as a template; each test file clones it
 * (tests/setup/postgres-per-file.ts). Stopped and deleted when the run ends.
 */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE "hall_template"`);
    await admin.end();
    await migratePostgres(cluster.url("hall_template"));
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide("postgresUrl", cluster.url("postgres"));
  return () => cluster.stop();
}
