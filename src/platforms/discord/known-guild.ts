// Whether the bot is in the server an interaction comes from. A user-installed app, or a
// command registered globally, can be run in a server the bot was never added to (or was removed
// from): Discord still sends its guild_id. Such a server is no workspace of the bot's, so the
// command is refused there and nothing is stored for it.

import type { Client } from "discord.js";

/** How long asking Discord about a server not in the cache may take (the interaction allows 3 s). */
const FETCH_TIMEOUT_MS = 1500;

export const UNKNOWN_GUILD_REPLY =
  "I am not a member of this server, so I cannot keep its creators and campaigns here. Ask a server admin to add me to the server, then run the command again.";

/**
 * True when the bot is in the guild: in the client's cache (filled from the gateway with the
 * Guilds intent), or, when not cached yet, when Discord answers a fetch of it in time.
 */
export async function isKnownGuild(client: Client, guildId: string): Promise<boolean> {
  if (client.guilds.cache.has(guildId)) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), FETCH_TIMEOUT_MS)));
  try {
    const fetched = client.guilds.fetch(guildId).then(
      (guild) => guild.id === guildId,
      () => false,
    );
    return await Promise.race([fetched, late]);
  } finally {
    clearTimeout(timer);
  }
}
