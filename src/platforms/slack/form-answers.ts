// What a person typed into one of the bot's Slack forms (a modal): each field is an input block
// whose block id is the option's key and whose text input has the action id INPUT_ACTION. Shared
// by the private form of /shop connect and the forms buttons open.

import type { ViewOutput } from "@slack/bolt";

/** The action id of every text input in the bot's forms. */
export const INPUT_ACTION = "value";

/** The typed answers of a submitted form by option key. */
export function answersOf(view: ViewOutput): Record<string, string | undefined> {
  const answers: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const value = actions[INPUT_ACTION]?.value;
    if (typeof value === "string") answers[blockId] = value;
  }
  return answers;
}
