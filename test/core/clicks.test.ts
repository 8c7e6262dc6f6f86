// Every button is also a command: the shell prints the line to type, and a click runs the line
// through the dispatcher with only the asked options added from its form.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { runClick } from "../../src/core/clicks.ts";
import { createCore, type Core } from "../../src/create-core.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { dropDatabase, freshDatabaseUrl } from "../helpers/core.ts";
import { decideCommand } from "../platforms/decide-command.ts";

const url = freshDatabaseUrl();
const decide = decideCommand();
let core: Core;
const alice = { platform: "local", workspaceId: "local", userId: "alice", userName: "alice", channelId: "C1" };
const bob = { ...alice, userId: "bob", userName: "bob" };

beforeAll(async () => {
  core = await createCore({ databaseUrl: url, log: silentLogger(), commands: [...commands, decide.spec] });
  await core.dispatcher.runLine(alice, "/help");
});
afterAll(async () => {
  await core.close();
  await dropDatabase(url);
});

describe("buttons in the shell", () => {
  it("prints each button as the command to type", async () => {
    const text = renderText(await core.dispatcher.runLine(bob, "/decide ask lunch"));
    expect(text).toContain('→ /decide yes "lunch"   (Yes)');
    expect(text).toContain('→ /decide no "lunch" note:"…"   (No)');
  });

  it("the typed command does what the button does, once", async () => {
    expect(renderText(await core.dispatcher.runLine(bob, '/decide yes "tea"'))).toContain("Only admins can use /decide yes");
    expect(renderText(await core.dispatcher.runLine(alice, '/decide no "tea" note:"too late"'))).toContain("Decided: no to tea by alice (too late)");
    expect(renderText(await core.dispatcher.runLine(alice, '/decide yes "tea"'))).toContain("Already decided: no to tea by alice (too late)");
  });
});

describe("a click", () => {
  it("adds only the options its button asked, read as typed", async () => {
    const reply = await runClick(core.dispatcher, alice, { command: '/decide no "cake"', ask: ["note"], then: "replace" }, { note: " no sugar ", topic: "forged" });
    expect(renderText(reply)).toContain("Decided: no to cake by alice (no sugar)");
    expect(decide.decided.has("forged")).toBe(false);
  });

  it("without a required answer, says which option is missing and runs nothing", async () => {
    const reply = await runClick(core.dispatcher, alice, { command: '/decide no "pie"', ask: ["note"], then: "replace" }, {});
    expect(reply.status).toBe("error");
    expect(renderText(reply)).toContain("note");
    expect(decide.decided.has("pie")).toBe(false);
  });
});

describe("forms for missing options (formWhenMissing)", () => {
  it("a line with none of the required options asks them; with some, or for another action, nothing is asked", () => {
    expect(core.dispatcher.formForLine("/creator add niche:yoga")?.options.map((o) => o.key)).toEqual(["handle", "platform", "followers"]);
    expect(core.dispatcher.formForLine("/campaign enroll")?.options.length).toBeGreaterThan(0);
    expect(core.dispatcher.formForLine("/post log")?.options.map((o) => o.key)).toEqual(["url"]);
    expect(core.dispatcher.formForLine("/creator add tom")).toBeNull();
    expect(core.dispatcher.formForLine("/creator update")).toBeNull();
    expect(core.dispatcher.formForTyped("creator", "add", { niche: "yoga" })?.options.map((o) => o.key)).toEqual(["handle", "platform", "followers"]);
    expect(core.dispatcher.formForTyped("creator", "add", { handle: "tom" })).toBeNull();
  });

  it("the shell, which has no forms, keeps the usage error", async () => {
    expect(renderText(await core.dispatcher.runLine(alice, "/creator add"))).toContain("needs handle:");
  });

  it("a form's answers run the line as typed, and the activity record shows them", async () => {
    const reply = await runClick(core.dispatcher, alice, { command: "/creator add niche:yoga", ask: ["handle", "platform", "followers"], then: "reply" }, { handle: "@mia", platform: "tiktok", followers: "12k" });
    expect(reply.status).toBe("ok");
    const record = await core.db.activity.findFirstOrThrow({ where: { command: "/creator add" }, orderBy: { id: "desc" } });
    expect(record.summary).toBe('/creator add niche:yoga handle:"@mia" platform:"tiktok" followers:"12k"');
  });
});
