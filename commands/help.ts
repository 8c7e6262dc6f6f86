// /help [command]: usage generated from the command specs, of what the caller may run (a creator
// sees only the commands creators may use; a member, no admin-only ones: src/core/rights.ts).

import { UserError } from "../src/core/errors.ts";
import { commandHelp, overviewHelp } from "../src/core/help.ts";
import { findCommand } from "../src/core/grammar.ts";
import { opt } from "../src/core/options.ts";
import { commandsFor } from "../src/core/rights.ts";
import { action, defineCommand } from "../src/core/spec.ts";

const help = action({
  name: "",
  description: "Usage of every command you may run, or of one",
  role: "member",
  creators: "allowed",
  mutates: false,
  options: { command: opt.text("A command, e.g. creator", 30).atPosition() },
  async run(ctx, input) {
    const mine = commandsFor(ctx.role, ctx.commands);
    if (!input.command) return overviewHelp(mine);
    const command = findCommand(ctx.commands, input.command);
    const visible = mine.find((c) => c.name === command.name);
    if (!visible) {
      const whose = ctx.role === "creator" ? "for the team" : "for admins";
      throw new UserError("not_allowed", `/${command.name} is ${whose}.`, { hints: [`You can use ${mine.map((c) => `/${c.name}`).join(", ")}.`] });
    }
    return commandHelp(visible, ctx.numbers);
  },
});

export default defineCommand({ name: "help", description: "Usage of every command you may run, generated from the specs", actions: [help] });
