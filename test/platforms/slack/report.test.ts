// /report and /digest from Slack: slow work is acknowledged at once and delivered through the
// response URL; format:csv arrives as a file through files.uploadV2's three steps, with the CSV
// bytes; a digest schedule belongs to the channel it was typed in.

import { afterAll, beforeAll, expect, test } from "vitest";
import { CSV_COLUMNS } from "../../../src/reports/report-csv.ts";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
const who = { team: "T-REPORT", user: "UADMIN", channel: "C-MARKETING" };

beforeAll(async () => {
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true } } });
  for (const line of [
    '/campaign new "Spring Launch" budget:$5,000 start:2026-12-01 end:2026-12-31',
    "/creator add @kate tiktok 48k",
    "/creator add @zoe instagram 9k",
    '/campaign enroll "Spring Launch" @kate fee:$300',
    '/campaign enroll "Spring Launch" @zoe fee:$100',
    '/post log https://www.tiktok.com/@kate/video/123 kate "Spring Launch" views:12k likes:900 comments:40 disclosed:yes',
  ]) {
    const sent = await h.send(line, who);
    expect(messageText(sent.ack)).not.toContain(":warning:");
  }
});
afterAll(() => h?.close());

test("/report acknowledges at once and posts the report to the channel through the response URL", async () => {
  const sent = await h.send('/report "Spring Launch"', who);
  expect(sent.ack!.response_type).toBe("ephemeral");
  expect(messageText(sent.ack)).toBe("Working on /report…");
  const [report] = await sent.waitForResponses(1);
  expect(report!.response_type).toBe("in_channel");
  expect(report!.replace_original).toBe(false);
  expect(messageText(report)).toContain("Report: Spring Launch");
  expect(report!.text!.length).toBeGreaterThan(0);
});

test("/report format:csv arrives as a file in the channel through the three-step upload", async () => {
  const uploadsBefore = h.fake.uploads.length;
  const sent = await h.send('/report "Spring Launch" format:csv', who);
  expect(messageText(sent.ack)).toBe("Working on /report…");
  const complete = await h.fake.waitFor(() => h.fake.callsOf("files.completeUploadExternal").at(-1), "files.completeUploadExternal");
  const [message] = await sent.waitForResponses(1);
  expect(messageText(message)).toContain("CSV report");

  const getUrl = h.fake.callsOf("files.getUploadURLExternal").at(-1)!;
  expect(getUrl.params.filename).toMatch(/^report-.*\.csv$/);
  expect(h.fake.uploads.length).toBe(uploadsBefore + 1);
  const upload = h.fake.uploads.at(-1)!;
  expect(Number(getUrl.params.length)).toBe(upload.bytes.length);
  expect(complete.params.channel_id).toBe("C-MARKETING");
  expect(JSON.parse(complete.params.files!)[0].id).toBe(upload.fileId);

  const lines = upload.bytes.toString("utf8").trim().split(/\r?\n/);
  expect(lines[0]).toBe(CSV_COLUMNS.join(","));
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["kate", "zoe", "TOTAL"]);
});

test("/digest schedule keeps the Slack channel it was typed in; a member may not; /digest now is acked first", async () => {
  const refused = await h.send('/digest schedule "Spring Launch" daily 09:00', { ...who, user: "UMEMBER" });
  expect(messageText(refused.ack)).toContain("Only admins can use /digest schedule.");

  const scheduled = await h.send('/digest schedule "Spring Launch" daily 09:00 tz:Europe/Berlin', who);
  expect(scheduled.ack!.response_type).toBe("in_channel");
  expect(messageText(scheduled.ack)).toContain("Scheduled digest #");
  const schedule = await h.bot.db.digestSchedule.findFirst({ where: { workspace: { platform: "slack", externalId: "T-REPORT" } } });
  expect(schedule).toMatchObject({ channelId: "C-MARKETING", time: "09:00", timeZone: "Europe/Berlin" });

  const uploadsBefore = h.fake.uploads.length;
  const now = await h.send('/digest now "Spring Launch"', who);
  expect(messageText(now.ack)).toBe("Working on /digest now…");
  const [digest] = await now.waitForResponses(1);
  expect(messageText(digest)).toContain("Spring Launch");
  // Its charts are drawn locally and uploaded into the channel as PNGs.
  const pngs = await h.fake.waitFor(() => h.fake.uploads.length === uploadsBefore + 3 && h.fake.uploads.slice(uploadsBefore), "the digest's three charts");
  for (const png of pngs) {
    expect(png.filename).toMatch(/\.png$/);
    expect(png.bytes.subarray(0, 4).toString("hex")).toBe("89504e47");
  }
});
