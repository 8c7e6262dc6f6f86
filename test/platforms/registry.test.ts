// The registry of chat platforms, read where it is used: each platform is a --workspace of the
// shell, tells a refused member who its admins are, and gets a digest poster once configured.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postersFor } from "../../jobs/platform-posters.ts";
import { baseConfigSchema } from "../../src/base-config.ts";
import { ConfigError, configSchema, readConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/log.ts";
import { chatPlatforms } from "../../src/platforms/registry.ts";
import { parseShellArgs } from "../../src/platforms/shell/args.ts";
import { startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

it("names each platform once", () => {
  const names = chatPlatforms.map((p) => p.name);
  expect(new Set(names).size).toBe(names.length);
});

describe.each(chatPlatforms.map((platform) => [platform.name, platform] as const))("%s", (name, platform) => {
  it("is a workspace the shell can act in", () => {
    const form = platform.workspaceIdLabel ? `${name}:W-1` : name;
    expect(parseShellArgs(["--workspace", form], "out").workspace).toEqual({ platform: name, id: platform.workspaceIdLabel ? "W-1" : name });
  });

  it("tells a member refused an admin command who the admins are", async () => {
    const where = { platform: name, workspaceId: `W-${name}` };
    await bot.run("/creator add @kate tiktok 48k", { ...where, userId: "first", userName: "first" });
    const refused = await bot.text("/creator remove @kate", { ...where, userId: "second", userName: "second" });
    expect(refused).toContain("Only admins can use /creator remove");
    expect(refused).toContain(platform.adminHint ?? "The first person who used the bot in this workspace is an admin.");
  });
});

it("a platform's variables come from its own settings: the common schema names none, and its check runs at start", () => {
  const common = Object.keys(baseConfigSchema.shape);
  for (const platform of chatPlatforms) {
    const own = Object.keys(("settings" in platform && platform.settings?.shape) || {});
    for (const key of own) expect(common, `${platform.name}'s ${key}`).not.toContain(key);
    for (const key of own) expect(Object.keys(configSchema.shape)).toContain(key);
  }
  expect(() => readConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(new ConfigError("Configuration: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"));
  expect(() => readConfig({ DISCORD_TOKEN: "t" })).toThrow(new ConfigError("Configuration: Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID"));
  expect(() => readConfig({ DISCORD_APPLICATION_ID: "12ab" })).toThrow(/DISCORD_APPLICATION_ID must be a numeric application id/);
});

it("digests go to the shell's workspaces always, and to each chat platform once its variables are set", async () => {
  const none = readConfig({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" });
  expect(Object.keys(await postersFor(none, silentLogger()))).toEqual(["local"]);
  const all = readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret", DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "123456" });
  expect(Object.keys(await postersFor(all, silentLogger()))).toEqual(chatPlatforms.map((p) => p.name));
});
