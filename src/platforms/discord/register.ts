// Registers the slash commands with Discord: one PUT of the whole list, globally or to one guild
// (a guild's commands appear at once, handy for testing).

import { REST, Routes } from "discord.js";
import type { CommandSpec } from "../../core/spec.ts";
import { buildRegistration } from "./registration.ts";

export const DEFAULT_DISCORD_API = "https://discord.com/api";

export interface RegisterOptions {
  token: string;
  applicationId: string;
  commands: readonly CommandSpec[];
  /** Register to this guild only; otherwise globally. */
  guildId?: string;
  apiUrl?: string;
}

export interface Registered {
  scope: "global" | "guild";
  names: string[];
}

export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST({ version: "10", api: options.apiUrl ?? DEFAULT_DISCORD_API }).setToken(options.token);
  const scope = options.guildId ? "guild" : "global";
  const body = buildRegistration(options.commands, scope);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body })) as Array<{ name: string }>;
  return { scope, names: result.map((c) => c.name) };
}
