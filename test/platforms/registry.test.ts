// The registry of chat platforms, read where it is used: each platform is a --workspace of the
// shell, tells a refused member who its admins are, and gets a digest poster once configured.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postersFor } from "../../jobs/platform-posters.ts";
import { readConfig } from "../../src/config.ts";
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

it("digests go to the shell's workspaces always, and to each chat platform once its variables are set", async () => {
  const none = readConfig({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" });
  expect(Object.keys(await postersFor(none, silentLogger()))).toEqual(["local"]);
  const all = readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret", DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "123456" });
  expect(Object.keys(await postersFor(all, silentLogger()))).toEqual(chatPlatforms.map((p) => p.name));
});
