// No command or option exists on one platform but not the others: Discord's registration JSON,
// the text grammar of Slack and the shell (usage lines and the parser), and Slack's manifest
// all come from the same specs and say the same thing.

import { privateOptions } from "../../src/core/private-options.ts";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIApplicationCommandBasicOption, APIApplicationCommandOption } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { parseLine } from "../../src/core/grammar.ts";
import type { AnyOption } from "../../src/core/options.ts";
import { isSingleAction, usageLine, type ActionSpec, type CommandSpec } from "../../src/core/spec.ts";
import { buildRegistration } from "../../src/platforms/discord/registration.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const discord = buildRegistration(commands);
const SUBCOMMAND = 1;

/** What Discord offers: "/creator add" → its option names. */
function discordActions(): Map<string, string[]> {
  const actions = new Map<string, string[]>();
  for (const c of discord) {
    const options = (c.options ?? []) as APIApplicationCommandOption[];
    if (options.some((o) => o.type === SUBCOMMAND)) {
      for (const sub of options) {
        actions.set(`/${c.name} ${sub.name}`, ((sub as { options?: APIApplicationCommandBasicOption[] }).options ?? []).map((o) => o.name).sort());
      }
    } else {
      actions.set(`/${c.name}`, options.map((o) => o.name).sort());
    }
  }
  return actions;
}

/** What the text grammar shows: the usage line of every action, read back into a path and option names. */
function textActions(): Map<string, string[]> {
  const actions = new Map<string, string[]>();
  for (const command of commands) {
    for (const action of command.actions) {
      const [name, ...rest] = usageLine(command, action).split(" ");
      const words = isSingleAction(command) ? rest : rest.slice(1);
      const path = isSingleAction(command) ? name! : `${name} ${rest[0]}`;
      // Secrets are asked in a modal on Discord (and Slack), typed only in the shell.
      const secrets = new Set(privateOptions(action).map((o) => o.name));
      const options = words.map((w) => /^[<[]?([a-z0-9-]+)/.exec(w)![1]!).filter((name) => !secrets.has(name)).sort();
      actions.set(path, options);
    }
  }
  return actions;
}

describe("platform parity", () => {
  it("Discord registers exactly the commands, subcommands and options of the text grammar (Slack, the shell, /help), but secrets", () => {
    const fromDiscord = discordActions();
    const fromText = textActions();
    expect([...fromDiscord.keys()].sort()).toEqual([...fromText.keys()].sort());
    for (const [path, options] of fromText) expect(fromDiscord.get(path), path).toEqual(options);
  });

  it("every Discord option is read by the text parser as key:value, into the same option", () => {
    const each = (command: CommandSpec, action: ActionSpec<any>) => {
      for (const option of Object.values(action.options as Record<string, AnyOption>)) {
        const line = `/${command.name}${action.name ? ` ${action.name}` : ""} ${option.name}:x`;
        expect(Object.keys(parseLine(commands, line).values), line).toEqual([option.key]);
      }
    };
    for (const command of commands) for (const action of command.actions) each(command, action);
  });

  it.runIf(existsSync(path.join(ROOT, "slack", "manifest.json")))("the Slack manifest declares every top-level command, and no other", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "slack", "manifest.json"), "utf8")) as { features: { slash_commands: Array<{ command: string }> } };
    const slack = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(slack).toEqual(commands.map((c) => `/${c.name}`).sort());
    expect(slack).toEqual(discord.map((c) => `/${c.name}`).sort());
  });
});
