// A lean load generator for signed Slack commands: node:http with kept-alive connections (the
// same client for the bot and the bare Bolt app, so its own cost is the same on both sides),
// a closed loop of N requests with C in flight, the time of each from send to the last byte of
// the acknowledgement.

import http from "node:http";
import { signedHeaders } from "../../test/platforms/slack/slack-request.ts";

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

export interface LoopResult {
  latencies: number[];
  failures: number;
  firstFailure: string | null;
  wallMs: number;
}

/**
 * Sends `count` requests, `concurrency` at a time; `body(i)` is the i-th form body and
 * `accept` says whether an answer is the expected one (a wrong answer is counted, not timed).
 */
export async function closedLoop(
  target: SlackTarget,
  count: number,
  concurrency: number,
  body: (i: number) => string,
  accept: (answer: Answer) => boolean,
): Promise<LoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const payload = body(next++);
      const sent = performance.now();
      try {
        const answer = await postSignedForm(agent, target, payload);
        const ms = performance.now() - sent;
        if (accept(answer)) latencies.push(ms);
        else {
          failures++;
          firstFailure ??= `${answer.status} ${answer.body.slice(0, 300)}`;
        }
      } catch (error) {
        failures++;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { latencies, failures, firstFailure, wallMs };
}
