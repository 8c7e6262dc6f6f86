// Buttons over Socket Mode: a block_actions click and a view_submission arrive as "interactive"
// envelopes on the WebSocket (not as signed HTTP posts), are acknowledged on the socket, and run
// the button's command as the person who clicked, as over HTTP: a member is refused privately,
// an admin's click decides once and replaces the message through the response URL, and a button
// that asks first opens a modal whose submission runs the command with the answer.

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.ts";
import { decideCommand } from "../decide-command.ts";
import { blockActions, buttonsOf, messageText, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";

const admin = { team: "T-SOCK", user: "UBOSS", channel: "C1" };
const member = { team: "T-SOCK", user: "UMEMBER", channel: "C1" };
const decide = decideCommand();
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ socketMode: true, users: { UBOSS: { is_admin: true, real_name: "Ana" } }, commands: [...commands, decide.spec] });
  await h.send("/help", admin);
  await h.send("/help", member);
}, 60_000);
afterAll(() => h?.close());

async function ask(topic: string) {
  const sent = await h.send(`/decide ask ${topic}`, member);
  expect(sent.ack?.response_type).toBe("in_channel");
  return buttonsOf(sent.ack);
}

/** Clicks `button` as `who` over the socket; returns the response URL's id, where the answer goes. */
async function click(button: Record<string, any>, who: typeof admin) {
  const id = randomUUID();
  const acked = await h.fake.sendInteractiveEnvelope(blockActions(button, h.fake.responseUrl(id), who));
  expect(acked).toEqual({});
  return id;
}

const answerTo = (id: string) => h.fake.waitFor(() => h.fake.responsesTo(id)[0], "the click's answer");
const activities = () => h.bot.core.db.activity.findMany({ where: { command: { startsWith: "/decide" } }, include: { member: true } });

describe("buttons over Socket Mode", () => {
  test("the adapter is in Socket Mode, with no HTTP listener", () => {
    expect(h.adapter.mode).toBe("socket");
    expect(h.adapter.eventsUrl).toBeNull();
  });

  test("a member's click is refused privately; an admin's click runs the command as the clicker, once", async () => {
    const [yes] = await ask("offsite");
    const refused = await answerTo(await click(yes!, member));
    expect(refused.replace_original).toBe(false);
    expect(messageText(refused)).toContain("Only admins can use /decide yes");
    expect(decide.decided.has("offsite")).toBe(false);

    const first = await answerTo(await click(yes!, admin));
    expect(first.replace_original).toBe(true);
    expect(messageText(first)).toContain("Decided: yes to offsite by Ana");
    expect(buttonsOf(first)).toHaveLength(0);
    const second = await answerTo(await click(yes!, admin));
    expect(messageText(second)).toContain("Already decided: yes to offsite by Ana");
    const records = await activities();
    expect(records.map((r) => [r.command, r.member?.externalId])).toEqual([["/decide yes", "UBOSS"]]);
  });

  test("a button that asks opens a modal; its view_submission over the socket runs the command with the answer", async () => {
    const [, no] = await ask("party");
    const before = h.fake.callsOf("views.open").length;
    const id = await click(no!, admin);
    const call = await h.fake.waitFor(() => h.fake.callsOf("views.open")[before], "views.open");
    const view = JSON.parse(call.params.view!) as Record<string, any>;
    expect(view.callback_id).toBe("button-form");

    await h.fake.sendInteractiveEnvelope(viewSubmission(view, { note: "too close to the launch" }, admin));
    const answer = await answerTo(id);
    expect(answer.replace_original).toBe(true);
    expect(messageText(answer)).toContain("Decided: no to party by Ana (too close to the launch)");
    expect(decide.decided.get("party")).toContain("too close to the launch");
    const records = await activities();
    expect(records.at(-1)).toMatchObject({ command: "/decide no" });
    expect(records.at(-1)!.member?.externalId).toBe("UBOSS");
  });
});
