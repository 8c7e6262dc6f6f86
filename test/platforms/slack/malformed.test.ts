// Signed requests whose bodies are not what Slack sends, against the bot's own process: each is
// answered 400 (413 when too large), the process stays up, and a proper command still works.
// Bolt 5.1's receiver read `payload=null` or a JSON `null` and threw outside any handler, which
// ended the process.

import { connect } from "node:net";
import { afterAll, beforeAll, expect, onTestFinished, test } from "vitest";
import { spawnBot, type BotProcess } from "../../helpers/bot-process.ts";
import { dropDatabase, freshDatabaseUrl } from "../../helpers/core.ts";
import { FakeSlack } from "./fake-slack.ts";
import { signedHeaders } from "./slack-request.ts";
import { BOT_TOKEN, SIGNING_SECRET, commandPayload, messageText, postSigned, slackBotEnv } from "./slack-side.ts";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
});
afterAll(() => fake?.close());

async function startBot(): Promise<{ bot: BotProcess; url: string }> {
  const databaseUrl = freshDatabaseUrl("malformed");
  onTestFinished(() => dropDatabase(databaseUrl));
  const bot = spawnBot(slackBotEnv(fake.apiUrl, databaseUrl));
  onTestFinished(() => bot.kill("SIGKILL"));
  const started = await bot.logs.waitFor("slack adapter started");
  return { bot, url: started.url as string };
}

/** Posts `body` signed with the right secret, as `contentType`. */
async function postSignedAs(url: string, contentType: string, body: string) {
  const headers = { ...signedHeaders(SIGNING_SECRET, body), "Content-Type": contentType };
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

test("signed bodies that are not objects are answered 400, the process stays up, and a command still works", async () => {
  const { bot, url } = await startBot();
  const malformed: Array<[string, string]> = [
    [FORM, "payload=null"],
    [JSON_TYPE, "null"],
    [FORM, "payload=42"],
    [FORM, `payload=${encodeURIComponent('"text"')}`],
    [FORM, `payload=${encodeURIComponent("[1,2]")}`],
    [FORM, `payload=${encodeURIComponent("{not json")}`],
    [JSON_TYPE, "[]"],
    [JSON_TYPE, "true"],
    [JSON_TYPE, "{broken"],
    [JSON_TYPE, ""],
  ];
  const statuses: number[] = [];
  for (const [type, body] of malformed) {
    statuses.push((await postSignedAs(url, type, body)).status);
    // Anything that ended the process would show here, not at the end.
    expect(bot.child.exitCode).toBeNull();
  }
  expect(statuses).toEqual(malformed.map(() => 400));
  // Objects, signed, but not shaped as Slack sends them: answered somehow, never the process's end.
  const oddShapes = [
    { command: "/creator", text: 5, team_id: "T-ODD", user_id: "U1", response_url: "http://127.0.0.1:9/x" },
    { command: { name: "/creator" }, team_id: "T-ODD", user_id: "U1" },
    { type: "event_callback" },
    { type: "block_actions", actions: null },
    { type: "view_submission", view: null },
  ];
  for (const body of oddShapes) {
    const answer = await postSignedAs(url, JSON_TYPE, JSON.stringify(body));
    expect(answer.status).toBeLessThan(600);
    expect(bot.child.exitCode).toBeNull();
  }

  const payload = commandPayload("/creator add @kate tiktok 48k", { team: "T-MAL", user: "U1" }, fake.responseUrl("mal"));
  const answer = await postSigned(url, new URLSearchParams(payload).toString());
  expect(answer.status).toBe(200);
  // Anything thrown later, outside a request, would have ended the process by now.
  expect(bot.child.exitCode).toBeNull();
  expect(bot.child.signalCode).toBeNull();
  expect(messageText(answer.body) + fake.responsesTo("mal").map(messageText).join("\n")).toContain("Registered @kate");
});

test("Slack's SSL check is answered 200; a body over 1 MB is refused 413 before it is read", async () => {
  const { bot, url } = await startBot();
  const ssl = await fetch(url, { method: "POST", headers: { "Content-Type": FORM }, body: "ssl_check=1&token=unused" });
  expect(ssl.status).toBe(200);

  // A client that announces 2 MB gets 413 without sending any of it.
  const { port } = new URL(url);
  const head = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
      if (received.includes("\r\n")) {
        resolve(received);
        socket.destroy();
      }
    });
    socket.on("error", reject);
    socket.write(`POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: 2000000\r\n\r\n`);
  });
  expect(head).toMatch(/^HTTP\/1\.1 413 /);
  expect(bot.child.exitCode).toBeNull();
});
