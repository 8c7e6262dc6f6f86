// The names the bot's commands have in Slack: each command's name behind an optional prefix
// (SLACK_COMMAND_PREFIX=cb- gives /cb-report, so generic names do not clash with other apps),
// checked against what Slack accepts, and every mention of a command in a reply written with them.

import { SLACK_COMMAND_PREFIX_PATTERN } from "./settings.ts";
import type { Block, Reply } from "../../core/reply.ts";
import type { CommandSpec } from "../../core/spec.ts";

/** Slack's own commands: a manifest naming one is refused whole. */
export const RESERVED_COMMANDS = [
  "/me", "/status", "/remind", "/search", "/who", "/open", "/join", "/leave", "/topic", "/mute",
  "/feed", "/msg", "/away", "/dnd", "/shrug", "/collapse", "/expand", "/pro", "/shortcuts",
] as const;

/** Slack's longest command name, the slash included. */
export const MAX_COMMAND_NAME = 32;

export class SlackCommandNames {
  private readonly byName: Map<string, CommandSpec>;
  /** `/creator` and the other commands where a reply mentions them; null without a prefix. */
  private readonly mention: RegExp | null;

  constructor(
    commands: readonly CommandSpec[],
    readonly prefix = "",
  ) {
    if (prefix && !SLACK_COMMAND_PREFIX_PATTERN.test(prefix)) {
      throw new Error(`SLACK_COMMAND_PREFIX may hold only lowercase letters, digits, - and _, starting with a letter or digit (got "${prefix}").`);
    }
    this.byName = new Map(commands.map((spec) => [this.slashName(spec), spec]));
    for (const name of this.byName.keys()) {
      if (name.length > MAX_COMMAND_NAME) {
        throw new Error(`${name} is longer than the ${MAX_COMMAND_NAME} characters Slack allows a command: shorten SLACK_COMMAND_PREFIX.`);
      }
      if ((RESERVED_COMMANDS as readonly string[]).includes(name)) {
        throw new Error(`${name} is one of Slack's own commands, and Slack refuses an app that names it: ${prefix ? "choose another SLACK_COMMAND_PREFIX" : "rename the command"}.`);
      }
    }
    // A mention starts a line or follows a space, a quote or a bracket (not part of a web
    // address) and is the whole name (not /creators or /code-x).
    this.mention = prefix
      ? new RegExp(`(^|[\\s"'(\\[{“‘])/(${commands.map((c) => c.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}_-])`, "gmu")
      : null;
  }

  /** The command's name in Slack: `/cb-report`. */
  slashName(spec: CommandSpec): string {
    return `/${this.prefix}${spec.name}`;
  }

  /** The command Slack sent (`/cb-report`), or undefined for one this bot does not have. */
  specOf(slashName: string): CommandSpec | undefined {
    return this.byName.get(slashName);
  }

  /** Text with every command it mentions named as in Slack. */
  text(text: string): string {
    return this.mention ? text.replace(this.mention, `$1/${this.prefix}$2`) : text;
  }

  /** The reply with every command it mentions named as in Slack (before rendering: table columns fit the names). */
  reply(reply: Reply): Reply {
    if (!this.mention) return reply;
    const t = (text: string) => this.text(text);
    return {
      ...reply,
      title: reply.title === undefined ? undefined : t(reply.title),
      blocks: reply.blocks.map((block): Block => {
        switch (block.type) {
          case "heading":
          case "text":
            return { ...block, text: t(block.text) };
          case "list":
            return { ...block, items: block.items.map(t) };
          case "fields":
            return { ...block, fields: block.fields.map((f) => ({ label: t(f.label), value: t(f.value) })) };
          case "table":
            return { ...block, columns: block.columns.map((c) => ({ ...c, header: t(c.header) })), rows: block.rows.map((row) => row.map(t)) };
        }
      }),
      notes: reply.notes.map(t),
    };
  }

  /**
   * A command named as in Slack where the text names one (`/cb-help cb-creator`), as the core
   * knows it (`creator`); other text is left as typed.
   */
  unprefixed(word: string): string {
    const bare = word.replace(/^\//, "");
    return this.prefix && bare.startsWith(this.prefix) && this.byName.has(`/${bare}`) ? bare.slice(this.prefix.length) : word;
  }
}
