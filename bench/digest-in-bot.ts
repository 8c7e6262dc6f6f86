// A digest of the big campaign inside the running bot, asked for as people do (/digest now over
// signed Slack HTTP): acknowledged first, then the reply through the response_url and the three
// charts uploaded into the channel of the fake Slack.

import http from "node:http";
import { commandPayload } from "../test/platforms/slack/slack-request.ts";
import type { BotUnderTest } from "./bot-under-test.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { postSignedForm } from "./load.ts";

export interface DigestInBot {
  /** From the request to the last chart upload. */
  ms: number;
  uploads: number;
  ack_ms: number;
}

export async function digestInBot(bot: BotUnderTest, generated: GeneratedCampaign, timeoutMs: number): Promise<DigestInBot> {
  const id = `digest-${Date.now()}`;
  const who = { team: generated.caller.workspaceId, user: generated.caller.userId, userName: generated.caller.userName, channel: generated.caller.channelId ?? "CBENCH" };
  const body = new URLSearchParams(commandPayload(`/digest now "${generated.campaignName}" frequency:weekly`, who, bot.fakeSlack.responseUrl(id))).toString();
  const uploadsBefore = bot.fakeSlack.uploads.length;
  const agent = new http.Agent({ keepAlive: false });
  const started = performance.now();
  const ack = await postSignedForm(agent, bot.slack, body);
  const ackMs = performance.now() - started;
  if (ack.status !== 200) throw new Error(`/digest now: acknowledged with ${ack.status}`);
  const outcome = await bot.fakeSlack.waitFor<{ failed?: string }>(
    () => {
      const failed = bot.fakeSlack.responsesTo(id).find((r) => /Something went wrong|Could not post/.test(JSON.stringify(r)));
      if (failed) return { failed: JSON.stringify(failed).slice(0, 300) };
      return bot.fakeSlack.uploads.length - uploadsBefore >= 3 && bot.fakeSlack.responsesTo(id).length > 0 ? {} : null;
    },
    "the digest's reply and its three charts",
    timeoutMs,
  );
  if (outcome.failed) throw new Error(`/digest now failed in the bot: ${outcome.failed}`);
  return { ms: Math.round(performance.now() - started), uploads: bot.fakeSlack.uploads.length - uploadsBefore, ack_ms: Math.round(ackMs) };
}
