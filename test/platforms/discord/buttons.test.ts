// Buttons in Discord: a reply's actions are components (an action row of buttons whose custom
// id carries the command); a click runs that command through the dispatcher as the person who
// clicked (same role check, same activity record); a decision updates the message (callback
// type 7), a refusal is ephemeral; a button that asks opens a modal (type 9) whose submission
// runs the command with the answer. A second click does nothing but say what was decided.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import { decideCommand } from "../decide-command.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";

const club = FakeDiscord.guild("Decision Club");
const ana = FakeDiscord.user("ana");
const bob = FakeDiscord.user("bob");
const admin: Who = { guild: club, user: ana, manageServer: true };
const member: Who = { guild: club, user: bob };
const decide = decideCommand();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ guilds: [club], commands: [...commands, decide.spec] });
  await h.slash(admin, "help", "", {});
  await h.slash(member, "help", "", {});
}, 60_000);
afterAll(() => h?.close());

/** The message `/decide ask <topic>` sent, with its buttons. */
async function ask(topic: string) {
  const answer = await h.slash(member, "decide", "ask", { topic });
  const data = answer.callback.json.data;
  const buttons = (data.components ?? []).flatMap((row: any) => row.components) as Array<Record<string, any>>;
  return { message: { embeds: data.embeds, components: data.components }, buttons };
}

/** Clicks `button` on `message` as `who`; returns the callback Discord received, with its visible text. */
async function click(button: Record<string, any>, message: Record<string, unknown>, who: Who) {
  const interaction = h.fake.click({ guild: who.guild, user: who.user, manageServer: who.manageServer, customId: button.custom_id, message });
  const callback = await h.fake.callbackOf(interaction);
  const data = callback.json.data ?? {};
  return { callback, data, text: (data.embeds ?? []).map(embedText).join("\n").replace(/\\([_*~`|\\])/g, "$1"), ephemeral: ((data.flags ?? 0) & 64) === 64 };
}

const activities = () => h.db.activity.findMany({ where: { command: { startsWith: "/decide" } } });

describe("buttons in Discord", () => {
  it("draws a reply's actions as buttons in an action row", async () => {
    const { buttons } = await ask("lunch");
    expect(buttons).toEqual([
      { type: 2, custom_id: 'cb:u::/decide yes "lunch"', label: "Yes", style: 3 },
      { type: 2, custom_id: 'cb:u:note:/decide no "lunch"', label: "No", style: 4 },
    ]);
  });

  it("refuses a member without the role privately; the message and the decision stay", async () => {
    const { message, buttons } = await ask("budget");
    const answer = await click(buttons[0]!, message, member);
    expect(answer.callback.json.type).toBe(4);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain("Only admins can use /decide yes");
    expect(decide.decided.has("budget")).toBe(false);
    expect(await activities()).toHaveLength(0);
  });

  it("runs an admin's click once: the message is updated to the outcome; a second click only says what was decided", async () => {
    const { message, buttons } = await ask("offsite");
    const first = await click(buttons[0]!, message, admin);
    expect(first.callback.json.type).toBe(7);
    expect(first.text).toContain("Decided: yes to offsite by ana");
    expect(first.data.components).toEqual([]);
    const [record] = await activities();
    expect(record).toMatchObject({ command: "/decide yes", summary: "decided yes to offsite by ana" });

    const second = await click(buttons[0]!, message, admin);
    expect(second.text).toContain("Already decided: yes to offsite by ana");
    expect(await activities()).toHaveLength(1);
  });

  it("opens a modal for a button that asks; its submission runs the command with the answer and updates the message", async () => {
    const { message, buttons } = await ask("party");
    const opened = await click(buttons[1]!, message, admin);
    expect(opened.callback.json.type).toBe(9);
    const modal = opened.callback.json.data;
    expect(modal.custom_id).toBe('cbf:u:note:/decide no "party"');
    expect(JSON.stringify(modal.components)).toContain('"custom_id":"note"');
    const interaction = h.fake.modalSubmitFromMessage({ guild: club, user: ana, manageServer: true, customId: modal.custom_id, fields: { note: "too close to the launch" }, message });
    const callback = await h.fake.callbackOf(interaction);
    expect(callback.json.type).toBe(7);
    expect(callback.json.data.embeds.map(embedText).join("\n")).toContain("(too close to the launch)");
    expect(decide.decided.get("party")).toContain("too close to the launch");
  });
});
