// Posts to commands' response_urls without Bolt's request (a recovered command, a button click,
// a form's answer, an order import): Slack takes JSON there for 30 minutes, five posts at most
// (deliver.ts counts them). A plain node:http(s) request on a few kept-alive connections: global
// fetch (undici and web streams) cost several times the CPU per post, taken from the
// acknowledgements sharing the event loop (docs/performance.md, "The acknowledgement").

import http from "node:http";
import https from "node:https";

export interface ResponseUrlPosterOptions {
  /** The whole post: waiting for a connection, sending, the answer and its body. */
  timeoutMs?: number;
  /** Connections at once per host (response URLs are all on hooks.slack.com). */
  maxSockets?: number;
}

const TIMEOUT_MS = 15_000;
/** Below the ~5 s a server keeps an idle connection, so a post does not take one being closed. */
const IDLE_MS = 4_000;

/** The adapter's response-URL posts and their connections; `close()` at stop ends them. */
export class ResponseUrlPoster {
  private readonly timeoutMs: number;
  private readonly agents: { "http:": http.Agent; "https:": https.Agent };

  constructor(options: ResponseUrlPosterOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, maxFreeSockets: options.maxSockets ?? 8, timeout: IDLE_MS, scheduling: "lifo" as const };
    this.agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };
  }

  /** Posts `message` as JSON; rejects on a non-2xx answer (`code: http_<status>`), a network error or the timeout. */
  readonly post = (url: string, message: unknown): Promise<void> => {
    // Never the URL in an error: it lets anyone answer the command.
    const target = URL.canParse(url) ? new URL(url) : null;
    const protocol = target?.protocol;
    if (!target || (protocol !== "http:" && protocol !== "https:")) return Promise.reject(Object.assign(new Error("the response URL is not an http(s) URL"), { code: "bad_url" }));
    const body = Buffer.from(JSON.stringify(message), "utf8");
    const request = protocol === "https:" ? https.request : http.request;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const req = request(target, {
        method: "POST",
        agent: this.agents[protocol] as http.Agent,
        headers: { "content-type": "application/json", "content-length": body.length },
      });
      const timer = setTimeout(() => {
        settle(Object.assign(new Error(`the response URL did not answer in ${this.timeoutMs} ms`), { code: "timeout" }));
        req.destroy();
      }, this.timeoutMs);
      req.on("error", (error) => settle(error));
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        res.on("error", (error) => settle(error));
        res.on("aborted", () => settle(Object.assign(new Error("the response URL's answer was cut off"), { code: "aborted" })));
        // Drained, so the connection goes back to the pool.
        res.on("end", () =>
          settle(status >= 200 && status < 300 ? undefined : Object.assign(new Error(`the response URL answered ${status}`), { code: `http_${status}` })),
        );
        res.resume();
      });
      req.end(body);
    });
  };

  /** Ends the kept-alive connections (posts still running are cut off). */
  close(): void {
    this.agents["http:"].destroy();
    this.agents["https:"].destroy();
  }
}
