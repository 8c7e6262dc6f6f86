// The floor of our own stack: a Bolt app in HTTP mode, configured like the bot's Slack adapter
// (same receiver, endpoint, no conversation store), that only acknowledges every command.
// Started as its own process by the benchmark; prints {"url": …} when it listens.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!signingSecret) throw new Error("bare-bolt: SLACK_SIGNING_SECRET is required");

const receiver = new HTTPReceiver({ signingSecret, endpoints: ["/slack/events"], processBeforeResponse: false, logLevel: LogLevel.WARN });
const app = new App({
  token: "xoxb-bench-bare",
  botId: "B0BARE",
  botUserId: "U0BARE",
  tokenVerificationEnabled: false,
  receiver,
  logLevel: LogLevel.WARN,
  convoStore: false,
  // Nothing here calls the Web API; should anything try, it stays on this machine.
  clientOptions: { slackApiUrl: "http://127.0.0.1:9/api/" },
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});

const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/slack/events` })}\n`);
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
