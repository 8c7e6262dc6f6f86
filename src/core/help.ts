// Usage and help generated from the specs: `/help`, `/help creator`, `/creator help`.

import { numberWriter, type NumberWriter } from "./format.ts";
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

/** `numbers`: the workspace's writer, so values and examples read as people there type them; null before the workspace is known. */
export function commandHelp(command: CommandSpec, numbers: NumberWriter | null = null): Reply {
  const n = numbers ?? numberWriter();
  const r = reply(`/${command.name}: ${command.description}`);
  for (const action of command.actions) {
    r.heading(usageLine(command, action) + (action.role === "admin" ? "   (admin)" : ""));
    r.text(action.description);
    const options = Object.values(action.options as Record<string, AnyOption>);
    if (options.length > 0) {
      r.list(options.map((o) => `${o.positional ? `<${o.name}>` : `${o.name}:`} ${o.required ? "" : "(optional) "}${o.description.replace(/\.$/, "")}; ${numbers ? o.expectedFor(numbers.style) : o.expected}.`));
    }
    if (action.examples?.length) r.list(action.examples.map((e) => `e.g. ${typeof e === "string" ? e : e(n)}`));
  }
  r.note(
    `Numbers: 12000, ${n.count(12000)}, 12k, ${n.typed("1.2")}m. Money: ${n.typed("1200.50")}, ${n.money(120050, "USD")}, €300. Percentages: 15%, ${n.typed("12.5")}%. Dates: 2026-12-03, today, yesterday.` +
      (numbers ? "" : " (Thousands and decimals as the workspace writes them: /settings shows how.)"),
  );
  return r.build();
}
