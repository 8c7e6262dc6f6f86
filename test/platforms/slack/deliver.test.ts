// Delivering a reply: the acknowledgement, the response URL, and files through the real Slack
// SDK's three-step upload against the fake Slack.

import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reply, type Reply } from "../../../src/core/reply.ts";
import type { SlackMessage } from "../../../src/platforms/slack/blocks.ts";
import { deliverReply, RESPONSE_URL_POSTS, type DeliveryTarget } from "../../../src/platforms/slack/deliver.ts";
import { FakeSlack } from "./fake-slack.ts";
import { BOT_TOKEN, messageText } from "./slack-side.ts";

let fake: FakeSlack;
let client: webApi.WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
  client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());

/** A target like the adapter's: the ack recorded here, response_url posts and uploads to the fake. */
function target(id: string, channel = "C1", withAck = true) {
  const acks: SlackMessage[] = [];
  const problems: string[] = [];
  const t: DeliveryTarget = {
    ack: withAck ? async (m) => void acks.push(m) : undefined,
    respond: async (m) => {
      const res = await fetch(fake.responseUrl(id), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(m) });
      if (!res.ok) throw new Error(`response_url ${res.status}`);
    },
    upload: async (file) => {
      await client.filesUploadV2({ channel_id: channel, file: typeof file.data === "string" ? Buffer.from(file.data) : file.data, filename: file.name, title: file.title });
    },
    onProblem: (p) => void problems.push(p),
  };
  return { t, acks, problems };
}

const csv = "handle,tier,followers\nkate,micro,48000\nTOTAL,,\n";

describe("delivering a reply", () => {
  test("a CSV file arrives through files.getUploadURLExternal → upload → files.completeUploadExternal, bytes intact", async () => {
    const r = reply("Spring Launch report", "channel").text("CSV attached.").file({ name: "spring-launch.csv", contentType: "text/csv", data: csv, title: "Spring Launch" }).build();
    const { t, acks } = target("csv-1", "C42");
    await deliverReply(r, t);

    expect(acks).toHaveLength(1);
    expect(acks[0]!.response_type).toBe("in_channel");
    expect(messageText(acks[0])).toContain("CSV attached.");
    const getUrl = fake.callsOf("files.getUploadURLExternal").at(-1)!;
    expect(getUrl.params).toMatchObject({ filename: "spring-launch.csv", length: String(Buffer.byteLength(csv)) });
    expect(getUrl.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const upload = fake.uploads.at(-1)!;
    expect(upload.filename).toBe("spring-launch.csv");
    expect(upload.bytes.toString("utf8")).toBe(csv);
    const complete = fake.callsOf("files.completeUploadExternal").at(-1)!;
    expect(complete.params.channel_id).toBe("C42");
    expect(JSON.parse(complete.params.files!)).toEqual([{ id: upload.fileId, title: "Spring Launch" }]);
  });

  test("a PNG's bytes arrive unchanged", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const r = reply("Chart").file({ name: "chart.png", contentType: "image/png", data: png }).build();
    await deliverReply(r, target("png-1").t);
    expect(fake.uploads.at(-1)!.bytes.equals(png)).toBe(true);
  });

  test("a file the bot may not post in that channel becomes an ephemeral note, not a failure", async () => {
    fake.channelsWithoutBot.add("C-private");
    const r = reply("Report").file({ name: "r.csv", contentType: "text/csv", data: csv }).build();
    const { t, problems } = target("nochan-1", "C-private");
    await deliverReply(r, t);
    const [note] = fake.responsesTo("nochan-1");
    expect(note!.response_type).toBe("ephemeral");
    expect(messageText(note)).toContain("Could not post the file r.csv here (not_in_channel)");
    expect(messageText(note)).toContain("/invite");
    expect(problems).toEqual(["file upload failed"]);
  });

  test("without an ack left, every message goes to the response URL in order", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`@c${i}`, "x".repeat(40)]);
    const r = reply("Big", "channel").table(["handle", "niche"], rows).build();
    await deliverReply(r, target("late-1", "C1", false).t);
    const posts = fake.responsesTo("late-1");
    expect(posts.length).toBeGreaterThan(1);
    const text = posts.map((p) => messageText(p)).join("\n");
    let last = -1;
    for (const [handle] of rows) {
      const at = text.indexOf(`${handle} `);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    for (const p of posts) expect(p.replace_original).toBe(false);
  });

  test("files that could not be posted share one note, and the reply's posts stay within Slack's five", async () => {
    fake.channelsWithoutBot.add("C-none");
    const rows = Array.from({ length: 3000 }, (_, i) => [`@creator${i}`, "n".repeat(60)]);
    let r = reply("Digest", "channel").table(["handle", "niche"], rows).build();
    for (const name of ["a.png", "b.png", "c.png"]) r = { ...r, files: [...r.files, { name, contentType: "image/png", data: Buffer.from([1]) }] };
    await deliverReply(r, target("none-1", "C-none", false).t);
    const posts = fake.responsesTo("none-1");
    expect(posts).toHaveLength(RESPONSE_URL_POSTS);
    expect(messageText(posts.at(-2))).toContain("attached as a text file");
    expect(messageText(posts.at(-1))).toBe(
      "Could not post 4 files (a.png, b.png, c.png, reply.txt) here (not_in_channel). The text file held the rest of this reply. " +
        "To get them, add the app to this channel (type /invite and pick the app) and run the command again; a campaign's figures also come as one CSV file: /report \"&lt;campaign&gt;\" format:csv.",
    );
  });

  test("a reply longer than Slack lets us post arrives whole as a text file", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`@creator${i}`, "n".repeat(60)]);
    const r: Reply = reply("Huge", "channel").table(["handle", "niche"], rows).build();
    const { t, acks } = target("huge-1", "C7");
    await deliverReply(r, t);
    const posts = fake.responsesTo("huge-1");
    expect(acks).toHaveLength(1);
    expect(posts.length).toBeLessThanOrEqual(RESPONSE_URL_POSTS);
    expect(messageText(posts.at(-1))).toContain("attached as a text file");
    const file = fake.uploads.at(-1)!;
    expect(file.filename).toBe("reply.txt");
    const text = file.bytes.toString("utf8");
    for (const [handle] of rows) expect(text).toContain(`${handle} `);
  });
});
