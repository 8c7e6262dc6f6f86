// The rule for a channel named in an option (alerts:, review-channel:), asked of the platform
// before the command runs (named-options.ts walks the options): a mention's id must be a channel
// of the caller's workspace; a name typed as text is taken only in the shell's local workspace.
// An option's own words (review-channel:here) are not channels and pass as they are.

import type { ChannelDirectory } from "./channels.ts";
import { UserError } from "./errors.ts";
import type { AnyOption } from "./options.ts";
import type { ChannelInput } from "./values.ts";

export interface ChannelCaller {
  platform: string;
  channels?: ChannelDirectory;
}

export async function resolveChannel(caller: ChannelCaller, option: AnyOption, channel: ChannelInput): Promise<ChannelInput> {
  if (channel.off || channel.word !== undefined) return channel;
  if (!channel.externalId) {
    if (caller.platform === "local") return channel;
    throw new UserError("invalid_option", `Invalid ${option.name}: "#${channel.name}" is a channel name typed as text. Mention the channel (type # and pick it), so that the platform says which one it is.`);
  }
  if (caller.platform === "local") throw new UserError("invalid_option", `Invalid ${option.name}: the shell has no channels; give a name (it is printed here).`);
  if (!caller.channels) throw new UserError("invalid_option", `Invalid ${option.name}: the channel cannot be checked from here; set it from ${caller.platform} itself.`);
  let found;
  try {
    found = await caller.channels.find(channel.externalId);
  } catch {
    throw new UserError("platform_unavailable", `Could not ask which channel <#${channel.externalId}> is just now; nothing was saved. Please try again in a moment.`);
  }
  if (!found) throw new UserError("not_found", `Invalid ${option.name}: this workspace has no channel with the id ${channel.externalId}. Mention a channel of the workspace (type # and pick it).`);
  return { externalId: found.id, name: found.name, fromPlatform: true };
}
