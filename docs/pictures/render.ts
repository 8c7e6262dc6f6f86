// `npm run docs:pictures`: the pictures of the bot's buttons in the README and docs, drawn from
// real replies. It runs the bot's own commands on a temporary SQLite workspace (a fixed clock, so
// the pictures only change when the messages do), takes the neutral replies and draws each as a
// chat message card (card.ts) into docs/pictures/*.png.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createReminderRunner } from "../../jobs/reminder-runner.ts";
import { createCore } from "../../src/create-core.ts";
import type { Caller } from "../../src/core/dispatch.ts";
import type { Reply } from "../../src/core/reply.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { drawReplyCard } from "./card.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const URL1 = "https://www.tiktok.com/@kate/video/7001";
/** The clock the commands run on: Tuesday 8 December 2026, 09:02 UTC. */
const NOW = new Date("2026-12-08T09:02:00Z");

/** Each picture: its file name under docs/pictures/ and the reply it shows. */
export interface Picture {
  file: string;
  reply: Reply;
}

/** The replies the pictures show, made by running the commands on a fresh database. */
export async function buildReplies(): Promise<Picture[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "campaign-bot-pictures-"));
  const core = await createCore({ databaseUrl: `file:${path.join(dir, "pictures.db")}`, log: silentLogger(), now: () => NOW });
  const as = (who: Partial<Caller> = {}): Caller => ({ platform: "local", workspaceId: "pictures", userId: "alice", userName: "alice", channelId: "C1", ...who });
  const bob = { userId: "bob", userName: "bob" };
  const run = async (line: string, who?: Partial<Caller>): Promise<Reply> => {
    const r = await core.dispatcher.runLine(as(who), line);
    if (r.status !== "ok") throw new Error(`pictures: ${line} failed:\n${renderText(r)}`);
    return r;
  };
  try {
    await run("/help");
    await run("/help", bob);
    for (const line of [
      "/creator add kate tiktok 48k owner:bob",
      "/creator add tom instagram 9k owner:bob",
      '/campaign new "Spring Launch" start:2026-12-01',
      '/campaign enroll "Spring Launch" kate fee:$300 product:$45 commission:10% due:2026-12-10',
      '/campaign enroll "Spring Launch" tom fee:$100 due:2026-12-10',
      '/campaign update "Spring Launch" approval:on review-channel:here approval-days:3',
    ]) {
      await run(line);
    }
    const submitted = await run(`/post submit ${URL1} note:"first cut, music not final"`, bob);
    const review = submitted.deliveries?.[0]?.reply;
    if (!review) throw new Error("pictures: /post submit sent no review message");
    // A campaign judged by engagement: kate engages well (Next wave), tom does not (Pause), mia has not posted (Remind).
    for (const line of [
      "/creator add mia youtube 20k owner:bob",
      '/campaign new "Summer Reach" objective:awareness start:2026-12-01',
      '/campaign enroll "Summer Reach" kate fee:$250 due:2026-12-06',
      '/campaign enroll "Summer Reach" tom fee:$120 due:2026-12-06',
      '/campaign enroll "Summer Reach" mia fee:$200 due:2026-12-10',
      '/post log https://www.tiktok.com/@kate/video/8001 kate "Summer Reach" views:60k likes:5.2k comments:340 shares:210 posted:2026-12-02 disclosed:yes',
      '/post log https://www.instagram.com/p/Cx8Tom01/ tom "Summer Reach" views:30k likes:90 comments:4 posted:2026-12-02 disclosed:yes',
      '/digest schedule "Summer Reach" daily 09:00',
    ]) {
      await run(line);
    }
    const digest = await run('/digest now "Summer Reach"');
    // A reminder as the scheduler sends it: /campaign remind queues it, the reminder runner delivers it to the owner.
    await run('/campaign remind "Spring Launch" @tom');
    const delivered: Reply[] = [];
    const poster = { post: async (_: unknown, r: Reply) => void delivered.push(r), sendPrivately: async (_: unknown, r: Reply) => void delivered.push(r) };
    await createReminderRunner({ db: core.db, log: silentLogger(), posters: { local: poster }, retryDelaysMs: [0] }).runDue(new Date(NOW.getTime() + 60_000));
    const reminder = delivered.find((r) => r.title?.includes("@tom"));
    if (!reminder) throw new Error("pictures: the reminder runner sent no reminder for @tom");
    return [
      { file: "approval-review.png", reply: review },
      { file: "digest-buttons.png", reply: { ...digest, files: [] } },
      { file: "reminder.png", reply: reminder },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const { file, reply } of await buildReplies()) {
    const png = await drawReplyCard(reply);
    writeFileSync(path.join(HERE, file), png);
    console.log(`docs/pictures/${file}: ${Math.round(png.length / 1024)} KB`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
