// Text people typed is shown as they typed it in Slack: a campaign, a brand and a niche written
// with mrkdwn's marks (*bold* _italic_ ~strike~ `code`, a ``` fence) are neither formatted nor
// allowed to end the table they sit in.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SlackMessageBody } from "./fake-slack.ts";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
const who = { team: "T-TYPED", user: "UADMIN", channel: "C1" };
const CAMPAIGN = "*Launch* _x_ ~y~";
const BRAND = "_Kettle_ ~bells~ `co`";
const NICHE = "*lifting* ```fences```";

beforeAll(async () => {
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true } } });
  for (const line of [
    `/campaign new "${CAMPAIGN}" brand:"${BRAND}"`,
    `/creator add @_kate_ tiktok 48k niche:"${NICHE}"`,
    `/campaign enroll "${CAMPAIGN}" @_kate_ fee:$300`,
  ]) {
    const sent = await h.send(line, who);
    expect(messageText(sent.ack ?? (await sent.waitForResponses(1))[0])).not.toContain(":warning:");
  }
});
afterAll(() => h?.close());

/** The answer a person sees: the acknowledgement, or the first response URL post. */
async function answer(line: string): Promise<SlackMessageBody> {
  const sent = await h.send(line, who);
  return sent.ack?.blocks?.length ? sent.ack : (await sent.waitForResponses(1))[0]!;
}

/**
 * The spans Slack formats in mrkdwn, as Slack reads them: a mark (*, _, ~ or `) not preceded by
 * a letter or digit opens, the same mark not followed by one closes, with no space just inside.
 */
const formattedSpans = (mrkdwn: string) => [...mrkdwn.matchAll(/(?<![\p{L}\p{N}])([*_~`])(?=\S)(.*?\S)\1(?![\p{L}\p{N}])/gu)].map((m) => m[0]);

/** What a person reads: entities decoded, look-alikes read as the marks they look like, soft hyphens unseen. */
const seen = (mrkdwn: string) =>
  mrkdwn
    .replace(/\u00AD/g, "")
    .replace(/\u2217/g, "*")
    .replace(/\u02CD/g, "_")
    .replace(/\u223C/g, "~")
    .replace(/\u02CB/g, "`")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const sectionTexts = (body: SlackMessageBody) => (body.blocks ?? []).filter((b) => b.type === "section" && b.text).map((b) => b.text.text as string);
const fieldTexts = (body: SlackMessageBody) => (body.blocks ?? []).flatMap((b) => (b.fields ?? []).map((f: { text: string }) => f.text));

describe("typed text in Slack", () => {
  test("/campaign show: the campaign's name and brand as typed, not formatted", async () => {
    const show = await answer(`/campaign show "${CAMPAIGN}"`);
    const header = show.blocks!.find((b) => b.type === "header")!;
    expect(header.text).toEqual({ type: "plain_text", text: `${CAMPAIGN} (active)` });
    const brand = fieldTexts(show).find((f) => f.startsWith("*Brand*"))!;
    // The bot's own bold label is the only formatting.
    expect(formattedSpans(brand)).toEqual(["*Brand*"]);
    expect(seen(brand)).toBe(`*Brand*\n${BRAND}`);
    const table = sectionTexts(show).find((t) => t.startsWith("```"))!;
    expect(table).toMatch(/\n@_kate_ +\$300\.00/);
  });

  test("/creator list: a ``` in a niche does not end the table; the niche reads as typed", async () => {
    const list = await answer("/creator list");
    const tables = sectionTexts(list).filter((t) => t.startsWith("```"));
    expect(tables).toHaveLength(1);
    // The block's own fences, and no other.
    expect(tables[0]!.match(/```/g)).toHaveLength(2);
    expect(tables[0]!.endsWith("\n```")).toBe(true);
    expect(seen(tables[0]!)).toContain(`@_kate_`);
    expect(seen(tables[0]!)).toContain(NICHE);
  });

  test("an error quoting typed text shows it as typed", async () => {
    const missing = await answer('/campaign show "*Nope* _x_"');
    const text = sectionTexts(missing).join("\n");
    expect(seen(text)).toContain("*Nope* _x_");
    expect(formattedSpans(text)).toEqual([]);
  });
});
