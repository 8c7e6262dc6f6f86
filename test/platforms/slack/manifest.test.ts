// The Slack app manifest: generated from the command specs, committed as slack/manifest.json,
// and within what Slack accepts.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.ts";
import { BOT_SCOPES, manifestJson, slackManifest } from "../../../src/platforms/slack/manifest.ts";

const root = path.resolve(import.meta.dirname, "../../..");

describe("Slack app manifest", () => {
  test("the committed slack/manifest.json is the one the specs generate", () => {
    const committed = readFileSync(path.join(root, "slack/manifest.json"), "utf8");
    expect(committed, "slack/manifest.json is out of date: run `npm run -s slack:manifest > slack/manifest.json`").toBe(manifestJson(commands));
  });

  test("npm run slack:manifest prints it; with SLACK_COMMAND_PREFIX, its commands carry the prefix", () => {
    const print = (prefix: string) =>
      execFileSync(process.execPath, ["--import", "tsx", "src/platforms/slack/manifest-cli.ts"], { cwd: root, encoding: "utf8", env: { ...process.env, SLACK_COMMAND_PREFIX: prefix } });
    expect(print("")).toBe(manifestJson(commands));
    expect(print("cb-")).toBe(manifestJson(commands, { commandPrefix: "cb-" }));
    expect(print("cb-")).toContain('"command": "/cb-report"');
  });

  test("every command, with its description and a usage hint, the bot scopes, Socket Mode on", () => {
    const m = slackManifest(commands);
    expect(m.oauth_config.scopes.bot).toEqual(["commands", "chat:write", "files:write", "users:read", "im:write", "channels:read", "groups:read", "files:read", "im:history"]);
    expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const [i, c] of m.features.slash_commands.entries()) {
      expect(c.description).toBe(commands[i]!.description);
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.usage_hint.length).toBeGreaterThan(0);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
      expect("url" in c).toBe(false);
    }
    const creator = m.features.slash_commands.find((c) => c.command === "/creator")!;
    expect(creator.usage_hint).toContain("add | account | update | show | list | link | unlink | remove");
    // Slack reserves /me and /join: a creator's own view is /my.
    expect(m.features.slash_commands.find((c) => c.command === "/my")!.usage_hint).toContain("[view] [handle]");
    // Slack's own limits on the app's names.
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  test("the Import orders message shortcut and direct messages (message.im), within Slack's limits", () => {
    const m = slackManifest(commands);
    expect(m.features.shortcuts).toEqual([{ name: "Import orders", type: "message", callback_id: "import_orders", description: expect.any(String) }]);
    for (const s of m.features.shortcuts) {
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeLessThanOrEqual(150);
      expect(s.callback_id).toMatch(/^[a-z0-9_]{1,255}$/);
    }
    expect(m.features.app_home.messages_tab_enabled).toBe(true);
    expect(m.settings.event_subscriptions).toEqual({ bot_events: ["app_home_opened", "message.im"] });
    // message.im needs im:history; the download, files:read.
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["im:history", "files:read"]));
  });

  test("with a public URL it is an HTTP-mode manifest pointing every command at /slack/events", () => {
    const url = "https://bot.example.com/slack/events";
    const m = slackManifest(commands, { requestUrl: url });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(m.settings.event_subscriptions).toEqual({ request_url: url, bot_events: ["app_home_opened", "message.im"] });
    for (const c of m.features.slash_commands) expect(c).toMatchObject({ url });
  });
});
