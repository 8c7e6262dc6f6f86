// A command for the button tests: /decide ask <topic> answers with two buttons, Yes (runs
// /decide yes <topic>) and No (asks a note, then runs /decide no <topic> note:…); deciding is for
// admins and happens once: a second decision answers what was decided, by whom.

import { opt } from "../../src/core/options.ts";
import { reply } from "../../src/core/reply.ts";
import { action, defineCommand } from "../../src/core/spec.ts";

export function decideCommand() {
  const decided = new Map<string, string>();
  const topic = () => opt.text("What to decide").require().atPosition();
  const decide = (answer: "yes" | "no") =>
    action({
      name: answer,
      description: `Decide ${answer}`,
      role: "admin",
      mutates: true,
      options: answer === "yes" ? { topic: topic() } : { topic: topic(), note: opt.text("Why not", 300).require() },
      async run(ctx, input: { topic: string; note?: string }) {
        const before = decided.get(input.topic);
        if (before) {
          ctx.changedNothing();
          return reply(`Already decided: ${before}`, "ephemeral").note("Nothing was changed.").build();
        }
        const outcome = `${answer} to ${input.topic} by ${ctx.member.displayName}${input.note ? ` (${input.note})` : ""}`;
        decided.set(input.topic, outcome);
        ctx.describeChange(`decided ${outcome}`);
        return reply(`Decided: ${outcome}`, "channel").build();
      },
    });
  const ask = action({
    name: "ask",
    description: "Ask for a decision",
    role: "member",
    mutates: false,
    options: { topic: topic() },
    async run(_ctx, input) {
      return reply(`Decide: ${input.topic}`, "channel")
        .text("Yes or no?")
        .action({ command: `/decide yes "${input.topic}"`, label: "Yes", style: "primary", then: "replace" })
        .action({ command: `/decide no "${input.topic}"`, label: "No", style: "danger", ask: ["note"], then: "replace" })
        .build();
    },
  });
  return { spec: defineCommand({ name: "decide", description: "Decide things (tests)", actions: [ask, decide("yes"), decide("no")] }), decided };
}
