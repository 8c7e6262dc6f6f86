// A client without the signing secret that sends its request one byte a second (its body, or
// its headers) holds only its own socket: 30 signed commands are answered while it is still connected, and its request is cut off by the server's request
// timeout (10 s) instead of being held open for minutes.

import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

/** Sends 30 signed /creator add at once and resolves once every one was answered. */
async function thirtyCommands(team: string): Promise<void> {
  await Promise.all(
    Array.from({ length: 30 }, async (_, i) => {
      const sent = await h.send(`/creator add @c${i} tiktok ${i + 1}k`, { team, user: "UADMIN" });
      const final = messageText(sent.ack) === "Working on it…" ? messageText((await sent.waitForResponses(1))[0]) : messageText(sent.ack);
      expect(final).toContain(`Registered @c${i}`);
    }),
  );
}

interface SlowClient {
  socket: Socket;
  /** Resolves with how long after the first byte the server closed the connection, and what it answered. */
  closed: Promise<{ afterMs: number; answer: string }>;
  stop(): void;
}

/**
 * An unsigned request sent one byte a second: its body (`part: "body"`, the headers at once), or
 * its headers themselves (`part: "headers"`).
 */
function slowClient(port: number, part: "body" | "headers"): SlowClient {
  const socket = connect(port, "127.0.0.1");
  const started = performance.now();
  let answer = "";
  socket.on("data", (chunk) => (answer += chunk.toString("utf8")));
  socket.on("error", () => undefined);
  const closed = new Promise<{ afterMs: number; answer: string }>((resolve) => socket.on("close", () => resolve({ afterMs: performance.now() - started, answer })));
  const head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n";
  let rest = part === "body" ? "a".repeat(100_000) : head.slice(20);
  socket.write(part === "body" ? `${head}\r\n` : head.slice(0, 20));
  const dribble = setInterval(() => {
    if (!socket.writable) return;
    socket.write(rest.slice(0, 1));
    rest = rest.slice(1);
  }, 1000);
  socket.on("close", () => clearInterval(dribble));
  return { socket, closed, stop: () => (clearInterval(dribble), socket.destroy()) };
}

test("slow unsigned clients (body or headers a byte a second) neither hold up 30 signed commands nor keep their sockets past the request timeout", async () => {
  await thirtyCommands("T-WARM"); // the first batch pays for loading and compiling

  const port = Number(new URL(h.adapter.eventsUrl!).port);
  const slow = slowClient(port, "body");
  const slowHeaders = slowClient(port, "headers");
  let cutOff = false;
  void Promise.race([slow.closed, slowHeaders.closed]).then(() => (cutOff = true));
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500)); // it is well into its dribble
    // Answered while both slow requests are still open: nothing waited for them to end (a server
    // that did, as the old "foreground" did, answered only after they were cut off at 10 s).
    await thirtyCommands("T-WITH");
    expect(cutOff, "the commands were answered only after a slow client had been cut off").toBe(false);

    // The server ends each slow request with 408 (its 10 s request timeout), instead of holding it for minutes.
    for (const client of [slow, slowHeaders]) {
      const closed = await Promise.race([client.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000))]);
      expect(closed, "a slow client's socket was still open after 60 s").not.toBeNull();
      expect(closed!.answer).toMatch(/^HTTP\/1\.1 408 /);
    }
  } finally {
    slow.stop();
    slowHeaders.stop();
  }
  // Nothing of the slow client's was stored or answered as a command.
  expect(await h.bot.db.workspace.count({ where: { externalId: { startsWith: "T-W" } } })).toBe(2);
}, 180_000);
