// Posting to a response URL (recovered commands, button clicks, forms, order imports): the JSON
// reaches the server; a refusal or a silent server fails the post without the URL in the error.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { ResponseUrlPoster } from "../../../src/platforms/slack/response-url.ts";

interface Received {
  method?: string;
  path?: string;
  contentType?: string;
  body: unknown;
}

let server: Server;
let base: string;
let answer: (req: IncomingMessage, res: ServerResponse) => void;
const received: Received[] = [];
const posters: ResponseUrlPoster[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, path: req.url, contentType: req.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  received.length = 0;
  for (const poster of posters.splice(0)) poster.close();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function poster(timeoutMs?: number) {
  const p = new ResponseUrlPoster({ timeoutMs });
  posters.push(p);
  return p;
}

const reply = { text: "Campaign report", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Spring launch* — 12 orders, €1,240.00" } }], replace_original: false };

test("the reply's JSON reaches the response URL, and several posts in a row all arrive", async () => {
  answer = (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  const p = poster();
  await p.post(`${base}/commands/T1/123/secret`, reply);
  await Promise.all([1, 2, 3].map((n) => p.post(`${base}/commands/T1/123/secret`, { text: `part ${n}` })));
  expect(received[0]).toEqual({ method: "POST", path: "/commands/T1/123/secret", contentType: "application/json", body: reply });
  expect(received.slice(1).map((r) => (r.body as { text: string }).text).sort()).toEqual(["part 1", "part 2", "part 3"]);
});

test("a refusal fails the post with http_<status>, never showing the URL", async () => {
  answer = (_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("expired_url");
  const url = `${base}/commands/T1/123/secret-token`;
  const error = (await poster().post(url, reply).catch((e: unknown) => e)) as Error & { code?: string };
  expect(error).toBeInstanceOf(Error);
  expect(error.code).toBe("http_404");
  expect(error.message).not.toContain("secret-token");
  expect(error.message).not.toContain(base);
});

test("a server that never answers fails the post after the timeout, never showing the URL", async () => {
  answer = () => undefined; // Read, never answered.
  const url = `${base}/commands/T1/123/secret-token`;
  const error = (await poster(50).post(url, reply).catch((e: unknown) => e)) as Error & { code?: string };
  expect(error).toBeInstanceOf(Error);
  expect(error.code).toBe("timeout");
  expect(error.message).not.toContain("secret-token");
  expect(received).toHaveLength(1);
});

test("a server that is not there fails the post with the network error", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const error = (await poster().post(`http://127.0.0.1:${port}/commands/secret-token`, reply).catch((e: unknown) => e)) as Error & { code?: string };
  expect(error.code).toBe("ECONNREFUSED");
  expect(error.message).not.toContain("secret-token");
});

test("what is not an http(s) URL is refused without being shown", async () => {
  for (const url of ["not a url secret-token", "file:///secret-token"]) {
    const error = (await poster().post(url, reply).catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe("bad_url");
    expect(error.message).not.toContain("secret-token");
  }
});
