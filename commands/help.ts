// /help [command]: usage generated from the command specs.

import { commandHelp, overviewHelp } from "../src/core/help.ts";
import { findCommand } from "../src/core/grammar.ts";
import { opt } from "../src/core/options.ts";
import { action, defineCommand } from "../src/core/spec.ts";

const help = action({
  name: "",
  description: "Usage of every command, or of one",
  role: "member",
  mutates: false,
  options: { command: opt.text("A command, e.g. creator", 30).atPosition() },
  async run(ctx, input) {
    return input.command ? commandHelp(findCommand(ctx.commands, input.command)) : overviewHelp(ctx.commands);
  },
});

export default defineCommand({ name: "help", description: "Usage of every command, generated from the specs", actions: [help] });
