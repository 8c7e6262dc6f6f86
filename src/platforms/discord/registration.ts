// The Discord registration JSON, generated from the command specs: one chat-input command per
// spec, subcommands for its actions, and each option mapped to a typed Discord option.

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AnyOption } from "../../core/options.ts";
import { isSingleAction, type ActionSpec, type CommandSpec } from "../../core/spec.ts";

export type DiscordCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Discord's limits for a string option and for choices. */
const MAX_STRING_LENGTH = 6000;
const MAX_CHOICES = 25;

/** Manage Server: Discord shows a command whose every action is admin-only to these members only. */
export const ADMIN_PERMISSIONS = PermissionFlagsBits.ManageGuild.toString();

/** The Discord type an option is registered and read as. */
export function discordType(option: AnyOption): ApplicationCommandOptionType {
  switch (option.kind) {
    case "count":
      return ApplicationCommandOptionType.Integer;
    case "percent":
      return ApplicationCommandOptionType.Number;
    case "boolean":
      return ApplicationCommandOptionType.Boolean;
    case "person":
      return ApplicationCommandOptionType.User;
    case "role":
      return ApplicationCommandOptionType.Role;
    case "file":
      return ApplicationCommandOptionType.Attachment;
    default:
      return ApplicationCommandOptionType.String;
  }
}

/**
 * An action's options with the required ones first (Discord refuses another order), spec order
 * kept otherwise. Private options (secrets) are not registered: a modal asks for them.
 */
export function orderedOptions(action: ActionSpec<any>): AnyOption[] {
  const options = Object.values(action.options as Record<string, AnyOption>).filter((o) => o.kind !== "secret");
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

/**
 * An option as Discord registers it. The required options of an action a form completes
 * (`formWhenMissing`) are registered optional, so that the bare command can be sent: given with
 * none of them it opens a modal asking them; with some but not all, the usage error (interactions.ts).
 */
export function optionJSON(option: AnyOption, action?: Pick<ActionSpec<any>, "formWhenMissing">): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: option.description, required: option.required && !action?.formWhenMissing };
  const { min, max, maxLength, choices, autocomplete } = option.config;
  switch (discordType(option)) {
    case ApplicationCommandOptionType.Integer:
      return { ...base, type: ApplicationCommandOptionType.Integer, ...(min !== undefined ? { min_value: min } : {}), ...(max !== undefined ? { max_value: max } : {}) };
    case ApplicationCommandOptionType.Number:
      return { ...base, type: ApplicationCommandOptionType.Number, min_value: min ?? 0, max_value: max ?? 100 };
    case ApplicationCommandOptionType.Boolean:
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case ApplicationCommandOptionType.User:
      return { ...base, type: ApplicationCommandOptionType.User };
    case ApplicationCommandOptionType.Role:
      return { ...base, type: ApplicationCommandOptionType.Role };
    case ApplicationCommandOptionType.Attachment:
      return { ...base, type: ApplicationCommandOptionType.Attachment };
    default: {
      const string = {
        ...base,
        type: ApplicationCommandOptionType.String as const,
        ...(maxLength !== undefined ? { max_length: Math.min(maxLength, MAX_STRING_LENGTH) } : {}),
      };
      // More than 25 values cannot be choices; the value is still checked when the command runs.
      if (choices && choices.length <= MAX_CHOICES) return { ...string, choices: choices.map((c) => ({ name: c, value: c })) };
      if (autocomplete) return { ...string, autocomplete: true };
      return string;
    }
  }
}

function subcommandJSON(action: ActionSpec<any>): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: action.name,
    description: action.description,
    options: orderedOptions(action).map((o) => optionJSON(o, action)),
  };
}

export function commandJSON(command: CommandSpec): DiscordCommand {
  // Discord hides commands per top-level command only: a group mixing member and admin actions
  // stays visible to everyone, and dispatch refuses the admin ones.
  const adminOnly = command.actions.every((a) => a.role === "admin");
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: isSingleAction(command) ? orderedOptions(command.actions[0]!).map((o) => optionJSON(o, command.actions[0])) : command.actions.map(subcommandJSON),
    default_member_permissions: adminOnly ? ADMIN_PERMISSIONS : null,
    // A workspace is a server: the commands are offered in servers only, not in DMs.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** The body of the PUT that registers every command; guild registration omits global-only fields. */
export function buildRegistration(commands: readonly CommandSpec[], scope: "global" | "guild" = "global"): DiscordCommand[] {
  return commands.map((command) => {
    const json = commandJSON(command);
    if (scope === "guild") {
      delete json.contexts;
      delete json.integration_types;
    }
    return json;
  });
}
