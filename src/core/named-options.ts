// The people and channels a command names in its options are asked of the platform before the
// command takes its turn: one walk over the action's options, each kind by its own rule
// (person-options.ts: owner:, admin:; channel-options.ts: alerts:, review-channel:). A server
// role (creator-role:) is taken only from Discord's own role option, never from text.

import type { ChannelDirectory } from "./channels.ts";
import { resolveChannel } from "./channel-options.ts";
import { UserError } from "./errors.ts";
import type { AnyOption } from "./options.ts";
import type { PeopleDirectory } from "./people.ts";
import { resolvePerson } from "./person-options.ts";
import type { ActionSpec } from "./spec.ts";
import { parseChannel, parsePerson, type ChannelInput, type PersonInput } from "./values.ts";

export interface NamingCaller {
  platform: string;
  people?: PeopleDirectory;
  channels?: ChannelDirectory;
}

/** Person and channel options resolved through the platform, by option key. */
export type ResolvedOptions = Record<string, PersonInput | ChannelInput>;

export async function resolveNamedOptions(caller: NamingCaller, action: ActionSpec<any>, raw: Record<string, unknown>): Promise<ResolvedOptions> {
  const resolved: ResolvedOptions = {};
  for (const option of Object.values(action.options as Record<string, AnyOption>)) {
    const given = raw[option.key];
    // A server role is Discord's to name, in its role picker: typed text (the shell, Slack) names none.
    if (option.kind === "role" && given !== undefined && !(caller.platform === "discord" && caller.people)) {
      throw new UserError("invalid_option", `Invalid ${option.name}: a role is picked in Discord, in the command's ${option.name} option (type @ and pick the role); it cannot be typed here.`);
    }
    if (typeof given !== "string") continue;
    // A value that does not parse is left for validateInput, which gives the usage error.
    if (option.kind === "person") {
      const parsed = parsePerson(given);
      if (parsed.ok) resolved[option.key] = await resolvePerson(caller, option, parsed.value);
    } else if (option.kind === "channel") {
      const parsed = parseChannel(given, option.config.words);
      if (parsed.ok) resolved[option.key] = await resolveChannel(caller, option, parsed.value);
    }
  }
  return resolved;
}
