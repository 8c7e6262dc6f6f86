// Discord adapter entry point: logs the discord.js client in with the Guilds intent only, hands
// interactions to the handler and digests to the poster; stop() finishes commands in flight,
// then disconnects.

import { once } from "node:events";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { Inbox } from "../../db/inbox.ts";
import type { AdapterOptions, RunningAdapter } from "../chat-platform.ts";
import { createInteractionHandler } from "./interactions.ts";
import { discordPoster } from "./poster.ts";
import { DEFAULT_DISCORD_API } from "./register.ts";
import type { DiscordConfig } from "./settings.ts";

const READY_TIMEOUT_MS = 60_000;

export async function startDiscord({ core, config }: AdapterOptions<DiscordConfig>): Promise<RunningAdapter> {
  const log = core.log.child({ adapter: "discord" });
  if (!config.DISCORD_TOKEN) throw new Error("Discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
  const client = new Client({
    // Slash commands arrive without any intent; Guilds gives the server names and roles.
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL ?? DEFAULT_DISCORD_API },
    allowedMentions: { parse: [] },
  });
  // Attachments come from Discord's CDN; with another API (a proxy, the fake Discord in tests) from its host too.
  const attachmentHosts = config.DISCORD_API_URL ? [new URL(config.DISCORD_API_URL).host] : [];
  // Digests and a command's messages elsewhere go through the client's own REST, sharing its rate limits with the replies.
  const poster = discordPoster(client.rest);
  const handler = createInteractionHandler(core, { inbox: new Inbox(core.db, { leaseMs: config.INBOX_LEASE_SECONDS * 1000 }), attachmentHosts, poster });
  client.on(Events.InteractionCreate, (interaction) => void handler.handle(interaction));
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, "discord gateway disconnected"));

  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    const reason = (error as Error).name === "AbortError" ? "Discord did not say it was ready within a minute" : (error as Error).message;
    throw new Error(`Discord: ${reason}`);
  }
  if (client.application?.id && config.DISCORD_APPLICATION_ID && client.application.id !== config.DISCORD_APPLICATION_ID) {
    log.warn({ expected: config.DISCORD_APPLICATION_ID, actual: client.application.id }, "DISCORD_APPLICATION_ID is not this bot's application");
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "discord ready (register commands once with npm run discord:register)");
  // What a process that died had deferred: run and answered beside the new commands.
  handler.startRecovery(client, config.INBOX_LEASE_SECONDS * 1000);

  return {
    poster,
    async stop() {
      await handler.drain();
      await client.destroy();
    },
  };
}
