// The bot's HTTP server: routes beside Slack's on one HOST:PORT, 404 and 405 for what nobody
// serves, 413 for a body over the limit, and a route that throws answered 500 without ending
// anything.

import { afterAll, beforeAll, expect, test } from "vitest";
import { readBody, startHttpServer, type RunningHttpServer } from "../../../src/platforms/shared/http-server.ts";
import { silentLogger } from "../../../src/log.ts";

let running: RunningHttpServer;
beforeAll(async () => {
  running = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    log: silentLogger(),
    routes: [
      {
        method: "POST",
        path: "/shop/*",
        handle: async (req, res) => {
          const body = await readBody(req, 100);
          res.writeHead(200, { "content-type": "text/plain" }).end(`${req.url} got ${body.length} bytes`);
        },
      },
      {
        method: "GET",
        path: "/broken",
        handle: () => {
          throw new Error("a route's own bug");
        },
      },
    ],
  });
});
afterAll(() => new Promise<void>((resolve) => running?.server.close(() => resolve())));

const call = async (method: string, path: string, body?: string) => {
  const res = await fetch(`${running.baseUrl}${path}`, { method, body });
  return { status: res.status, text: await res.text() };
};

test("a prefix route takes every path under it; other paths are 404, other methods 405", async () => {
  expect(await call("POST", "/shop/orders/42", "hello")).toEqual({ status: 200, text: "/shop/orders/42 got 5 bytes" });
  expect((await call("POST", "/shopping")).status).toBe(404);
  expect((await call("GET", "/shop/orders")).status).toBe(405);
  expect((await call("GET", "/")).status).toBe(404);
  expect((await call("POST", "/shop/big", "x".repeat(200))).status).toBe(413);
});

test("a route that throws is answered 500 and the server keeps serving", async () => {
  expect((await call("GET", "/broken")).status).toBe(500);
  expect((await call("POST", "/shop/x", "1")).status).toBe(200);
});
