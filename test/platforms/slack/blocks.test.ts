// The Reply → Block Kit renderer: Slack's limits kept by splitting, nothing lost, escaping,
// visibility and the plain-text fallback.

import { describe, expect, test } from "vitest";
import { errorReply, reply, type Reply } from "../../../src/core/reply.ts";
import { LIMITS, renderMessages, splitMrkdwn, type SlackMessage } from "../../../src/platforms/slack/blocks.ts";
import { messageText } from "./slack-side.ts";

/** Every Block Kit limit we rely on, checked on each message. */
function expectWithinLimits(messages: SlackMessage[]) {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(messageText(message).length).toBeLessThanOrEqual(LIMITS.textPerMessage + 100);
    for (const block of message.blocks as any[]) {
      if (block.type === "header") expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (block.type === "section") {
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        if (block.fields) {
          expect(block.fields.length).toBeLessThanOrEqual(LIMITS.fieldsPerSection);
          for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
        }
      }
      if (block.type === "context") {
        expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
        for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(LIMITS.contextText);
      }
    }
  }
}

const allText = (messages: SlackMessage[]) => messages.map((m) => messageText(m)).join("\n");

describe("Block Kit rendering", () => {
  test("title as a header, text, fields, a table in monospace, a list and notes as context", () => {
    const r = reply("Spring Launch (active)", "channel")
      .text("Budget use")
      .fields([
        { label: "Budget", value: "$5,000.00" },
        { label: "Spent", value: "$300.00" },
      ])
      .heading("Wave 1")
      .table(["creator", { header: "fee", align: "right" }], [["@kate", "$300.00"]])
      .list(["one", "two"])
      .note("Committed: fees of creators who have not posted yet.")
      .build();
    const [message, ...rest] = renderMessages(r);
    expect(rest).toEqual([]);
    expect(message!.response_type).toBe("in_channel");
    const types = message!.blocks.map((b) => b.type);
    expect(types).toEqual(["header", "section", "section", "section", "section", "section", "context"]);
    const blocks = message!.blocks as any[];
    expect(blocks[0].text).toEqual({ type: "plain_text", text: "Spring Launch (active)" });
    expect(blocks[2].fields.map((f: any) => f.text)).toEqual(["*Budget*\n$5,000.00", "*Spent*\n$300.00"]);
    expect(blocks[3].text.text).toBe("*Wave 1*");
    expect(blocks[4].text.text).toBe("```\ncreator      fee\n-------  -------\n@kate    $300.00\n```");
    expect(blocks[5].text.text).toBe("• one\n• two");
    expect(blocks[6].elements[0].text).toBe("Committed: fees of creators who have not posted yet.");
    expect(message!.text).toContain("Spring Launch (active)");
    expect(message!.text).toContain("@kate");
    expectWithinLimits([message!]);
  });

  test("errors are ephemeral with a warning, whatever visibility the reply asked for", () => {
    const r = errorReply('Invalid followers: "lots" is not a number.', "invalid_option", ["Usage: /creator add <handle> <platform> <followers>"]);
    const [message] = renderMessages({ ...r, visibility: "channel" });
    expect(message!.response_type).toBe("ephemeral");
    expect(messageText(message)).toContain(':warning: Invalid followers: "lots" is not a number.');
    expect(messageText(message)).toContain("Usage: /creator add &lt;handle&gt; &lt;platform&gt; &lt;followers&gt;");
    expect(message!.text).toContain("Error: Invalid followers");
  });

  test("user text cannot become a mention, a link or @channel", () => {
    const r = reply("Notes").text("<!channel> ping & <https://evil.example|click>").build();
    const text = messageText(renderMessages(r)[0]);
    expect(text).toBe("Notes\n&lt;!channel&gt; ping &amp; &lt;https://evil.example|click&gt;");
    expect(renderMessages(r)[0]!.text).not.toContain("<");
  });

  test("typed formatting marks become look-alikes where they could format; inside words and web addresses they stay", () => {
    const r = reply().text("*Launch* _x_ ~y~ `c` by @kate_lifts, 2*3, https://x.com/_a_/b~c\n> quoted").build();
    expect(messageText(renderMessages(r)[0])).toBe("∗Launch∗ ˍxˍ ∼y∼ ˋcˋ by @kate_lifts, 2*3, https://x.com/_a_/b~c\n\u00AD&gt; quoted");
    const table = reply().table(["niche"], [["```fences```"]]).build();
    expect(messageText(renderMessages(table)[0])).toBe("```\nniche\n------------\nˋˋˋfencesˋˋˋ\n```");
  });

  test("a long title becomes bold text instead of an over-long header", () => {
    const title = `Creators: ${"x".repeat(300)}`;
    const [message] = renderMessages(reply(title).build());
    expect(message!.blocks[0]!.type).toBe("section");
    expect(messageText(message)).toContain(title);
    expectWithinLimits([message!]);
  });

  test("a reply far beyond Block Kit's limits is split into messages and nothing is lost", () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`@creator${String(i).padStart(4, "0")}`, "micro", `${i * 10}`, "kettlebell training and mobility"]);
    const longText = Array.from({ length: 400 }, (_, i) => `sentence-${i} is here.`).join(" ");
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `Field ${i}`, value: `value ${i}` }));
    const notes = Array.from({ length: 14 }, (_, i) => `note ${i}`);
    const r = reply("Creators (1500)", "channel").text(longText).fields(fields).table(["handle", "tier", "followers", "niche"], rows).list(["a".repeat(3500)]).build();
    r.notes.push(...notes, "n".repeat(4500));
    const messages = renderMessages(r);
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    for (const m of messages) expect(m.response_type).toBe("in_channel");
    const text = allText(messages);
    for (const [handle] of rows) expect(text).toContain(handle);
    for (let i = 0; i < 400; i++) expect(text).toContain(`sentence-${i} is here.`);
    for (const f of fields) expect(text).toContain(`*${f.label}*\n${f.value}`);
    for (const n of notes) expect(text).toContain(n);
    expect(text.replace(/[^a]/g, "").length).toBeGreaterThanOrEqual(3500);
    expect(text.replace(/[^n]/g, "").length).toBeGreaterThanOrEqual(4500);
    // Each continuation of the table repeats its header, so every piece reads on its own.
    const tableSections = messages.flatMap((m) => m.blocks as any[]).filter((b) => b.text?.text?.startsWith("```"));
    expect(tableSections.length).toBeGreaterThan(1);
    for (const s of tableSections) expect(s.text.text.split("\n")[1]).toMatch(/^handle\s+tier\s+followers\s+niche$/);
    expect(messages[1]!.text).toBe("Creators (1500) (part 2 of " + messages.length + ")");
  });

  test("splitMrkdwn never cuts inside an entity", () => {
    const pieces = splitMrkdwn(`${"x".repeat(8)}&amp;yyy`, 10);
    expect(pieces[0]).toBe("x".repeat(8));
    expect(pieces.join("")).toBe(`${"x".repeat(8)}&amp;yyy`);
  });

  test("an empty reply still says something", () => {
    const empty: Reply = { status: "ok", blocks: [], notes: [], files: [], visibility: "ephemeral" };
    const [message] = renderMessages(empty);
    expect(message!.blocks.length).toBe(1);
    expect(message!.text.length).toBeGreaterThan(0);
  });
});

describe("images", () => {
  test("a chart by address becomes an image block with its title as alt text", () => {
    const url = "https://quickchart.io/chart?c=%7Btype%3A%27bar%27%7D";
    const r = reply("Digest").image({ url, title: "Orders and revenue" }).build();
    const [message] = renderMessages(r);
    expect(message!.blocks.at(-1)).toEqual({ type: "image", image_url: url, alt_text: "Orders and revenue", title: { type: "plain_text", text: "Orders and revenue" } });
  });

  test("an address longer than Slack takes is named, not sent", () => {
    const r = reply("Digest").image({ url: `https://quickchart.io/chart?c=${"x".repeat(3100)}`, title: "Spend" }).build();
    const [message] = renderMessages(r);
    expect(message!.blocks.some((b) => b.type === "image")).toBe(false);
    expect(messageText(message)).toContain("Spend (the chart's address is too long for Slack to show)");
  });
});
