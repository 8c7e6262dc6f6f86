// The Reply → Discord embeds renderer: order, limits, splitting into follow-ups, files.

import { describe, expect, it } from "vitest";
import { errorReply, reply } from "../../../src/core/reply.ts";
import { embedLength, LIMITS, renderEmbeds, renderMessages } from "../../../src/platforms/discord/embeds.ts";

describe("Reply → Discord embeds", () => {
  it("title, text, fields, a table in a code block and notes as the footer, in one embed when they fit", () => {
    const r = reply("Campaigns (1)", "channel")
      .text("One campaign so far.")
      .table(["name", { header: "posts", align: "right" }], [["Spring Launch", "3"]])
      .note("Closed campaigns are listed too.")
      .build();
    const [message, ...rest] = renderMessages(r);
    expect(rest).toEqual([]);
    expect(message!.ephemeral).toBe(false);
    expect(message!.embeds).toHaveLength(1);
    const [embed] = message!.embeds;
    expect(embed!.title).toBe("Campaigns (1)");
    expect(embed!.description).toBe("One campaign so far.\n\n```\nname           posts\n-------------  -----\nSpring Launch      3\n```");
    expect(embed!.footer).toEqual({ text: "Closed campaigns are listed too." });
  });

  it("keeps the order of the reply: text after fields goes into the next embed", () => {
    const r = reply("@kate: micro").fields([{ label: "Status", value: "active" }]).heading("Campaigns").table(["campaign"], [["Launch"]]).build();
    const embeds = renderEmbeds(r);
    expect(embeds).toHaveLength(2);
    expect(embeds[0]).toMatchObject({ title: "@kate: micro", fields: [{ name: "Status", value: "active", inline: true }] });
    expect(embeds[1]!.description).toBe("**Campaigns**\n```\ncampaign\n--------\nLaunch\n```");
  });

  it("escapes Markdown in text and fields, not inside tables", () => {
    const r = reply("t").text("@kate_lifts said *hi*").fields([{ label: "Handle", value: "kate_lifts" }]).table(["handle"], [["@kate_lifts"]]).build();
    const embeds = renderEmbeds(r);
    expect(embeds[0]!.description).toBe("@kate\\_lifts said \\*hi\\*");
    expect(embeds[0]!.fields![0]!.value).toBe("kate\\_lifts");
    expect(embeds[1]!.description).toContain("@kate_lifts");
    expect(renderEmbeds(reply().text("see https://x.com/kate_lifts/status/1 *now*").build())[0]!.description).toBe("see https://x.com/kate_lifts/status/1 \\*now\\*");
  });

  it("an error is ephemeral and red; an ephemeral reply stays ephemeral", () => {
    const [error] = renderMessages(errorReply('Invalid followers: "lots" is not a number.', "invalid_option", ["Usage: /creator add <handle>"]));
    expect(error!.ephemeral).toBe(true);
    expect(error!.embeds[0]).toMatchObject({ color: 0xed4245, description: 'Invalid followers: "lots" is not a number.\n\nUsage: /creator add <handle>' });
    expect(renderMessages(reply("Settings").text("x").build())[0]!.ephemeral).toBe(true);
  });

  it("more than 25 fields go into further embeds", () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ label: `Field ${i}`, value: String(i) }));
    const embeds = renderEmbeds(reply("Many").fields(fields).build());
    expect(embeds.map((e) => e.fields!.length)).toEqual([25, 15]);
  });

  it("a long table is split into code blocks and follow-up messages, each within Discord's limits, losing no row", () => {
    const rows = Array.from({ length: 600 }, (_, i) => [`@creator${i}`, "micro", `${i * 1000}`, "TikTok, Instagram", "active"]);
    const r = reply("Creators (600)").table(["handle", "tier", "followers", "platforms", "status"], rows).note("All of them.").build();
    const messages = renderMessages(r);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.charactersPerMessage);
      for (const e of m.embeds) {
        expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
        expect(e.description).toMatch(/^```\nhandle +tier/);
        expect(e.description).toMatch(/```$/);
      }
    }
    const text = messages.flatMap((m) => m.embeds.map((e) => e.description)).join("\n");
    for (let i = 0; i < 600; i++) expect(text).toContain(`@creator${i} `);
    expect(messages[0]!.embeds[0]!.title).toBe("Creators (600)");
    expect(messages.at(-1)!.embeds.at(-1)!.footer).toEqual({ text: "All of them." });
  });

  it("very long text and values are cut to the limits rather than refused", () => {
    const r = reply("x".repeat(300)).text("word ".repeat(3000)).fields([{ label: "L".repeat(300), value: "v".repeat(2000) }]).note("n".repeat(3000)).build();
    for (const m of renderMessages(r)) {
      expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.charactersPerMessage);
      for (const e of m.embeds) {
        expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
        for (const f of e.fields ?? []) {
          expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
          expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        }
        expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
      }
    }
  });

  it("files go with the first message; a PNG chart is shown in the embed as attachment://<name>", () => {
    const r = reply("Report", "channel")
      .text("Spring Launch")
      .file({ name: "report.csv", contentType: "text/csv", data: "a,b\n1,2\n" })
      .file({ name: "views.png", contentType: "image/png", data: Buffer.from([0x89, 0x50]) })
      .build();
    const [message] = renderMessages(r);
    expect(message!.files.map((f) => f.name)).toEqual(["report.csv", "views.png"]);
    expect(message!.embeds[0]!.image).toEqual({ url: "attachment://views.png" });
  });

  it("further charts get an embed each, titled by their file's title", () => {
    const chart = (name: string, title: string) => ({ name, contentType: "image/png", data: Buffer.from([0x89]), title });
    const r = reply("Digest", "channel").text("Spring Launch").file(chart("a.png", "Orders")).file(chart("b.png", "Engagement")).build();
    const [message] = renderMessages(r);
    expect(message!.embeds.map((e) => [e.title, e.image?.url])).toEqual([
      ["Digest", "attachment://a.png"],
      ["Engagement", "attachment://b.png"],
    ]);
  });

  it("a chart by address (QuickChart) is an embed image after the text", () => {
    const r = reply("Digest", "channel").text("Spring Launch").image({ url: "https://quickchart.io/chart?c=%7B%7D", title: "Views by day" }).build();
    const embeds = renderEmbeds(r);
    expect(embeds.at(-1)).toMatchObject({ title: "Views by day", image: { url: "https://quickchart.io/chart?c=%7B%7D" } });
    expect(embeds[0]!.description).toBe("Spring Launch");
  });

  it("an empty reply still says something", () => {
    expect(renderEmbeds(reply().build())).toEqual([{ color: 0x5865f2, description: "Done." }]);
  });
});
