// Posts a reply into a Discord channel on the bot's own initiative (digests), or to a person in a
// DM (reminders), through the REST API: embeds and attachments as for a slash command. Only into
// a channel of the schedule's own server; Discord's refusals become DeliveryErrors the jobs
// understand.

import { DiscordAPIError, RateLimitError, REST, Routes } from "discord.js";
import type { DiscordConfig as Config } from "./settings.ts";
import { DeliveryError, type ChannelPoster, type PostedMessage } from "../../digest/delivery.ts";
import type { Logger } from "../../log.ts";
import type { Reply } from "../../core/reply.ts";
import { renderMessages } from "./embeds.ts";
import { DEFAULT_DISCORD_API } from "./register.ts";

/** Discord error codes another try will not fix: unknown channel, server or user, no access, no permission, DMs closed. */
const PERMANENT_CODES = new Set([10003, 10004, 10013, 50001, 50007, 50013]);

export function createDiscordPoster(config: Config, log: Logger): ChannelPoster {
  if (!config.DISCORD_TOKEN) throw new Error("Discord digests need DISCORD_TOKEN.");
  const rest = new REST({
    version: "10",
    api: config.DISCORD_API_URL ?? DEFAULT_DISCORD_API,
    // The digest job decides when to try again.
    rejectOnRateLimit: () => true,
    retries: 2,
    timeout: 30_000,
  }).setToken(config.DISCORD_TOKEN);
  rest.on("restDebug", (message) => log.trace({ adapter: "discord", message }, "discord rest"));
  return discordPoster(rest);
}

export function discordPoster(rest: REST): ChannelPoster {
  return {
    async post(target, reply) {
      try {
        await checkChannel(rest, target.channelId, target.workspaceExternalId);
        return await postMessages(rest, target.channelId, reply);
      } catch (error) {
        throw deliveryError(error);
      }
    },
    async update(target, reply) {
      // A message posted by post() above ("channel/message"): edited to the reply's first message; its buttons go unless the reply has some.
      const [channelId, messageId] = target.ref.split("/") as [string, string];
      const [first] = renderMessages({ ...reply, visibility: "channel" });
      try {
        await checkChannel(rest, channelId, target.workspaceExternalId);
        await rest.patch(Routes.channelMessage(channelId, messageId), { body: { embeds: first!.embeds, components: first!.components ?? [], allowed_mentions: { parse: [] } } });
      } catch (error) {
        throw deliveryError(error);
      }
    },
    async sendPrivately(target, reply) {
      try {
        // The bot's DM channel with the person (what discord.js's user.createDM opens).
        const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: target.userId } })) as { id: string };
        await postMessages(rest, dm.id, reply);
      } catch (error) {
        throw deliveryError(error);
      }
    },
  };
}

/** A stored channel id is only trusted inside its own server. */
async function checkChannel(rest: REST, channelId: string, guildId: string): Promise<void> {
  const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string };
  if (channel.guild_id !== guildId) throw new DeliveryError(`Channel ${channelId} is not in server ${guildId}`, { permanent: true });
}

/** Posts the reply's messages; gives back the last one's reference (the one with the buttons). */
async function postMessages(rest: REST, channelId: string, reply: Reply): Promise<PostedMessage | undefined> {
  let last: PostedMessage | undefined;
  for (const message of renderMessages({ ...reply, visibility: "channel" })) {
    const posted = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: message.embeds,
        ...(message.components ? { components: message.components } : {}),
        allowed_mentions: { parse: [] },
        ...(message.files.length > 0 ? { attachments: message.files.map((f, id) => ({ id, filename: f.name, ...(f.title ? { description: f.title.slice(0, 1024) } : {}) })) } : {}),
      },
      files: message.files.map((f) => ({ name: f.name, contentType: f.contentType, data: typeof f.data === "string" ? Buffer.from(f.data, "utf8") : f.data })),
    })) as { id?: string };
    if (posted?.id) last = { ref: `${channelId}/${posted.id}` };
  }
  return last;
}

function deliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) return new DeliveryError("Discord is rate limiting", { retryAfterMs: error.retryAfter });
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    const hint = code === 50001 || code === 50013 ? ": give the bot View Channel, Send Messages, Embed Links and Attach Files in that channel" : "";
    return new DeliveryError(`Discord refused the post (${error.status} ${error.message})${hint}`, { permanent: PERMANENT_CODES.has(code) || error.status === 401 });
  }
  return new DeliveryError(`Discord could not be reached: ${(error as Error).message}`);
}
