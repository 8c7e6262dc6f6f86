import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file gets its own SQLite file (or PostgreSQL schema with TEST_DATABASE_URL,
    // see test/helpers/database.ts); files run in parallel across forks.
    pool: "forks",
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
