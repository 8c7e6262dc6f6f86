// A command a form completes, sent in Slack with none of its required options (a bare
// /creator add): acknowledged with no message and a modal opened with the command's trigger_id
// (views.open), asking those options; its signed view_submission runs the same line as the
// person who sent it (same role check, same activity record), answered through the command's
// response URL. With some but not all of them, the usage error stays.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { messageText, postInteraction, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";

const ada = { team: "T-FORM", user: "UADA", channel: "C1" };
const kate = { team: "T-FORM", user: "UKATE", channel: "C1" };
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ users: { UADA: { is_admin: true, real_name: "Ada" }, UKATE: { real_name: "Kate Lifts" } } });
  await h.send("/help", ada);
}, 60_000);
afterAll(() => h?.close());

/** Sends `line` as `who`; returns the acknowledgement and the modal the bot opened. */
async function openForm(line: string, who: typeof ada) {
  const before = h.fake.callsOf("views.open").length;
  const sent = await h.send(line, who);
  expect(sent.status).toBe(200);
  const call = await h.fake.waitFor(() => h.fake.callsOf("views.open")[before], "views.open");
  return { sent, call, view: JSON.parse(call.params.view!) as Record<string, any> };
}

/** Submits `view` as `who`; returns the answer posted to the command's response URL. */
async function submit(view: Record<string, any>, answers: Record<string, string>, who: typeof ada) {
  const answer = await postInteraction(h.adapter.eventsUrl!, viewSubmission(view, answers, who));
  expect(answer.status).toBe(200);
  const responseId = JSON.parse(view.private_metadata).responseUrl.split("/").pop();
  const [reply] = await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId), "the form's answer");
  return reply!;
}

describe("forms for missing options in Slack", () => {
  test("a bare /creator add opens a modal asking handle, platform and followers; its submission adds the creator", async () => {
    const { sent, call, view } = await openForm("/creator add niche:kettlebells", ada);
    // Acknowledged with no message: the form is the answer.
    expect(sent.ack).toBeNull();
    expect(call.params.trigger_id).toBeTruthy();
    expect(view.type).toBe("modal");
    expect(view.title.text).toBe("/creator add");
    const inputs = view.blocks.filter((b: any) => b.type === "input");
    expect(inputs.map((b: any) => [b.block_id, b.optional ?? false, b.element.type])).toEqual([
      ["handle", false, "plain_text_input"],
      ["platform", false, "plain_text_input"],
      ["followers", false, "plain_text_input"],
    ]);
    expect(await h.bot.core.db.creator.count()).toBe(0);

    const reply = await submit(view, { handle: "@kate", platform: "tiktok", followers: "48k" }, ada);
    expect(reply.response_type).toBe("in_channel");
    expect(messageText(reply)).toContain("@kate");
    const stored = await h.bot.core.db.creator.findFirstOrThrow({ where: { handle: "kate" } });
    // The niche typed with the bare command was kept.
    expect(stored.niche).toBe("kettlebells");
    const activity = await h.bot.core.db.activity.findFirst({ where: { command: { startsWith: "/creator add" } } });
    expect(activity?.summary).toContain("kate");
  });

  test("a creator (not the team) is refused privately when the form is sent; nothing is stored", async () => {
    expect(messageText((await h.send("/creator link kate <@UKATE|kate>", { ...ada, markup: true })).ack)).toContain("Linked Kate Lifts to @kate");
    const { view } = await openForm("/creator add", kate);
    const reply = await submit(view, { handle: "@sneaky", platform: "tiktok", followers: "1k" }, kate);
    expect(reply.response_type).toBe("ephemeral");
    expect(messageText(reply)).toContain("This is for the team");
    expect(await h.bot.core.db.creator.count({ where: { handle: "sneaky" } })).toBe(0);
  });

  test("bare /campaign enroll and /post log ask their own required options", async () => {
    const enroll = await openForm("/campaign enroll fee:$300", ada);
    expect(enroll.view.blocks.filter((b: any) => b.type === "input").map((b: any) => b.block_id)).toEqual(["campaign", "handle"]);
    expect(JSON.parse(enroll.view.private_metadata).click).toEqual({ command: "/campaign enroll fee:$300", ask: ["campaign", "handle"], then: "reply" });
    const log = await openForm("/post log", ada);
    expect(log.view.blocks.filter((b: any) => b.type === "input").map((b: any) => b.block_id)).toEqual(["url"]);
  });

  test("with some but not all required options, the usage error stays and no modal opens", async () => {
    const before = h.fake.callsOf("views.open").length;
    const sent = await h.send("/creator add tom", ada);
    expect(sent.ack?.response_type).toBe("ephemeral");
    expect(messageText(sent.ack)).toContain("needs platform:");
    expect(h.fake.callsOf("views.open")).toHaveLength(before);
  });
});
