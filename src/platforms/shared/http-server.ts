// The bot's one HTTP server on HOST:PORT, shared by every door that takes requests from outside
// (Slack's HTTP mode at /slack/events; later ones add their routes beside it). Whoever sends a
// request holds only their own socket: a request must arrive whole within REQUEST_TIMEOUT_MS
// (headers and body; Node answers 408 and closes the socket), a body is read up to
// BODY_LIMIT_BYTES (413 beyond), and nothing is done for a request before its body has arrived.
// A route's failure is answered 500 and logged: no request ends the process.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../log.ts";

/** The largest body a route reads; Slack's own requests are a few kilobytes. */
export const BODY_LIMIT_BYTES = 1_000_000;
/** How long a request may take to arrive, headers and body together. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface HttpRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** An exact path (`/slack/events`), or a prefix ending in `/*` (`/shop/*` takes `/shop/orders`). */
  path: string;
  /** Answers the request; read its body with readBody(). A throw or rejection is answered 500 (413 for BodyTooLarge). */
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/**
 * The request's whole body, at most `limit` bytes: rejects with BodyTooLarge beyond (a declared
 * Content-Length over the limit is refused before anything is read), and with an error when the
 * client goes away or the server's request timeout ends the request first.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (error) {
        // Whatever else arrives is not kept.
        req.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyTooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = (error: Error) => finish(error);
    const onClose = () => finish(new Error("the request ended before its body arrived"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** An answer without a body (`Connection: close` when the request's body was not read to its end). */
export function answerEmpty(res: ServerResponse, status: number, close = false): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, close ? { connection: "close", "content-length": "0" } : { "content-length": "0" });
  res.end();
}

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function routeFor(routes: readonly HttpRoute[], method: string | undefined, path: string): HttpRoute | "wrong method" | null {
  const matching = routes.filter((r) => (r.path.endsWith("/*") ? path.startsWith(r.path.slice(0, -1)) : path === r.path));
  if (matching.length === 0) return null;
  return matching.find((r) => r.method === method) ?? "wrong method";
}

export interface HttpServerOptions {
  host: string;
  port: number;
  routes: readonly HttpRoute[];
  log: Logger;
}

export interface RunningHttpServer {
  server: Server;
  /** `http://host:port`, with the port actually bound. */
  baseUrl: string;
}

/** Listens on host:port and hands each request to its route; 404 for any other path, 405 for another method. */
export async function startHttpServer({ host, port, routes, log }: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer(
    {
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: REQUEST_TIMEOUT_MS,
      // Node looks for requests past their timeout this often (30 s by default).
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: 5000,
    },
    (req, res) => void serve(req, res),
  );
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = safePath(req.url);
    const route = path === null ? null : routeFor(routes, req.method, path);
    if (route === null || route === "wrong method") {
      req.resume();
      answerEmpty(res, route === null ? 404 : 405);
      return;
    }
    try {
      await route.handle(req, res);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        answerEmpty(res, 413, true);
        return;
      }
      log.error({ err: error, path }, "http request failed");
      answerEmpty(res, 500, true);
    }
  };
  // A client that breaks the protocol, or whose request outlives its timeout, gets Node's own
  // answer (400, 408, 431) and its socket closed: no clientError listener, on purpose.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => log.error({ err: error }, "http server error"));
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { server, baseUrl: `http://${shownHost}:${address.port}` };
}

/** The request's path, or null when its target cannot be read as one. */
function safePath(url: string | undefined): string | null {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return null;
  }
}
