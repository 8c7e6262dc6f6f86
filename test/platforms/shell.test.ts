import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, freshDatabaseUrl, tempDir } from "../helpers/core.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = tempDir();
const env = { ...process.env, DATABASE_URL: freshDatabaseUrl("shell"), OUT_DIR: path.join(dir, "out"), SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" };

afterAll(() => dropDatabase(env.DATABASE_URL));

function shell(args: string[], input?: string, entry = "src/platforms/shell/main.ts") {
  const result = spawnSync(process.execPath, ["--import", "tsx", entry, ...args], { cwd: ROOT, env, input, encoding: "utf8" });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("the shell", () => {
  it("runs one line, prints the reply and exits 0", () => {
    const r = shell(["--user", "alice", "/creator add @kate tiktok 48k"]);
    expect(r.err).toBe("");
    expect(r.out).toContain("Registered @kate: micro");
    expect(r.code).toBe(0);
  });

  it("exits 1 on a mistake, names the option and stores nothing", () => {
    const r = shell(["/creator add @bad tiktok lots"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Invalid followers: "lots" is not a number');
    const list = shell(["/creator list"]);
    expect(list.out).toContain("Creators (1)");
    expect(list.out).not.toContain("@bad");
  });

  it("runs piped lines in order; an error does not stop the rest; exit 1 when one failed", () => {
    const r = shell([], ["# set-up", "/campaign new Launch", "/campaign enroll Launch nobody", "", "/campaign enroll Launch kate fee:$10"].join("\n"));
    expect(r.out).toMatch(/Created campaign "Launch"[\s\S]*Error: No creator @nobody[\s\S]*Enrolled @kate in "Launch"/);
    expect(r.code).toBe(1);
  });

  it("acts inside another workspace with --workspace slack:<team>", () => {
    expect(shell(["--workspace", "slack:T123", "/creator list"]).out).toContain("Creators (0)");
    expect(shell(["--workspace", "nowhere:1", "/creator list"]).code).toBe(2);
  });

  it("npm start without tokens opens the shell and says how to connect a chat platform", () => {
    const r = shell(["/creator show kate"], undefined, "src/main.ts");
    expect(r.err).toMatch(/No Slack or Discord tokens set, so this is the local shell.*SLACK_BOT_TOKEN.*DISCORD_TOKEN/s);
    expect(r.out).toContain("@kate: micro");
    expect(r.code).toBe(0);
  });

  it("a malformed variable is one clear line at start", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env: { ...env, DATABASE_URL: "mysql://x" }, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("Configuration: DATABASE_URL must start with file: (SQLite) or postgresql://");
  });
});
