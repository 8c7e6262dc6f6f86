// Posts a reply into a Slack channel on the bot's own initiative (digests), or to a person in a
// direct message (reminders: conversations.open first): chat.postMessage for
// the Block Kit messages, files.uploadV2 for files. Slack's refusals become DeliveryErrors the
// digest job understands: permanent ones (channel gone, bot removed) are not retried.

import { webApi } from "@slack/bolt";
import type { SlackConfig as Config } from "./settings.ts";
import type { Reply } from "../../core/reply.ts";
import { DeliveryError, type ChannelPoster, type PostedMessage } from "../../digest/delivery.ts";
import type { Logger } from "../../log.ts";
import { renderMessages } from "./blocks.ts";
import { boltLogger } from "./bolt-logger.ts";
import { slackErrorCode } from "./deliver.ts";
import { RETRY_CONFIG, slackApiUrl } from "./web-api.ts";

/** Slack errors that another try will not fix. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "restricted_action",
  "team_access_not_granted",
  "ekm_access_denied",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
]);

export function createSlackPoster(config: Config, log: Logger): ChannelPoster {
  if (!config.SLACK_BOT_TOKEN) throw new Error("Slack digests need SLACK_BOT_TOKEN.");
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    slackApiUrl: slackApiUrl(config),
    retryConfig: RETRY_CONFIG,
    // The digest job decides when to try again.
    rejectRateLimitedCalls: true,
    timeout: 30_000,
    logger: boltLogger(log.child({ adapter: "slack" })),
  });
  return slackPoster(client);
}

export function slackPoster(client: webApi.WebClient): ChannelPoster {
  return {
    async post(target, reply) {
      try {
        return await postReply(client, target.channelId, reply);
      } catch (error) {
        throw deliveryError(error);
      }
    },
    async update(target, reply) {
      // A message posted by post() above: chat.update by its channel and ts, to the reply's first message (no buttons unless it has some).
      const [channel, ts] = splitRef(target.ref);
      const [first] = renderMessages({ ...reply, visibility: "channel" });
      try {
        await client.chat.update({ channel, ts, text: first!.text, blocks: first!.blocks as never });
      } catch (error) {
        throw deliveryError(error);
      }
    },
    async sendPrivately(target, reply) {
      try {
        // The bot's direct conversation with the person (opened if it was not), then posted as into a channel.
        const opened = await client.conversations.open({ users: target.userId });
        const channel = opened.channel?.id;
        if (!channel) throw new DeliveryError(`Slack opened no conversation with ${target.userId}`);
        await postReply(client, channel, reply);
      } catch (error) {
        throw error instanceof DeliveryError ? error : deliveryError(error);
      }
    },
  };
}

/** A posted message's reference, "channel/ts" (what chat.update needs). */
const splitRef = (ref: string): [string, string] => {
  const at = ref.indexOf("/");
  return [ref.slice(0, at), ref.slice(at + 1)];
};

/** Posts the reply's messages and files; gives back the last message's reference (the one with the buttons). */
async function postReply(client: webApi.WebClient, channel: string, reply: Reply): Promise<PostedMessage | undefined> {
  let last: PostedMessage | undefined;
  for (const message of renderMessages({ ...reply, visibility: "channel" })) {
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false, unfurl_media: false });
    if (posted.ts) last = { ref: `${posted.channel ?? channel}/${posted.ts}` };
  }
  for (const file of reply.files) {
    await client.filesUploadV2({
      channel_id: channel,
      file: typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data,
      filename: file.name,
      title: file.title ?? file.name,
    });
  }
  return last;
}

function deliveryError(error: unknown): DeliveryError {
  const code = slackErrorCode(error);
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  if (typeof retryAfter === "number") return new DeliveryError(`Slack is rate limiting (${code})`, { retryAfterMs: retryAfter * 1000 });
  const hint = code === "not_in_channel" ? ": invite the bot to the channel (/invite)" : "";
  return new DeliveryError(`Slack refused the post (${code})${hint}`, { permanent: PERMANENT.has(code) });
}
