// Slow work is deferred (type 5) and the original edited; files arrive as attachments; a reply
// too large for one message continues in follow-ups. Uses test commands beside the real ones.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import { UserError } from "../../../src/core/errors.ts";
import { opt } from "../../../src/core/options.ts";
import { reply } from "../../../src/core/reply.ts";
import { action, defineCommand } from "../../../src/core/spec.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";

const CSV = "creator,views\n@kate,12000\n";
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

const testCommand = defineCommand({
  name: "testing",
  description: "Commands for the Discord adapter's tests",
  actions: [
    action({
      name: "slow",
      description: "Takes its time, then answers in the channel with a CSV",
      role: "member",
      mutates: false,
      slow: true,
      options: { label: opt.text("A label", 50) },
      async run(_ctx, input) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return reply(`Slow answer ${input.label ?? ""}`.trim(), "channel").text("Done after a while.").file({ name: "slow.csv", contentType: "text/csv", data: CSV }).build();
      },
    }),
    action({
      name: "slow-fail",
      description: "Takes its time, then fails with a user error",
      role: "member",
      mutates: false,
      slow: true,
      options: {},
      async run() {
        throw new UserError("invalid_state", "That cannot be done now.");
      },
    }),
    action({
      name: "files",
      description: "Answers with a CSV and a chart",
      role: "member",
      mutates: false,
      options: {},
      async run() {
        return reply("Report", "channel")
          .text("Spring Launch")
          .file({ name: "report.csv", contentType: "text/csv", data: CSV })
          .file({ name: "views.png", contentType: "image/png", data: PNG })
          .build();
      },
    }),
    action({
      name: "roster",
      description: "A table too long for one message",
      role: "member",
      mutates: false,
      options: {},
      async run() {
        const rows = Array.from({ length: 400 }, (_, i) => [`@creator${i}`, "micro", String(i * 1000), "TikTok, Instagram"]);
        return reply("Creators (400)", "channel").table(["handle", "tier", "followers", "platforms"], rows).build();
      },
    }),
  ],
});

const guild = FakeDiscord.guild("Kettlebell Club");
const who: Who = { guild, user: FakeDiscord.user("alice") };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [guild], commands: [...commands, testCommand] });
});
afterAll(() => h?.close());

describe("slow work", () => {
  it("is deferred first (type 5, public), then the original reply is edited with the embed and the file", async () => {
    const answer = await h.slash(who, "testing", "slow", { label: "A" });
    expect(answer.callback.json).toMatchObject({ type: 5 });
    expect(answer.callback.json.data?.flags ?? 0).toBe(0);
    expect(answer.message.method).toBe("PATCH");
    expect(answer.embeds[0]).toMatchObject({ title: "Slow answer A", description: "Done after a while." });
    expect(answer.message.files.map((f) => [f.name, f.data.toString("utf8")])).toEqual([["slow.csv", CSV]]);
  });

  it("a deferred answer that turns out to be an error replaces the public placeholder with an ephemeral follow-up", async () => {
    const answer = await h.slash(who, "testing", "slow-fail");
    expect(answer.callback.json.type).toBe(5);
    expect(answer.message.method).toBe("POST");
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain("That cannot be done now.");
    const deleted = await h.fake.waitForRequest((r) => r.method === "DELETE" && r.path.includes(answer.interaction.token));
    expect(decodeURIComponent(deleted.path)).toMatch(/messages\/@original$/);
  });
});

describe("files and long replies", () => {
  it("a CSV and a PNG arrive as attachments of the reply (multipart); the chart is shown in the embed", async () => {
    const answer = await h.slash(who, "testing", "files");
    expect(answer.callback.json.type).toBe(4);
    const files = answer.callback.files;
    // Discord takes a file's type from its name (discord.js sniffs the bytes: a CSV goes as octet-stream).
    expect(files.map((f) => [f.field, f.name])).toEqual([
      ["files[0]", "report.csv"],
      ["files[1]", "views.png"],
    ]);
    expect(files[1]!.contentType).toBe("image/png");
    expect(files[0]!.data.toString("utf8")).toBe(CSV);
    expect(files[1]!.data.equals(PNG)).toBe(true);
    expect(answer.callback.json.data.attachments).toMatchObject([{ id: "0" }, { id: "1" }]);
    expect(answer.embeds[0]!.image).toEqual({ url: "attachment://views.png" });
  });

  it("a reply too long for one message continues in follow-ups, with every row", async () => {
    const answer = await h.slash(who, "testing", "roster");
    expect(answer.embeds[0]!.title).toBe("Creators (400)");
    const total = answer.embeds.reduce((n, e) => n + embedText(e).length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    // Follow-ups are sent one after another once the reply is out; wait for the last row.
    const follow = async (i: number) => (await h.fake.followUpOf(answer.interaction, i)).json;
    const texts = [answer.text];
    for (let i = 0; !texts.join("\n").includes("@creator399 "); i++) {
      const message = await follow(i);
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      texts.push(message.embeds.map(embedText).join("\n"));
    }
    const all = texts.join("\n");
    for (let i = 0; i < 400; i++) expect(all).toContain(`@creator${i} `);
    expect(h.fake.followUpsOf(answer.interaction).length).toBeGreaterThan(0);
  });
});
