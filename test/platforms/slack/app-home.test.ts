// Slack's App Home tab (issue 23, a home view): a signed app_home_opened event (HTTP mode, through
// our receiver; and over Socket Mode) reaches the bot, which publishes the person's /home to the
// fake Slack with views.publish: a team member's view (due this week with a Remind button, money
// owed, latest figures) or a linked creator's own /my, for the user who opened the tab. A person's
// own command that changes something publishes it again, typed, sent from a form or clicked on a
// message. The real Bolt against the fake Slack.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { slackManifest } from "../../../src/platforms/slack/manifest.ts";
import { commands } from "../../../commands/index.ts";
import { blockActions, buttonsOf, messageText, postInteraction, SIGNING_SECRET, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";
import { slackSignature } from "./slack-request.ts";

const TEAM = "T-HOME";
const ada = { team: TEAM, user: "UADA", userName: "ada" };
const kate = { team: TEAM, user: "UKATE", userName: "kate" };
const USERS = { UADA: { is_admin: true, profile: { display_name: "Ada Admin" } }, UKATE: { real_name: "Kate Lifts" } };
const SETUP = [
  "/creator add kate tiktok 48k",
  "/creator add tom tiktok 9k",
  '/campaign new "Spring Launch"',
  '/campaign enroll "Spring Launch" kate fee:$300 due:today',
  '/campaign enroll "Spring Launch" tom fee:$777',
  '/code add kate "Spring Launch" code:KATE15',
  '/post log https://www.tiktok.com/@tom/video/9001 tom "Spring Launch" views:50k',
];

function homeOpened(user: string, tab = "home") {
  return {
    token: "verification-token-unused",
    team_id: TEAM,
    api_app_id: "A0FAKE",
    event: { type: "app_home_opened", user, channel: `D${user}`, tab, event_ts: `${Date.now() / 1000}` },
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
  };
}

/** Posts an event to the bot as Slack does: JSON, signed. */
async function postEvent(url: string, body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": slackSignature(SIGNING_SECRET, timestamp, text) }, body: text });
  return res.status;
}

/** The views.publish calls so far for `user`, each with its view parsed. */
const published = (h: SlackHarness, user: string) =>
  h.fake.callsOf("views.publish").filter((c) => c.params.user_id === user).map((c) => JSON.parse(c.params.view!) as { type: string; blocks: Array<Record<string, any>> });

async function waitForPublish(h: SlackHarness, user: string, n: number) {
  return h.fake.waitFor(() => published(h, user).length >= n && published(h, user), `${n} views.publish for ${user}`);
}

async function setUp(h: SlackHarness) {
  for (const line of SETUP) expect((await h.send(line, ada)).ack?.response_type, line).toBe("in_channel");
  expect(messageText((await h.send("/creator link kate <@UKATE|kate>", { ...ada, markup: true })).ack)).toContain("Linked Kate Lifts to @kate");
}

describe("the App Home tab over HTTP", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: USERS });
    await setUp(h);
  }, 60_000);
  afterAll(() => h?.close());

  test("a team member opening it gets their home view: due this week with a Remind button, money owed, latest figures", async () => {
    expect(await postEvent(h.adapter.eventsUrl!, homeOpened("UADA"))).toBe(200);
    const [view] = await waitForPublish(h, "UADA", 1);
    expect(view!.type).toBe("home");
    const text = messageText(view as never);
    expect(text).toContain("Deliverables due this week (1)");
    expect(text).toContain('@kate, "Spring Launch": due today');
    expect(text).toContain("Money owed");
    expect(text).toMatch(/@tom.*\$777\.00/s);
    expect(text).toContain("Latest figures, last seven days");
    const remind = buttonsOf(view as never).find((b) => b.text.text === "Remind @kate");
    expect(JSON.parse(remind!.value).command).toBe('/campaign remind "Spring Launch" @kate');
    expect(published(h, "UKATE")).toHaveLength(0);
  });

  test("a linked creator gets their own /my, nothing of the team's", async () => {
    expect(await postEvent(h.adapter.eventsUrl!, homeOpened("UKATE"))).toBe(200);
    const [view] = await waitForPublish(h, "UKATE", 1);
    const text = messageText(view as never);
    expect(text).toContain("@kate: your campaigns");
    expect(text).toContain("KATE15");
    expect(text).not.toContain("Money owed");
    expect(text).not.toContain("TOM25");
    expect(text).not.toContain("@tom");
  });

  test("a click on a Home tab button (no response URL) runs its command as the clicker, answers in a DM and publishes the tab again", async () => {
    const [view] = await waitForPublish(h, "UADA", 1);
    const remind = buttonsOf(view as never).find((b) => b.text.text === "Remind @kate")!;
    const before = published(h, "UADA").length;
    const payload = {
      type: "block_actions",
      team: { id: TEAM, domain: "home" },
      user: { id: "UADA", username: "ada", name: "ada", team_id: TEAM },
      api_app_id: "A0FAKE",
      token: "verification-token-unused",
      container: { type: "view", view_id: "VH1" },
      trigger_id: "1.2.3",
      view: { id: "VH1", type: "home", blocks: [] },
      actions: [{ type: "button", action_id: remind.action_id, block_id: "b1", value: remind.value, text: remind.text, action_ts: `${Date.now() / 1000}` }],
      is_enterprise_install: false,
    };
    expect((await postInteraction(h.adapter.eventsUrl!, payload)).status).toBe(200);
    const dm = await h.fake.waitFor(() => h.fake.callsOf("chat.postMessage").find((c) => c.params.channel === "DUADA"), "the click's answer in a DM");
    expect(`${dm.params.text} ${dm.params.blocks}`).toContain("@kate");
    await waitForPublish(h, "UADA", before + 1);
    const queued = await h.bot.core.db.reminderRun.count({ where: { occasion: { startsWith: "now:" } } });
    expect(queued).toBe(1);
  });

  test("a linked creator's I posted it on the Home tab opens its form; the submission logs the post, answers in a DM and publishes the tab again", async () => {
    const [view] = await waitForPublish(h, "UKATE", 1);
    const posted = buttonsOf(view as never).find((b) => b.text.text === "I posted it")!;
    expect(JSON.parse(posted.value)).toMatchObject({ command: '/post log handle:kate campaign:"Spring Launch"', ask: ["url"] });
    const before = published(h, "UKATE").length;
    const opens = h.fake.callsOf("views.open").length;
    const payload = {
      type: "block_actions",
      team: { id: TEAM, domain: "home" },
      user: { id: "UKATE", username: "kate", name: "kate", team_id: TEAM },
      api_app_id: "A0FAKE",
      token: "verification-token-unused",
      container: { type: "view", view_id: "VH2" },
      trigger_id: "1.2.4",
      view: { id: "VH2", type: "home", blocks: [] },
      actions: [{ type: "button", action_id: posted.action_id, block_id: "b1", value: posted.value, text: posted.text, action_ts: `${Date.now() / 1000}` }],
      is_enterprise_install: false,
    };
    expect((await postInteraction(h.adapter.eventsUrl!, payload)).status).toBe(200);
    const form = JSON.parse((await h.fake.waitFor(() => h.fake.callsOf("views.open")[opens], "views.open")).params.view!) as Record<string, any>;
    const url = "https://www.tiktok.com/@kate/video/9050";
    expect((await postInteraction(h.adapter.eventsUrl!, viewSubmission(form, { url }, kate))).status).toBe(200);
    const dm = await h.fake.waitFor(() => h.fake.callsOf("chat.postMessage").find((c) => c.params.channel === "DUKATE"), "the form's answer in a DM");
    expect(`${dm.params.text} ${dm.params.blocks}`).toContain("@kate");
    const stored = await h.bot.core.db.post.findFirst({ where: { url }, include: { creator: true } });
    expect(stored?.creator.handle).toBe("kate");
    const views = await waitForPublish(h, "UKATE", before + 1);
    expect(messageText(views.at(-1) as never)).toContain("Nothing due");
  });

  test("the Messages tab opening publishes nothing; a person's own change publishes their home again", async () => {
    const before = published(h, "UADA").length;
    expect(await postEvent(h.adapter.eventsUrl!, homeOpened("UADA", "messages"))).toBe(200);
    // The change below is published after; had the messages tab published, there would be two.
    await h.send('/post log https://www.tiktok.com/@kate/video/9002 kate "Spring Launch" views:1k', ada);
    const views = await waitForPublish(h, "UADA", before + 1);
    const latest = messageText(views.at(-1) as never);
    expect(latest).toContain("Deliverables due this week (0)");
    expect(published(h, "UADA")).toHaveLength(before + 1);
  });

  test("a change sent from a form (a bare /post log) or a button on a message publishes the person's home again, as a typed one does", async () => {
    let count = published(h, "UADA").length;
    for (const line of ["/creator add lin tiktok 5k owner:<@UADA|ada>", '/campaign enroll "Spring Launch" lin fee:$100 due:today']) {
      expect((await h.send(line, { ...ada, markup: true })).ack?.response_type, line).toBe("in_channel");
      await waitForPublish(h, "UADA", ++count);
    }
    expect(messageText(published(h, "UADA").at(-1) as never)).toContain("Deliverables due this week (1)");

    // A message's button: Remind @lin on the reply of a typed /home.
    const typedHome = await h.send("/home", ada);
    const remind = buttonsOf(typedHome.ack).find((b) => b.text.text === "Remind @lin")!;
    expect((await postInteraction(h.adapter.eventsUrl!, blockActions(remind, h.fake.responseUrl("home-remind"), ada))).status).toBe(200);
    const remindAnswer = await h.fake.waitFor(() => h.fake.responsesTo("home-remind")[0], "the click's answer");
    expect(messageText(remindAnswer as never)).toContain("@lin");
    await waitForPublish(h, "UADA", ++count);
    expect(await h.bot.core.db.reminderRun.count({ where: { occasion: { startsWith: "now:" } } })).toBe(2);

    // The form a bare /post log opens: its submission logs the post, and the tab shows nothing due.
    const opens = h.fake.callsOf("views.open").length;
    await h.send('/post log handle:lin campaign:"Spring Launch"', ada);
    const form = JSON.parse((await h.fake.waitFor(() => h.fake.callsOf("views.open")[opens], "views.open")).params.view!) as Record<string, any>;
    const url = "https://www.tiktok.com/@lin/video/9100";
    expect((await postInteraction(h.adapter.eventsUrl!, viewSubmission(form, { url }, ada))).status).toBe(200);
    const views = await waitForPublish(h, "UADA", ++count);
    expect(await h.bot.core.db.post.count({ where: { url } })).toBe(1);
    expect(messageText(views.at(-1) as never)).toContain("Deliverables due this week (0)");
  });

  test("the manifest turns the Home tab on and subscribes to app_home_opened", () => {
    const m = slackManifest(commands, { requestUrl: "https://bot.example.com/slack/events" });
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.event_subscriptions).toEqual({ request_url: "https://bot.example.com/slack/events", bot_events: ["app_home_opened", "message.im"] });
  });
});

describe("the App Home tab over Socket Mode", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: USERS, socketMode: true });
    await setUp(h);
  }, 60_000);
  afterAll(() => h?.close());

  test("app_home_opened over the socket publishes the person's view", async () => {
    await h.fake.sendEventEnvelope(homeOpened("UKATE"));
    const [view] = await waitForPublish(h, "UKATE", 1);
    expect(messageText(view as never)).toContain("@kate: your campaigns");
  });
});
