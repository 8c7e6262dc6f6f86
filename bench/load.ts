// A lean load generator for signed Slack commands: node:http with kept-alive connections (the
// same client for the bot and the bare Bolt app, so its own cost is the same on both sides),
// a closed loop of N requests with C in flight, the time of each from send to the last byte of
// the acknowledgement (and, for a command acknowledged empty, when it was sent, so its reply at
// the response URL can be timed too).

import http from "node:http";
import { signedHeaders } from "../test/platforms/slack/slack-request.ts";

export interface Answer {
  status: number;
  body: string;
}

export interface SlackTarget {
  name: string;
  url: string;
  signingSecret: string;
}

export function postSignedForm(agent: http.Agent, target: SlackTarget, body: string): Promise<Answer> {
  const url = new URL(target.url);
  const headers = { ...signedHeaders(target.signingSecret, body), "Content-Length": String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/** How an acknowledgement answered: with the reply, or empty (the reply follows at the response URL). */
export type Verdict = "reply" | "later" | false;

export interface Request {
  body: string;
  /** Names the request's response URL. */
  id: string;
}

export interface LoopResult {
  /** Time to the acknowledgement of every accepted request (ms). */
  latencies: number[];
  /** Accepted requests whose acknowledgement was the reply: its time is the ack's. */
  answered: number[];
  /** Accepted requests acknowledged empty: when each was sent, to time its reply when it comes. */
  later: Array<{ id: string; sentAt: number }>;
  failures: number;
  firstFailure: string | null;
  wallMs: number;
}

/**
 * Sends `count` requests, `concurrency` at a time; `request(i)` is the i-th and `accept` says
 * whether an answer is the expected one (a wrong answer is counted, not timed). With `openFirst`,
 * the loop's connections are opened before the clock starts, by one untimed request each sent
 * at once: what is timed is then the requests, not the setting up of `concurrency` connections
 * at the start of every loop (bursts on new connections are timed apart, in burst.ts).
 */
export async function closedLoop(
  target: SlackTarget,
  count: number,
  concurrency: number,
  request: (i: number) => Request,
  accept: (answer: Answer) => Verdict,
  openFirst?: () => Request,
): Promise<LoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const result: LoopResult = { latencies: [], answered: [], later: [], failures: 0, firstFailure: null, wallMs: 0 };
  if (openFirst) {
    const opened = await Promise.allSettled(Array.from({ length: concurrency }, () => postSignedForm(agent, target, openFirst().body)));
    const failed = opened.find((o) => o.status === "rejected");
    if (failed) throw new Error(`${target.name}: could not open the loop's connections (${(failed.reason as Error).message})`);
  }
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const { body, id } = request(next++);
      const sentAt = performance.now();
      try {
        const answer = await postSignedForm(agent, target, body);
        const ms = performance.now() - sentAt;
        const verdict = accept(answer);
        if (verdict) {
          result.latencies.push(ms);
          if (verdict === "reply") result.answered.push(ms);
          else result.later.push({ id, sentAt });
        } else {
          result.failures++;
          result.firstFailure ??= `${answer.status} ${answer.body.slice(0, 300)}`;
        }
      } catch (error) {
        result.failures++;
        result.firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  result.wallMs = performance.now() - started;
  agent.destroy();
  return result;
}
