// Start-up against a PostgreSQL that cannot be used: one clear line, exit 2, no password.
// Needs no server (nothing listens on port 1).

import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `npm run shell -- "/creator list"` on a database URL, with no chat platform configured. */
const shellOn = (databaseUrl: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/platforms/shell/main.ts", "/creator list"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" },
    encoding: "utf8",
  });

describe("a PostgreSQL DATABASE_URL that cannot be reached", () => {
  it("the shell says so in one line without the password, and exits 2", () => {
    const r = shellOn("postgresql://bot:s3cret@127.0.0.1:1/campaigns");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe("Database: PostgreSQL at postgresql://bot:***@127.0.0.1:1/campaigns cannot be used: Can't reach database server at 127.0.0.1:1");
  });

  it("a schema name that is not a plain identifier is refused before connecting", () => {
    const r = shellOn('postgresql://bot@127.0.0.1:1/campaigns?schema=x";drop');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema "x\";drop" must be letters, digits and _/);
  });
});
