// Where the bot's response_url posts go during the latency runs: a lean HTTP server on 127.0.0.1
// that notes when each reply arrived and what it said, so a command answered after its
// acknowledgement is timed to its reply too.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Arrival {
  /** performance.now() when the post had been read. */
  at: number;
  body: string;
}

export class ResponseSink {
  /** The posts to each response URL, in the order they came. */
  readonly arrived = new Map<string, Arrival[]>();
  private readonly waiters = new Map<string, () => void>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<ResponseSink> {
    let sink: ResponseSink | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const at = performance.now();
        const id = decodeURIComponent((req.url ?? "/").slice("/respond/".length));
        const posts = sink!.arrived.get(id) ?? [];
        posts.push({ at, body: Buffer.concat(chunks).toString("utf8") });
        sink!.arrived.set(id, posts);
        sink!.waiters.get(id)?.();
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    sink = new ResponseSink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return sink;
  }

  url(id: string): string {
    return `${this.baseUrl}/respond/${encodeURIComponent(id)}`;
  }

  /** The first post to `id` that `accept` takes (a reply, not a "Working on it…" note). */
  find(id: string, accept: (body: string) => boolean): Arrival | undefined {
    return this.arrived.get(id)?.find((a) => accept(a.body));
  }

  /** Resolves when every id has had a post `accept` takes, or after `timeoutMs` (the rest stay missing). */
  async waitForAll(ids: Iterable<string>, accept: (body: string) => boolean, timeoutMs: number): Promise<void> {
    const missing = [...ids].filter((id) => !this.find(id, accept));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    const all = Promise.all(
      missing.map(
        (id) =>
          new Promise<void>((resolve) =>
            this.waiters.set(id, () => {
              if (this.find(id, accept)) resolve();
            }),
          ),
      ),
    );
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    for (const id of missing) this.waiters.delete(id);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
