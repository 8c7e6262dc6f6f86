// A Slack request is in the foreground from its arrival until it is answered, and a new
// connection until its first request: meanwhile the database work of commands already
// acknowledged waits (so a burst is acknowledged first); and a command answered in its own
// acknowledgement is not held up by its own request.

import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { foreground } from "../../../src/core/foreground.ts";
import { onPostgres } from "../../helpers/core.ts";
import { commandPayload, messageText, SIGNING_SECRET, startSlackHarness, type SlackHarness } from "./slack-side.ts";
import { signedHeaders } from "./slack-request.ts";
import { CONNECTION_FOREGROUND_MS } from "../../../src/platforms/slack/foreground-requests.ts";

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

test.skipIf(onPostgres)("a database statement waits while a new connection has not sent its request yet, and runs once it is answered", async () => {
  const url = new URL(h.adapter.eventsUrl!);
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  try {
    await vi.waitFor(() => expect(foreground.size).toBe(1));
    let counted = false;
    const held = h.bot.db.creator.count().then((n) => {
      counted = true;
      return n;
    });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(counted).toBe(false);

    // The connection's request comes and is answered: the statement runs.
    const body = new URLSearchParams(commandPayload("/help", { team: "T-FG" }, "http://127.0.0.1:9/unused")).toString();
    const headers = { ...signedHeaders(SIGNING_SECRET, body), "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) };
    const head = [`POST ${url.pathname} HTTP/1.1`, `Host: ${url.host}`, "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join("\r\n");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    const ended = new Promise<void>((resolve) => socket.once("end", resolve));
    socket.write(`${head}\r\n\r\n${body}`);
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain("/creator");
    expect(await held).toBe(1);
    await vi.waitFor(() => expect(foreground.size).toBe(0));
  } finally {
    socket.destroy();
  }
});

test("a connection that sends nothing stops holding work back after a moment, and one that closes at once", async () => {
  const url = new URL(h.adapter.eventsUrl!);
  const idle = net.connect(Number(url.port), url.hostname);
  const closing = net.connect(Number(url.port), url.hostname);
  try {
    await vi.waitFor(() => expect(foreground.size).toBe(2));
    closing.destroy();
    await vi.waitFor(() => expect(foreground.size).toBe(1));
    await vi.waitFor(() => expect(foreground.size).toBe(0), { timeout: CONNECTION_FOREGROUND_MS * 4 });
    expect(idle.destroyed).toBe(false);
  } finally {
    idle.destroy();
    closing.destroy();
  }
});
