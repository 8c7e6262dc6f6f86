// The registration JSON generated from every spec, and the PUT that sends it (in-process and
// through `npm run discord:register`).

import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIApplicationCommandBasicOption, APIApplicationCommandOption } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import type { AnyOption } from "../../../src/core/options.ts";
import { isSingleAction } from "../../../src/core/spec.ts";
import { registerCommands } from "../../../src/platforms/discord/register.ts";
import { buildRegistration, type DiscordCommand } from "../../../src/platforms/discord/registration.ts";
import { tempDir } from "../../helpers/core.ts";
import { FakeDiscord } from "./fake-discord.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const registration = buildRegistration(commands);
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

const STRING = 3,
  INTEGER = 4,
  BOOLEAN = 5,
  USER = 6,
  ROLE = 8,
  NUMBER = 10,
  ATTACHMENT = 11,
  SUBCOMMAND = 1;

function json(command: string): DiscordCommand {
  return registration.find((c) => c.name === command)!;
}

function optionsOf(command: string, subcommand?: string): APIApplicationCommandBasicOption[] {
  const c = json(command);
  if (!subcommand) return c.options as APIApplicationCommandBasicOption[];
  const sub = c.options!.find((o) => o.name === subcommand)!;
  return (sub as { options?: APIApplicationCommandBasicOption[] }).options ?? [];
}

/** Characters Discord counts towards a command's 4,000. */
function commandLength(c: DiscordCommand): number {
  const ofOption = (o: APIApplicationCommandOption): number =>
    o.name.length +
    o.description.length +
    (("choices" in o && o.choices) || []).reduce((n: number, ch: { name: string; value: unknown }) => n + ch.name.length + String(ch.value).length, 0) +
    (("options" in o && o.options) || []).reduce((n: number, sub: APIApplicationCommandOption) => n + ofOption(sub), 0);
  return c.name.length + c.description.length + (c.options ?? []).reduce((n, o) => n + ofOption(o), 0);
}

