// The demo campaign of the docs: the report, CSV and digest shown in docs/reports.md and
// docs/digests.md are what the bot really prints.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { renderText } from "../../src/render/text.ts";
import { startTestBot, type TestBot } from "../helpers/core.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const doc = (file: string) => readFileSync(path.join(ROOT, "docs", file), "utf8");
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-11-23T19:48:00Z") });
  const lines = readFileSync(path.join(ROOT, "test/fixtures/demo-session.txt"), "utf8").split("\n").filter(Boolean);
  const statuses = [];
  for (const line of lines) statuses.push((await bot.run(line)).status);
  // Every line succeeds (a day's total typed wrong is taken back) but the last, a second redeem of order 1001.
  expect(statuses.slice(0, -1).every((s) => s === "ok")).toBe(true);
  expect(statuses.at(-1)).toBe("error");
});
afterAll(() => bot.close());

/** The lines of an example in docs/`file` after the line that starts with `marker`, up to the closing fence. */
function example(file: string, marker: string): string {
  const text = doc(file);
  const start = text.indexOf(marker);
  expect(start, `docs/${file} has ${marker}`).toBeGreaterThan(-1);
  const body = text.slice(text.indexOf("\n", start) + 1).replace(/^\n?```text\n/, "");
  return body.slice(0, body.search(/\n(\$ |```)/)).trimEnd();
}

it("the sample report of docs/reports.md is the bot's", async () => {
  expect(renderText(await bot.run('/report "Spring Launch"'))).toBe(example("reports.md", `$ npm run -s shell -- '/report "Spring Launch"'`));
});

it("the sample CSV of docs/reports.md is the bot's", async () => {
  const reply = await bot.run('/report "Spring Launch" format:csv');
  expect(String(reply.files[0]!.data).trimEnd()).toBe(example("reports.md", `$ npm run -s shell -- '/report "Spring Launch" format:csv'`));
});

it("the sample digest of docs/digests.md is the bot's", async () => {
  const reply = await bot.run('/digest now "Spring Launch" frequency:weekly');
  // The first note says what time "so far" is; the sample leaves it out.
  const text = renderText({ ...reply, notes: reply.notes.slice(1) });
  expect(text).toBe(example("digests.md", "A weekly digest of the demo campaign"));
});
