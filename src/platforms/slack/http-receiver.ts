// Slack's HTTP mode: a Bolt receiver of our own on the bot's HTTP server (../shared/http-server.ts)
// instead of Bolt's HTTPReceiver, which read bodies of any speed, ended the process on a signed
// body of `null`, accepted timestamps from the future and ran a request as often as it was sent.
//
// POST /slack/events, in order: the body is read (1 MB at most, within the server's 10 s);
// `ssl_check=1` is answered 200; the signature must be Slack's and the timestamp within five
// minutes either way (401); the body must be an object (400); a retry (X-Slack-Retry-Num) is
// answered 200 and not run, nor is a request whose signature was seen before (a replay): each
// signed request runs once. Only then does Bolt see it (App.processEvent), except a slash
// command, handed on while its fingerprint is written so that its inbox row can go in the same
// write (src/db/acknowledgement-writes.ts): its listener waits for the ledger's answer before it
// does anything, and its acknowledgement is held until then (a replay is answered as one).
// Nothing before the signature is checked touches the database, so a client without the secret
// costs only its socket.

import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../../log.ts";
import { answerEmpty, answerJson, BodyTooLarge, readBody, startHttpServer, type HttpRoute } from "../shared/http-server.ts";
import type { RequestLedger } from "../shared/request-ledger.ts";
import type { Sighting } from "../../db/acknowledgement-writes.ts";
import { checkSignature, isSslCheck, parseBody } from "./signed-request.ts";

export const EVENTS_PATH = "/slack/events";

/** Bolt's own wait for a listener's acknowledgement before answering that none came. */
const UNACKNOWLEDGED_MS = 3001;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  /** Fingerprints of the requests already run (shared by replicas when it is the database's). */
  ledger: RequestLedger;
  log: Logger;
  /** More routes on the same server (HOST:PORT), beside /slack/events. */
  routes?: readonly HttpRoute[];
}

export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;
  private server: Server | null = null;

  constructor(private readonly options: SlackHttpReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Listens on host:port (App.start passes its argument here) and resolves with the server. */
  async start({ port, host }: { port: number; host: string }): Promise<Server> {
    const slackRoute: HttpRoute = { method: "POST", path: EVENTS_PATH, handle: (req, res) => this.handle(req, res) };
    const { server } = await startHttpServer({ host, port, routes: [slackRoute, ...(this.options.routes ?? [])], log: this.options.log });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, signingSecret, ledger } = this.options;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) answerEmpty(res, 413, true);
      return; // The client went away, or its request ran out of time (Node answered 408).
    }
    const contentType = req.headers["content-type"];
    if (isSslCheck(contentType, body)) {
      answerEmpty(res, 200);
      return;
    }
    const signed = checkSignature(signingSecret, req.headers, body);
    if (!signed.ok) {
      log.warn({ reason: signed.reason }, "slack request refused: not signed with SLACK_SIGNING_SECRET");
      answerEmpty(res, 401);
      return;
    }
    const parsed = parseBody(contentType, body);
    if (!parsed) {
      log.warn("slack request refused: its body is not an object");
      answerEmpty(res, 400);
      return;
    }
    if (parsed.type === "url_verification") {
      answerJson(res, 200, { challenge: parsed.challenge });
      return;
    }
    if (req.headers["x-slack-retry-num"] !== undefined) {
      // Slack sends a request again when the first answer was late or failed; the first one runs.
      log.info({ retry: req.headers["x-slack-retry-num"], reason: req.headers["x-slack-retry-reason"] }, "slack retry answered without running again");
      answerEmpty(res, 200);
      return;
    }
    const sighting: Sighting = { fingerprint: signed.fingerprint, first: ledger.firstTime(signed.fingerprint) };
    if (typeof parsed.command === "string") {
      // A slash command goes on while its fingerprint is written: a command acknowledged
      // "Working on it…" has its inbox row written with it, in one write, and only if it is not a
      // replay. The listener does nothing before the ledger's answer (slash-commands.ts), nor
      // does its acknowledgement go before it.
      await this.dispatch(parsed, res, sighting);
      return;
    }
    if (!(await sighting.first)) {
      this.refuseReplay(res);
      return;
    }
    await this.dispatch(parsed, res);
  }

  private refuseReplay(res: ServerResponse): void {
    this.options.log.warn("slack request seen before (a replay): answered without running");
    answerEmpty(res, 200);
  }

  /** Hands a verified body to Bolt; its listener's ack() answers the request. */
  private async dispatch(body: Record<string, unknown>, res: ServerResponse, sighting?: Sighting): Promise<void> {
    const { log } = this.options;
    let acknowledged = false;
    const timer = setTimeout(() => {
      if (acknowledged) return;
      acknowledged = true;
      log.warn("slack request not acknowledged within 3 seconds");
      answerEmpty(res, 404);
    }, UNACKNOWLEDGED_MS);
    const ack = async (response?: unknown) => {
      if (acknowledged) return;
      acknowledged = true;
      if (sighting && !(await sighting.first)) {
        // A replay (the listener did nothing): answered as one.
        clearTimeout(timer);
        this.refuseReplay(res);
        return;
      }
      clearTimeout(timer);
      if (response === undefined || response === "") answerEmpty(res, 200);
      else if (typeof response === "string") res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(response);
      else answerJson(res, 200, response);
    };
    const event: ReceiverEvent = { body, ack, retryNum: undefined, retryReason: undefined, customProperties: sighting ? { sighting } : {} };
    try {
      await this.app!.processEvent(event);
      if (!acknowledged) {
        // Nothing here listens for this kind of request (Bolt found no listener, or no type).
        acknowledged = true;
        clearTimeout(timer);
        answerEmpty(res, 404);
      }
    } catch (error) {
      log.error({ err: error }, "slack request failed");
      if (!acknowledged) {
        acknowledged = true;
        clearTimeout(timer);
        answerEmpty(res, 500);
      }
    }
  }
}
