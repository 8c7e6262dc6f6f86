// A Slack request is in the foreground from its arrival until it is answered: meanwhile the
// database work of commands already acknowledged waits (so a burst is acknowledged first); and a
// command answered in its own acknowledgement is not held up by its own request.

import http from "node:http";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { foreground } from "../../../src/core/foreground.ts";
import { onPostgres } from "../../helpers/core.ts";
import { commandPayload, messageText, SIGNING_SECRET, startSlackHarness, type SlackHarness } from "./slack-side.ts";
import { signedHeaders } from "./slack-request.ts";

let h: SlackHarness;
let savedWait: number;

beforeAll(async () => {
  h = await startSlackHarness();
  // Long enough that only the foreground closing can let a held statement run.
  savedWait = foreground.maxWaitMs;
  foreground.maxWaitMs = 60_000;
});
afterAll(async () => {
  foreground.maxWaitMs = savedWait;
  await h?.close();
});

test("a command answered in its acknowledgement runs at once, not held by its own request", async () => {
  await h.send("/creator add @kate tiktok 48k", { team: "T-FG" });
  const sent = await h.send("/creator list", { team: "T-FG" });
  expect(sent.status).toBe(200);
  expect(messageText(sent.ack)).toContain("@kate");
  expect(foreground.size).toBe(0);
});

test.skipIf(onPostgres)("a database statement waits while a Slack request is still arriving, and runs once it is answered", async () => {
  const body = new URLSearchParams(commandPayload("/help", { team: "T-FG" }, "http://127.0.0.1:9/unused")).toString();
  const url = new URL(h.adapter.eventsUrl!);
  const headers = { ...signedHeaders(SIGNING_SECRET, body), "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) };
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    // The headers and the first bytes: the bot has the request, not yet all of its body.
    req.write(body.slice(0, 20));
    void vi
      .waitFor(() => expect(foreground.size).toBe(1))
      .then(async () => {
        held = h.bot.db.creator.count().then((n) => {
          counted = true;
          return n;
        });
        for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
        countedWhileArriving = counted;
        req.end(body.slice(20));
      }, reject);
  });
  let held: Promise<number> | null = null;
  let counted = false;
  let countedWhileArriving: boolean | null = null;

  const answer = await answered;
  expect(answer.status).toBe(200);
  expect(answer.text).toContain("/creator");
  expect(countedWhileArriving).toBe(false);
  expect(await held).toBe(1);
  expect(foreground.size).toBe(0);
});
