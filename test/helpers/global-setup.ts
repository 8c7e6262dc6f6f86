// Vitest global set-up: names this run (test/helpers/database.ts puts the id in every schema
// it hands out) and, on PostgreSQL, drops whatever schemas of this run a crashed test file
// left behind, plus those of runs older than a day (killed before their teardown).

import { SCHEMA_PREFIX, schemaCreatedAt, TEST_DATABASE_URL, testRunId, withServer } from "./database.ts";

export default function setup() {
  const run = testRunId();
  process.env.CAMPAIGN_BOT_TEST_RUN = run;
  if (!TEST_DATABASE_URL) return;
  return async () => {
    const day = 24 * 60 * 60 * 1000;
    await withServer(async (db) => {
      const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT nspname::text AS name FROM pg_namespace WHERE nspname LIKE $1`, `${SCHEMA_PREFIX}%`);
      for (const { name } of rows) {
        const made = schemaCreatedAt(name);
        if (name.startsWith(`${SCHEMA_PREFIX}${run}_`) || (made !== null && Date.now() - made > day)) {
          await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
        }
      }
    });
  };
}
