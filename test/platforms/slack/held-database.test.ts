// SQLite: another process holds the database file's write lock (the shell in a long transaction,
// a long command) while slash commands arrive. Their acknowledgements do not wait for it: each is
// acknowledged "Working on it…" with its inbox row kept in the side file (not the locked main
// file), so when the bot dies before the lock is let go, the restarted bot runs each once and
// answers it (issue 18).

import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sideFileOf, SideFileStore } from "../../../src/db/acknowledgement-store.ts";
import { sqliteFile } from "../../../src/db/client.ts";
import { CRASH_TEST_MS, CRASH_WAIT_MS, crashScene, dollars, expectAnsweredOnce, expectStoredOnce } from "../../helpers/crash.ts";
import { onPostgres } from "../../helpers/database.ts";
import { FakeSlack } from "./fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, commandPayload, messageText, postSigned } from "./slack-side.ts";

const TEAM = "T-HELD";
const COMMANDS = 3;

interface Connection {
  exec(sql: string): void;
  close(): void;
}
const openSqlite = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Connection;

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
});
afterAll(() => fake?.close());

test.skipIf(onPostgres)("commands acknowledged while another process holds the SQLite file are kept, and run once after the bot restarts", async () => {
  const scene = await crashScene("slack-held", { platform: "slack", workspaceId: TEAM, userId: "U1", userName: "u1", channelId: "C1" });
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0" };
  const first = scene.start(env);
  const url = (await first.logs.waitFor("slack adapter started", CRASH_WAIT_MS)).url as string;

  const file = sqliteFile(scene.databaseUrl);
  const holder = new openSqlite(file);
  holder.exec("BEGIN IMMEDIATE");
  let held = true;
  const letGo = () => {
    if (!held) return;
    held = false;
    holder.exec("ROLLBACK");
    holder.close();
  };
  try {
    const acks = await Promise.all(
      Array.from({ length: COMMANDS }, async (_, i) => {
        const body = new URLSearchParams(commandPayload(`/code redeem KATE15 ${dollars(i)}`, { team: TEAM, user: "U1" }, fake.responseUrl(`h${i}`))).toString();
        const answer = await postSigned(url, body);
        return answer.status === 200 ? messageText(answer.body) : `HTTP ${answer.status}`;
      }),
    );
    expect(acks).toEqual(Array.from({ length: COMMANDS }, () => "Working on it…"));
    // Kept while the main file is still locked: in the side file.
    const side = new SideFileStore(sideFileOf(file));
    try {
      const kept = (await side.rows()).map((r) => r.replyTo).sort();
      expect(kept).toEqual(Array.from({ length: COMMANDS }, (_, i) => fake.responseUrl(`h${i}`)).sort());
    } finally {
      side.close();
    }
    // The bot dies before the lock is let go: none of them ran.
    await first.kill("SIGKILL");
  } finally {
    letGo();
  }
  expect(fake.responses).toEqual([]);

  const second = scene.start(env);
  await second.logs.waitFor("slack adapter started", CRASH_WAIT_MS);
  const all = Array.from({ length: COMMANDS }, (_, i) => i);
  await fake.waitFor(() => all.every((i) => fake.responsesTo(`h${i}`).length > 0), "an answer to every acknowledged command", CRASH_WAIT_MS);
  await second.kill("SIGTERM");
  expect((await second.exited).code).toBe(0);

  expectStoredOnce(await scene.stored(), all);
  for (const i of all) {
    expectAnsweredOnce(i, fake.responsesTo(`h${i}`).map(messageText));
    // Run by the restarted bot: its result, not a note.
    expect(fake.responsesTo(`h${i}`).map(messageText)[0]).toContain(`KATE15: 1 order, ${dollars(i)}`);
  }
  expect(await scene.leftInInbox()).toEqual(new Set());
}, CRASH_TEST_MS);
