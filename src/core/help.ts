// Usage and help generated from the specs: `/help`, `/help creator`, `/creator help`.

import type { AnyOption } from "./options.ts";
import { reply, type Reply } from "./reply.ts";
import { usageLine, type CommandSpec } from "./spec.ts";

export function overviewHelp(commands: readonly CommandSpec[]): Reply {
  const r = reply("Campaign bot commands");
  r.table(
    ["command", "what it does"],
    commands.map((c) => [`/${c.name}`, c.description]),
  );
  r.note("Type /help <command> for its usage, e.g. /help creator. Values with spaces go in quotes: niche:\"kettlebell training\".");
  return r.build();
}

export function commandHelp(command: CommandSpec): Reply {
  const r = reply(`/${command.name}: ${command.description}`);
  for (const action of command.actions) {
    r.heading(usageLine(command, action) + (action.role === "admin" ? "   (admin)" : ""));
    r.text(action.description);
    const options = Object.values(action.options as Record<string, AnyOption>);
    if (options.length > 0) {
      r.list(options.map((o) => `${o.positional ? `<${o.name}>` : `${o.name}:`} ${o.required ? "" : "(optional) "}${o.description.replace(/\.$/, "")}; ${o.expected}.`));
    }
    if (action.examples?.length) r.list(action.examples.map((e) => `e.g. ${e}`));
  }
  r.note("Numbers: 12000, 12,000, 12k, 1.2m. Money: $1,200.50, €300. Percentages: 15%. Dates: 2026-12-03, today, yesterday.");
  return r.build();
}
