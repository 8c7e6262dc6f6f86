// The README's short session is what the shell really prints, line for line.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/core.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PROMPT = "campaign-bot> ";
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-03T19:48:00Z") });
});
afterAll(() => bot.close());

/** The README's "A short session": each command typed at the prompt, with the lines printed after it. */
function session(): Array<{ line: string; printed: string }> {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## A short session"));
  const block = section.slice(section.indexOf("```text\n") + "```text\n".length, section.indexOf("\n```", section.indexOf("```text\n")));
  const steps: Array<{ line: string; printed: string[] }> = [];
  for (const text of block.split("\n")) {
    if (text.startsWith(PROMPT)) steps.push({ line: text.slice(PROMPT.length), printed: [] });
    else steps.at(-1)?.printed.push(text);
  }
  return steps.map((s) => ({ line: s.line, printed: s.printed.join("\n").trimEnd() }));
}

it("the README's short session is what the shell prints", async () => {
  const steps = session();
  expect(steps.length).toBeGreaterThanOrEqual(4);
  for (const { line, printed } of steps) {
    expect(await bot.text(line), line).toBe(printed);
  }
});