describe("registration JSON from the specs", () => {
  it("has one chat-input command per spec, with the spec's name and description", () => {
    expect(registration.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const command of commands) {
      expect(json(command.name)).toMatchObject({ type: 1, name: command.name, description: command.description });
    }
  });

  it("keeps every name and description within Discord's limits (names ≤ 32, descriptions 1–100, 25 options, 4,000 characters)", () => {
    for (const c of registration) {
      expect(c.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(c.description.length, `/${c.name}`).toBeGreaterThan(0);
      expect(c.description.length, `/${c.name}: ${c.description}`).toBeLessThanOrEqual(100);
      expect(c.options!.length, `/${c.name}`).toBeLessThanOrEqual(25);
      expect(commandLength(c), `/${c.name}`).toBeLessThanOrEqual(4000);
      const all = (c.options as APIApplicationCommandOption[]).flatMap((o): APIApplicationCommandOption[] => (o.type === SUBCOMMAND ? [o, ...(o.options ?? [])] : [o]));
      for (const o of all) {
        const where = `/${c.name} ${o.name}`;
        expect(o.name, where).toMatch(NAME);
        expect(o.name, where).toBe(o.name.toLowerCase());
        expect(o.description.length, where).toBeGreaterThan(0);
        expect(o.description.length, `${where}: ${o.description}`).toBeLessThanOrEqual(100);
        if ("choices" in o && o.choices) {
          expect(o.choices.length, where).toBeLessThanOrEqual(25);
          for (const choice of o.choices) expect(String(choice.value).length, where).toBeLessThanOrEqual(100);
        }
      }
      for (const o of c.options!) if (o.type === SUBCOMMAND) expect(o.options!.length, `/${c.name} ${o.name}`).toBeLessThanOrEqual(25);
    }
  });

  it("maps every option of every spec (but secrets, asked in a modal) to its Discord type, required flag, choices, limits and autocomplete", () => {
    const expectedType: Record<string, number> = { count: INTEGER, percent: NUMBER, boolean: BOOLEAN, person: USER, role: ROLE, file: ATTACHMENT };
    for (const command of commands) {
      for (const action of command.actions) {
        const declared = optionsOf(command.name, isSingleAction(command) ? undefined : action.name);
        const specOptions = Object.values(action.options as Record<string, AnyOption>).filter((o) => o.kind !== "secret");
        expect(declared.map((o) => o.name).sort(), `/${command.name} ${action.name}`).toEqual(specOptions.map((o) => o.name).sort());
        for (const option of specOptions) {
          const o = declared.find((d) => d.name === option.name)! as any;
          const where = `/${command.name} ${action.name} ${option.name}`;
          expect(o.type, where).toBe(expectedType[option.kind] ?? STRING);
          // A form asks the required options of a bare `formWhenMissing` command: registered optional.
          expect(o.required, where).toBe(option.required && !action.formWhenMissing);
          expect(o.description, where).toBe(option.description);
          if (o.type === INTEGER) {
            expect(o.min_value, where).toBe(option.config.min);
            expect(o.max_value, where).toBe(option.config.max);
          }
          if (o.type === NUMBER) expect([o.min_value, o.max_value], where).toEqual([0, 100]);
          if (o.type === STRING) expect(o.max_length, where).toBe(option.config.maxLength);
          if (option.kind === "choice") expect(o.choices.map((c: { value: string }) => c.value), where).toEqual([...option.config.choices!]);
          expect(o.autocomplete ?? false, where).toBe(Boolean(option.config.autocomplete) && option.kind !== "choice");
        }
      }
    }
  });

  it("puts subcommands as options of type 1, and the options of a command without subcommands directly", () => {
    expect(json("creator").options!.map((o) => [o.name, o.type])).toEqual(commands.find((c) => c.name === "creator")!.actions.map((a) => [a.name, SUBCOMMAND]));
    expect(json("help").options).toMatchObject([{ name: "command", type: STRING, required: false }]);
    expect(json("settings").options!.map((o) => o.type)).not.toContain(SUBCOMMAND);
  });

  it("orders required options before optional ones (Discord refuses otherwise), keeping the spec's order within each", () => {
    for (const c of registration) {
      const lists = c.options!.some((o) => o.type === SUBCOMMAND) ? c.options!.map((o) => (o as { options?: APIApplicationCommandBasicOption[] }).options ?? []) : [c.options as APIApplicationCommandBasicOption[]];
      for (const list of lists) {
        const firstOptional = list.findIndex((o) => !o.required);
        if (firstOptional >= 0) expect(list.slice(firstOptional).every((o) => !o.required), `/${c.name}`).toBe(true);
      }
    }
    // /campaign baseline: <name> then orders:, revenue:, days: — all required, in spec order.
    expect(optionsOf("campaign", "baseline").map((o) => [o.name, o.required])).toEqual([
      ["name", true],
      ["orders", true],
      ["revenue", true],
      ["days", true],
    ]);
  });

  it("/creator add: handle with autocomplete, platform choices, followers an integer with limits, owner a user; the first three optional so a bare /creator add opens a form", () => {
    const add = optionsOf("creator", "add");
    expect(add.slice(0, 3)).toMatchObject([
      { name: "handle", type: STRING, required: false, autocomplete: true, max_length: 65 },
      { name: "platform", type: STRING, required: false, choices: expect.arrayContaining([{ name: "tiktok", value: "tiktok" }]) },
      { name: "followers", type: INTEGER, required: false, min_value: 0, max_value: 5_000_000_000 },
    ]);
    expect(add.find((o) => o.name === "owner")).toMatchObject({ type: USER, required: false });
    expect(add.find((o) => o.name === "niche")).toMatchObject({ type: STRING, max_length: 100 });
  });

  it("/campaign enroll: campaign autocomplete, per-order as a valid option name, commission a number 0–100, wave 1–100", () => {
    const enroll = optionsOf("campaign", "enroll");
    expect(enroll.find((o) => o.name === "campaign")).toMatchObject({ type: STRING, autocomplete: true, required: false });
    expect(enroll.find((o) => o.name === "per-order")).toMatchObject({ type: STRING, required: false });
    expect(enroll.find((o) => o.name === "commission")).toMatchObject({ type: NUMBER, min_value: 0, max_value: 100 });
    expect(enroll.find((o) => o.name === "wave")).toMatchObject({ type: INTEGER, min_value: 1, max_value: 100 });
  });

  it("hides commands whose every action is admin-only behind Manage Server; mixed groups stay visible", () => {
    for (const command of commands) {
      const adminOnly = command.actions.every((a) => a.role === "admin");
      expect(json(command.name).default_member_permissions, `/${command.name}`).toBe(adminOnly ? "32" : null);
    }
    expect(json("settings").default_member_permissions).toBe("32");
    expect(json("creator").default_member_permissions).toBeNull();
  });

  it("offers commands in servers only; a guild registration leaves out the global-only fields", () => {
    expect(json("creator")).toMatchObject({ contexts: [0], integration_types: [0] });
    for (const c of buildRegistration(commands, "guild")) {
      expect(c).not.toHaveProperty("contexts");
      expect(c).not.toHaveProperty("integration_types");
    }
  });
});

describe("registering with Discord", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(() => fake.close());

  it("PUTs every command globally, authorised with the bot token", async () => {
    const result = await registerCommands({ token: "test-token", applicationId: fake.applicationId, apiUrl: fake.apiUrl, commands });
    expect(result).toEqual({ scope: "global", names: commands.map((c) => c.name) });
    const put = await fake.waitForRequest((r) => r.method === "PUT" && r.path === `/api/v10/applications/${fake.applicationId}/commands`);
    expect(put.authorization).toBe("Bot test-token");
    expect(put.json).toEqual(JSON.parse(JSON.stringify(buildRegistration(commands))));
  });

  function registerCli(args: string[], env: Record<string, string>) {
    const dir = tempDir();
    const child = spawn(process.execPath, ["--import", "tsx", "src/platforms/discord/register-cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "x.db")}`, SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  }

  it("npm run discord:register -- --guild <id> PUTs to that guild at once", async () => {
    const env = { DISCORD_TOKEN: "cli-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    const r = await registerCli(["--guild", "123456789012345678"], env);
    expect(r.err).toBe("");
    expect(r.out).toContain(`Registered ${commands.length} commands to server 123456789012345678: /creator`);
    expect(r.code).toBe(0);
    const put = await fake.waitForRequest((x) => x.method === "PUT" && x.path === `/api/v10/applications/${fake.applicationId}/guilds/123456789012345678/commands`);
    expect(put.authorization).toBe("Bot cli-token");
    expect(put.json.map((c: { name: string }) => c.name)).toEqual(commands.map((c) => c.name));
  });

  it("--clear removes the commands (an empty list) from a guild", async () => {
    const env = { DISCORD_TOKEN: "cli-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    const r = await registerCli(["--guild", "223456789012345678", "--clear"], env);
    expect(r.out).toContain("Removed the bot's commands from server 223456789012345678.");
    expect(r.code).toBe(0);
    const put = await fake.waitForRequest((x) => x.method === "PUT" && x.path === `/api/v10/applications/${fake.applicationId}/guilds/223456789012345678/commands`);
    expect(put.json).toEqual([]);
  });

  it("says what Discord refused, without the token, and exits 1", async () => {
    fake.failNextPut = { status: 400, message: "Invalid Form Body" };
    const r = await registerCli([], { DISCORD_TOKEN: "secret-token-value", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
    expect(r.code).toBe(1);
    expect(r.err).toContain("Discord refused the registration: Invalid Form Body");
    expect(r.err + r.out).not.toContain("secret-token-value");
  });

  it("without tokens explains what to set (exit 2); --print shows the JSON without any", async () => {
    const missing = await registerCli([], { DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID");
    const printed = await registerCli(["--print"], { DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" });
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.out)).toEqual(JSON.parse(JSON.stringify(buildRegistration(commands))));
  });
});
