// Digests while the shell is open (issue 19 item 11): `npm start` without tokens is the shell, and
// a local digest schedule that comes due while it is open is printed into it (and saved as
// files), as `/digest schedule` says. The session and scheduler the shell's entry starts, on a
// clock of the test's own.

import { existsSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startShellDigests } from "../../src/platforms/shell/digests.ts";
import { runLines } from "../../src/platforms/shell/session.ts";
import { startTestBot, type TestBot } from "../helpers/core.ts";

let clock = new Date("2026-12-01T08:58:00Z");
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
});
afterAll(() => bot?.close());

/** Resolves once `output` has printed text matching `pattern`. */
function printed(output: PassThrough, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  let text = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never printed ${pattern}; printed:\n${text}`)), timeoutMs);
    const check = () => {
      if (!pattern.test(text)) return;
      clearTimeout(timer);
      output.off("data", read);
      resolve(text);
    };
    const read = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      check();
    };
    output.on("data", read);
  });
}

it("a local schedule due while the shell is open is printed into it and saved as files", { timeout: 60_000 }, async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const out = path.join(bot.dir, "out");
  const args = { workspace: { platform: "local" as const, id: "local" }, user: "alice", out, line: null };
  const session = runLines(bot.core.dispatcher, args, {
    input,
    output,
    interactive: false,
    background: (print) => startShellDigests({ core: bot.core, out, charts: { mode: "local" }, print, tickSeconds: 1, now: () => clock }),
  });

  const scheduled = printed(output, /Scheduled digest #\d+/);
  input.write('/campaign new "Spring Launch" start:2026-11-20 end:2026-12-31\n');
  input.write('/digest schedule "Spring Launch" daily 09:00\n');
  const reply = await scheduled;
  // What the reply promises is what happens in the shell.
  expect(reply).toContain("Printed in the shell every day at 09:00 UTC while a shell is open");

  const digest = printed(output, /Digest posted[\s\S]*Spring Launch/);
  clock = new Date("2026-12-01T09:00:30Z");
  const text = await digest;
  // The 09:00 digest of 1 December covers the day before.
  expect(text).toMatch(/── Digest posted \(schedule-\d+-2026-11-30[^)]*\)/);
  input.end();
  expect(await session).toBe(0);

  const run = await bot.db.digestRun.findFirstOrThrow({ where: { schedule: { workspace: { externalId: "local" } } } });
  expect(run.status).toBe("sent");
  expect(existsSync(path.join(out, "digests", "local"))).toBe(true);
});
