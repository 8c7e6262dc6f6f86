// Slack command names: the manifest never names one of Slack's own commands (Slack refuses such
// a manifest whole), and SLACK_COMMAND_PREFIX=cb- names every command /cb-… in Slack: in the
// manifest, in what Slack sends, and in every help, usage line and hint the bot writes there;
// Discord and the shell keep the plain names.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.ts";
import { ConfigError, readConfig } from "../../../src/config.ts";
import { action, defineCommand } from "../../../src/core/spec.ts";
import { reply } from "../../../src/core/reply.ts";
import { RESERVED_COMMANDS } from "../../../src/platforms/slack/command-names.ts";
import { slackManifest } from "../../../src/platforms/slack/manifest.ts";
import { startSlackAdapter } from "../../../src/platforms/slack/start.ts";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

const namesOf = (prefix?: string) => slackManifest(commands, { commandPrefix: prefix }).features.slash_commands.map((c) => c.command);

/** A command named like one of Slack's own. */
const status = defineCommand({
  name: "status",
  description: "Status",
  actions: [action({ name: "", description: "Status", role: "member", mutates: false, options: {}, run: async () => reply("ok").build() })],
});

describe("the manifest's command names", () => {
  test("never one of Slack's own commands, with or without a prefix", () => {
    for (const prefix of [undefined, "cb-", "s"]) {
      const names = namesOf(prefix);
      expect(names.length).toBe(commands.length);
      for (const name of names) expect(RESERVED_COMMANDS).not.toContain(name);
    }
  });

  test("a command named like one of Slack's own is refused, naming it, instead of a manifest Slack would refuse", () => {
    expect(() => slackManifest([...commands, status])).toThrow("/status is one of Slack's own commands");
    expect(slackManifest([...commands, status], { commandPrefix: "cb-" }).features.slash_commands.map((c) => c.command)).toContain("/cb-status");
  });

  test("SLACK_COMMAND_PREFIX=cb- gives /cb-report and the others, hints naming them so", () => {
    const m = slackManifest(commands, { commandPrefix: "cb-" });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/cb-${c.name}`));
    expect(m.features.slash_commands.map((c) => c.command)).toContain("/cb-report");
    const creator = m.features.slash_commands.find((c) => c.command === "/cb-creator")!;
    expect(creator.usage_hint).toContain("(/cb-creator help for usage)");
    for (const c of m.features.slash_commands) expect(c.command.length).toBeLessThanOrEqual(32);
  });

  test("a prefix Slack cannot take is refused with one clear line", () => {
    expect(() => readConfig({ SLACK_COMMAND_PREFIX: "CB-" })).toThrow(ConfigError);
    expect(() => readConfig({ SLACK_COMMAND_PREFIX: "/cb" })).toThrow("SLACK_COMMAND_PREFIX may hold only lowercase letters, digits, - and _, starting with a letter or digit");
    expect(() => readConfig({ SLACK_COMMAND_PREFIX: "_cb" })).toThrow(ConfigError);
    expect(readConfig({ SLACK_COMMAND_PREFIX: "cb-" }).SLACK_COMMAND_PREFIX).toBe("cb-");
    expect(() => slackManifest(commands, { commandPrefix: "x".repeat(30) })).toThrow("longer than the 32 characters Slack allows");
  });
});

describe("in Slack with SLACK_COMMAND_PREFIX=cb-", () => {
  let h: SlackHarness;
  const who = { team: "T-PREFIX", user: "UADMIN" };
  beforeAll(async () => {
    h = await startSlackHarness({ users: { UADMIN: { is_admin: true } }, commandPrefix: "cb-" });
  });
  afterAll(() => h?.close());

  test("a signed /cb-creator add runs", async () => {
    const sent = await h.send("/cb-creator add @kate tiktok 48k", who);
    expect(messageText(sent.ack)).toContain("Registered @kate: micro");
    const kate = await h.bot.db.creator.findFirst({ where: { handleKey: "kate", workspace: { platform: "slack", externalId: who.team } } });
    expect(kate).not.toBeNull();
  });

  test("/cb-help lists /cb-creator and the others, never a plain /creator", async () => {
    const help = messageText((await h.send("/cb-help", who)).ack);
    expect(help).toContain("/cb-creator");
    expect(help).toContain("/cb-help creator");
    expect(help).not.toMatch(/(^|[^-])\/(creator|campaign|report|help)\b/m);
    const creatorHelp = messageText((await h.send("/cb-help cb-creator", who)).ack);
    expect(creatorHelp).toContain("/cb-creator add &lt;handle&gt;");
    expect(creatorHelp).not.toMatch(/(^|[^-])\/creator\b/m);
  });

  test("a usage error, a misspelt subcommand and a slow command's acknowledgement name /cb-…", async () => {
    const usage = messageText((await h.send("/cb-creator add @zoe", who)).ack);
    expect(usage).toContain("Usage: /cb-creator add &lt;handle&gt;");
    expect(usage).not.toMatch(/(^|[^-])\/creator\b/m);
    const misspelt = messageText((await h.send("/cb-creator ad @zoe", who)).ack);
    expect(misspelt).toContain("Did you mean /cb-creator add?");
    expect(messageText((await h.send("/cb-report", who)).ack)).toContain(":warning: /cb-report needs campaign");
    expect(messageText((await h.send("/cb-report Nowhere", who)).ack)).toBe("Working on /cb-report…");
  });

  test("the plain name is not this bot's any more; the shell keeps the plain names", async () => {
    expect(messageText((await h.send("/creator list", who)).ack)).toBe("This bot does not know /creator. Type /cb-help for its commands.");
    expect(await h.bot.text("/help")).toContain("/creator");
    expect(await h.bot.text("/help")).not.toContain("/cb-");
  });

  test("a prefix that makes a name too long stops the adapter at start with one clear line", async () => {
    const config = readConfig({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: h.fake.apiUrl, SLACK_COMMAND_PREFIX: "x".repeat(30), PORT: "0", HOST: "127.0.0.1" });
    await expect(startSlackAdapter({ core: h.bot.core, config })).rejects.toThrow("/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxcreator is longer than the 32 characters Slack allows a command");
  });
});
