// Buttons in Slack: a reply's actions are Block Kit buttons carrying their command; a signed
// block_actions click runs that command through the dispatcher as the person who clicked (same
// role check, same activity record); a decision replaces the message through the response URL,
// a refusal is private; a button that asks opens a modal whose signed view_submission runs it
// with the answer. A second click does nothing but say what was decided.

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.ts";
import { decideCommand } from "../decide-command.ts";
import { blockActions, buttonsOf, messageText, postInteraction, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";

const admin = { team: "T-BTN", user: "UBOSS", channel: "C1" };
const member = { team: "T-BTN", user: "UMEMBER", channel: "C1" };
const decide = decideCommand();
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ users: { UBOSS: { is_admin: true, real_name: "Ana" } }, commands: [...commands, decide.spec] });
  await h.send("/help", admin);
  await h.send("/help", member);
}, 60_000);
afterAll(() => h?.close());

/** The buttons of `/decide ask <topic>`'s message. */
async function ask(topic: string) {
  const sent = await h.send(`/decide ask ${topic}`, member);
  expect(sent.ack?.response_type).toBe("in_channel");
  return buttonsOf(sent.ack);
}

/** Clicks `button` as `who`; returns the response URL's id, where the answer goes. */
async function click(button: Record<string, any>, who: typeof admin) {
  const id = randomUUID();
  const answer = await postInteraction(h.adapter.eventsUrl!, blockActions(button, h.fake.responseUrl(id), who));
  expect(answer.status).toBe(200);
  return id;
}

const answerTo = (id: string) => h.fake.waitFor(() => h.fake.responsesTo(id)[0], "the click's answer");
const activities = () => h.bot.core.db.activity.findMany({ where: { command: { startsWith: "/decide" } } });

describe("buttons in Slack", () => {
  test("a reply's actions are buttons; the line to type is in the notification text", async () => {
    const sent = await h.send("/decide ask lunch", member);
    expect(sent.ack?.text).toContain('→ /decide no "lunch" note:"…"');
    const [yes, no] = buttonsOf(sent.ack);
    expect(yes).toMatchObject({ type: "button", text: { type: "plain_text", text: "Yes" }, style: "primary" });
    expect(no).toMatchObject({ text: { text: "No" }, style: "danger" });
    expect(JSON.parse(yes!.value)).toEqual({ command: '/decide yes "lunch"', ask: [], then: "replace" });
  });

  test("a member without the role is refused privately; the message and the decision stay as they were", async () => {
    const [yes] = await ask("budget");
    const id = await click(yes!, member);
    const answer = await answerTo(id);
    expect(answer.replace_original).toBe(false);
    expect(answer.response_type).toBe("ephemeral");
    expect(messageText(answer)).toContain("Only admins can use /decide yes");
    expect(decide.decided.has("budget")).toBe(false);
    expect(await activities()).toHaveLength(0);
  });

  test("an admin's click runs the command: the message is replaced by the outcome, once; a second click only says what was decided", async () => {
    const [yes] = await ask("offsite");
    const first = await answerTo(await click(yes!, admin));
    expect(first.replace_original).toBe(true);
    expect(messageText(first)).toContain("Decided: yes to offsite by Ana");
    expect(buttonsOf(first)).toHaveLength(0);
    const [record] = await activities();
    expect(record).toMatchObject({ command: "/decide yes", summary: "decided yes to offsite by Ana" });

    const second = await answerTo(await click(yes!, admin));
    expect(messageText(second)).toContain("Already decided: yes to offsite by Ana");
    expect(decide.decided.get("offsite")).toBe("yes to offsite by Ana");
    expect(await activities()).toHaveLength(1);
  });

  test("a button that asks opens a modal; its submission runs the command with the answer", async () => {
    const [, no] = await ask("party");
    const before = h.fake.callsOf("views.open").length;
    const id = await click(no!, admin);
    const call = await h.fake.waitFor(() => h.fake.callsOf("views.open")[before], "views.open");
    const view = JSON.parse(call.params.view!) as Record<string, any>;
    expect(view.callback_id).toBe("button-form");
    const input = view.blocks.find((b: any) => b.type === "input");
    expect(input).toMatchObject({ block_id: "note", optional: false, element: { type: "plain_text_input", multiline: true } });
    expect(h.fake.responsesTo(id)).toHaveLength(0);

    const submitted = await postInteraction(h.adapter.eventsUrl!, viewSubmission(view, { note: "too close to the launch" }, admin));
    expect(submitted.status).toBe(200);
    const answer = await answerTo(id);
    expect(answer.replace_original).toBe(true);
    expect(messageText(answer)).toContain("Decided: no to party by Ana (too close to the launch)");
    expect(decide.decided.get("party")).toContain("too close to the launch");
  });

  test("a click not signed with the signing secret runs nothing", async () => {
    const [yes] = await ask("unsigned");
    const body = new URLSearchParams({ payload: JSON.stringify(blockActions(yes!, h.fake.responseUrl(randomUUID()), admin)) }).toString();
    const res = await fetch(h.adapter.eventsUrl!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=00" }, body });
    expect(res.status).toBe(401);
    expect(decide.decided.has("unsigned")).toBe(false);
  });
});
