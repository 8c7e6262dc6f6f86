// A digest's charts are drawn in a chart process of their own (issue 18), not in the bot: the PNG
// bytes still reach the channel; a chart process killed while drawing gives the digest the usual
// error reply, the bot stays up, and the next digest starts a new chart process and gets its charts;
// the chart process is the bot's Core's, and the bot's close() ends it.

import { afterAll, beforeAll, expect, test } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
const who = { team: "T-CHARTS", user: "UADMIN", channel: "C-CHARTS" };

beforeAll(async () => {
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true } } });
  for (const line of [
    '/campaign new "Spring Launch" budget:$5,000 start:2026-12-01 end:2026-12-31',
    "/creator add @kate tiktok 48k",
    '/campaign enroll "Spring Launch" @kate fee:$300',
    '/post log https://www.tiktok.com/@kate/video/123 kate "Spring Launch" views:12k likes:900 comments:40 disclosed:yes',
  ]) {
    const sent = await h.send(line, who);
    expect(messageText(sent.ack)).not.toContain(":warning:");
  }
});
afterAll(() => h?.close());
/** The bot's chart process (its Core's). */
const chartProcess = () => h.bot.core.chartProcess.running;

async function digestWithCharts() {
  const uploadsBefore = h.fake.uploads.length;
  const now = await h.send('/digest now "Spring Launch"', who);
  const [digest] = await now.waitForResponses(1);
  expect(messageText(digest)).toContain("Spring Launch");
  return h.fake.waitFor(() => h.fake.uploads.length === uploadsBefore + 3 && h.fake.uploads.slice(uploadsBefore), "the digest's three charts");
}

test("the digest's charts are drawn by a chart process, not the bot, and reach the channel as PNGs", async () => {
  const pngs = await digestWithCharts();
  for (const png of pngs) expect(png.bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const drawer = chartProcess();
  expect(drawer?.pid).toBeGreaterThan(0);
  expect(drawer?.pid).not.toBe(process.pid);
});

test("a chart process killed while drawing gives the usual error reply; the next digest gets its charts from a new one", async () => {
  const now = await h.send('/digest now "Spring Launch"', who);
  // Kill the chart process as soon as it has a chart to draw.
  let killed: number | undefined;
  for (const started = Date.now(); killed === undefined && Date.now() - started < 15_000; await new Promise((r) => setTimeout(r, 5))) {
    const drawer = chartProcess();
    if (drawer?.pid && drawer.pending > 0) {
      process.kill(drawer.pid, "SIGKILL");
      killed = drawer.pid;
    }
  }
  expect(killed).toBeDefined();
  const [reply] = await now.waitForResponses(1);
  expect(messageText(reply)).toMatch(/Something went wrong \(ref [0-9a-f]+\)\. What the command changed is saved, but its reply could not be finished/);

  const pngs = await digestWithCharts();
  expect(pngs).toHaveLength(3);
  for (const png of pngs) expect(png.bytes.subarray(0, 4).toString("hex")).toBe("89504e47");
  expect(chartProcess()?.pid).not.toBe(killed);
});

test("closing the bot ends its chart process", async () => {
  await digestWithCharts();
  const pid = chartProcess()?.pid;
  expect(pid).toBeGreaterThan(0);
  const closing = h;
  h = undefined!;
  await closing.close();
  for (const started = Date.now(); ; await new Promise((r) => setTimeout(r, 10))) {
    try {
      process.kill(pid!, 0);
    } catch {
      break;
    }
    if (Date.now() - started > 15_000) throw new Error(`the chart process ${pid} still runs after close()`);
  }
  expect(closing.bot.core.chartProcess.running).toBeUndefined();
});
