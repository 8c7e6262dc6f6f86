// The shape of a command: a top-level command with subcommands (or one action of its own),
// each with typed options, the role it needs and a handler returning a Reply.

import type { Db } from "../db/client.ts";
import type { Member, Role, Workspace } from "../generated/prisma/client.ts";
import { kebab, type AnyOption, type InputOf, type OptionMap } from "./options.ts";
import type { Reply } from "./reply.ts";
import type { NumberWriter } from "./format.ts";
import type { LinkedCreator, NamedAdmins } from "./rights.ts";
import type { ChartDrawer, RenderOptions } from "../charts/types.ts";

/** Who may run an action: a member's role (an enum of prisma/schema.prisma). */
export type { Role };

/** What a handler can see and do; built by dispatch for one command. */
export interface CommandContext {
  db: Db;
  workspace: Workspace;
  member: Member;
  /** The chat platform's name (src/platforms/registry.ts). */
  platform: string;
  /** The channel the command came from (for digests), when there is one. */
  channelId: string | null;
  now: Date;
  /** Writes numbers and money in the workspace's number style (/settings numbers:). */
  numbers: NumberWriter;
  isAdmin: boolean;
  /**
   * How the caller acts in this command: "admin", "member" (the team) or "creator" (linked to a
   * creator profile and not an admin, or on Discord carrying the creator role). A creator only
   * reaches actions whose spec says `creators: "allowed"` (src/core/rights.ts).
   */
  role: Role;
  /**
   * The creator profile the caller is linked to (/creator link), whatever their role; null when
   * none (a creator by Discord role alone has none yet: /my claim).
   */
  creator: LinkedCreator | null;
  /** People the operator names admins (ADMINS), as `platform:user id`. */
  namedAdmins: NamedAdmins;
  /** Throws "not allowed" unless the caller is an admin; `what` names the action. */
  requireAdmin(what: string): void;
  /** Replaces the activity log's summary of this command (default: the command line). */
  describeChange(summary: string): void;
  /** This run changed nothing (a decision already taken, clicked again): no activity record. */
  changedNothing(): void;
  /** Files this command's activity record under a campaign (/activity campaign:), when it changes one. */
  aboutCampaign(campaignId: number): void;
  /** Every command, for /help. */
  commands: readonly CommandSpec[];
  /** Process-wide settings handlers may need (chart rendering). */
  services: Services;
  /** Draws local charts (digests): the Core's chart process. */
  chartProcess: ChartDrawer;
  /**
   * Work to do once the command's transaction has committed and its turn has passed, before its
   * reply goes out: work that needs no database (drawing charts), so that other commands need
   * not wait for it. It may add to the reply; if it fails, the caller is told so.
   */
  afterCommit(work: () => Promise<void>): void;
}

export interface Services {
  charts: RenderOptions;
  /** Where the shops reach the bot's webhooks (PUBLIC_URL), when it is set. */
  publicUrl?: string;
}

export interface ActionSpec<O extends OptionMap = OptionMap> {
  /** The subcommand name ("add"), or "" for a command that has no subcommands. */
  name: string;
  description: string;
  options: O;
  role: Role;
  /**
   * "allowed": creators may run it too (src/core/rights.ts); its handler then shows and changes only
   * what is the caller's own (ctx.creator). Every other action answers a creator with a refusal.
   */
  creators?: "allowed";
  /** Changes data: recorded in the activity log. */
  mutates: boolean;
  /** May take longer than a chat platform's 3 seconds: platforms acknowledge first. */
  slow?: boolean;
  /**
   * Given in Slack or Discord with none of its required options, a form asks for them instead of
   * the usage error (src/core/missing-options.ts); Discord registers them optional for this.
   */
  formWhenMissing?: boolean;
  /** Shown by /help; one with amounts or decimals is a function of the workspace's writer, so it reads as people there type. */
  examples?: Array<string | ((numbers: NumberWriter) => string)>;
  run(ctx: CommandContext, input: InputOf<O>): Promise<Reply>;
  /**
   * What to tell the caller when a unique constraint refused the write: the handler checks
   * first, but two requests at the same moment are only stopped by the database.
   */
  conflictMessage?(input: InputOf<O>): string;
}

export interface CommandSpec {
  name: string;
  description: string;
  /** Subcommands, or a single action with name "" for commands like /report. */
  actions: ActionSpec<any>[];
}

export function action<O extends OptionMap>(spec: ActionSpec<O>): ActionSpec<O> {
  for (const [key, option] of Object.entries(spec.options)) {
    option.key = key;
    option.name = kebab(key);
  }
  return spec;
}

export function defineCommand(spec: CommandSpec): CommandSpec {
  const names = new Set<string>();
  for (const a of spec.actions) {
    if (names.has(a.name)) throw new Error(`/${spec.name} has two "${a.name}" subcommands`);
    names.add(a.name);
    let optionalPositionalSeen = false;
    for (const option of Object.values(a.options as Record<string, AnyOption>)) {
      if (!option.positional) continue;
      if (option.required && optionalPositionalSeen) {
        throw new Error(`/${spec.name} ${a.name}: required positional ${option.name} after an optional one`);
      }
      if (!option.required) optionalPositionalSeen = true;
    }
  }
  if (spec.actions.some((a) => a.name === "") && spec.actions.length > 1) {
    throw new Error(`/${spec.name}: a command with its own action has no subcommands`);
  }
  return spec;
}

export const isSingleAction = (command: CommandSpec) => command.actions.length === 1 && command.actions[0]!.name === "";

/** "/creator add" or "/report". */
export const actionPath = (command: CommandSpec, a: ActionSpec<any>) => (a.name ? `/${command.name} ${a.name}` : `/${command.name}`);

/** "/creator add <handle> <platform> <followers> [niche:] [email:]" */
export function usageLine(command: CommandSpec, a: ActionSpec<any>): string {
  const parts = [actionPath(command, a)];
  for (const option of Object.values(a.options as Record<string, AnyOption>)) {
    if (option.positional) parts.push(option.required ? `<${option.name}>` : `[${option.name}]`);
    else parts.push(option.required ? `${option.name}:<${option.kind === "choice" ? option.config.choices!.join("|") : "…"}>` : `[${option.name}:]`);
  }
  return parts.join(" ");
}
