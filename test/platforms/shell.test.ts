import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { dropDatabase, expectOk, freshDatabaseUrl, startTestBot, tempDir } from "../helpers/core.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = tempDir();
const env = { ...process.env, OUT_DIR: path.join(dir, "out"), SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" };

type Shell = (args: string[], input?: string, entry?: string) => { code: number | null; out: string; err: string };

/**
 * The shell on a database of its own for one test (dropped after it), where alice has typed
 * `setUp` first in the local workspace, and so is its admin.
 */
async function shellWith(setUp: readonly string[] = []): Promise<Shell> {
  const url = freshDatabaseUrl("shell");
  onTestFinished(() => dropDatabase(url));
  if (setUp.length > 0) {
    const bot = await startTestBot({ url });
    try {
      for (const line of setUp) expectOk(await bot.run(line));
    } finally {
      await bot.close();
    }
  }
  return (args, input, entry = "src/platforms/shell/main.ts") => {
    const result = spawnSync(process.execPath, ["--import", "tsx", entry, ...args], { cwd: ROOT, env: { ...env, DATABASE_URL: url }, input, encoding: "utf8" });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
}

const KATE = "/creator add @kate tiktok 48k";

describe("the shell", () => {
  it("runs one line, prints the reply and exits 0", async () => {
    const shell = await shellWith();
    const r = shell(["--user", "alice", KATE]);
    expect(r.err).toBe("");
    expect(r.out).toContain("Registered @kate: micro");
    expect(r.code).toBe(0);
  });

  it("exits 1 on a mistake, names the option and stores nothing", async () => {
    const shell = await shellWith([KATE]);
    const r = shell(["/creator add @bad tiktok lots"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Invalid followers: "lots" is not a number');
    const list = shell(["/creator list"]);
    expect(list.out).toContain("Creators (1)");
    expect(list.out).not.toContain("@bad");
  });

  it("runs piped lines in order; an error does not stop the rest; exit 1 when one failed", async () => {
    const shell = await shellWith([KATE]);
    // As alice, the admin (fees are for admins).
    const r = shell(["--user", "alice"], ["# set-up", "/campaign new Launch", "/campaign enroll Launch nobody", "", "/campaign enroll Launch kate fee:$10"].join("\n"));
    expect(r.out).toMatch(/Created campaign "Launch"[\s\S]*Error: No creator @nobody[\s\S]*Enrolled @kate in "Launch"/);
    expect(r.code).toBe(1);
  });

  it("a piped exit ends the input like a typed one: the lines after it are not run", async () => {
    const shell = await shellWith([KATE]);
    const r = shell(["--user", "alice"], ["/campaign new Launch", "exit", "/campaign new Later"].join("\n"));
    expect(r.out).toContain('Created campaign "Launch"');
    expect(r.out).not.toContain("Later");
    expect(r.out).not.toContain("There is no /exit command");
    expect(r.code).toBe(0);
  });

  it("acts inside another workspace with --workspace slack:<team>", async () => {
    const shell = await shellWith([KATE]);
    expect(shell(["--workspace", "slack:T123", "/creator list"]).out).toContain("Creators (0)");
    expect(shell(["--workspace", "nowhere:1", "/creator list"]).code).toBe(2);
  });

  it("npm start without tokens opens the shell and says how to connect a chat platform", async () => {
    const shell = await shellWith([KATE]);
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
