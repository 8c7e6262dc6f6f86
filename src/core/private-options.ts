// Options a person must not type where others read (a shop's signing secret, kind "secret"):
// chat platforms that can ask privately (a Slack modal, a Discord modal) leave them out of the
// command and ask for them in a form once the rest of the command is known to be right; the
// shell, where nobody else reads, takes them typed. Platform-neutral: the adapters draw the form.

import { UserError } from "./errors.ts";
import { validateInput } from "./grammar.ts";
import type { AnyOption } from "./options.ts";
import { actionPath, type ActionSpec, type CommandSpec } from "./spec.ts";

/** What a form must ask before an action can run. */
export interface PrivateAsk {
  command: CommandSpec;
  action: ActionSpec<any>;
  /** The options to ask for, in the spec's order. */
  options: AnyOption[];
}

/** The options of an action that are asked privately. */
export function privateOptions(action: ActionSpec<any>): AnyOption[] {
  return Object.values(action.options as Record<string, AnyOption>).filter((o) => o.kind === "secret");
}

/**
 * For a platform that asks privately: null when the action has nothing to ask; a UserError when
 * a private option was typed anyway (its value is never repeated) or when anything else given
 * is wrong (so nobody fills a form for a command that cannot run); else what to ask.
 */
export function askPrivately(command: CommandSpec, action: ActionSpec<any>, values: Record<string, unknown>, env: Parameters<typeof validateInput>[3]): PrivateAsk | UserError | null {
  const options = privateOptions(action);
  if (options.length === 0) return null;
  const path = actionPath(command, action);
  const typed = options.filter((o) => values[o.key] !== undefined);
  if (typed.length > 0) {
    const names = typed.map((o) => `${o.name}:`).join(" and ");
    return new UserError("invalid_option", `Nothing was run: ${names} is not typed here. Run ${path} without it and a private form asks for it.`);
  }
  // Checked with stand-ins for what the form will ask, so a mistake elsewhere shows before the form.
  const standIns = Object.fromEntries(options.map((o) => [o.key, "stand-in"]));
  try {
    validateInput(command, action, { ...values, ...standIns }, env);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  return { command, action, options };
}

/** A form's answers keyed by option key, with nothing but the asked options (a forged field is dropped). */
export function privateAnswers(ask: Pick<PrivateAsk, "options">, answers: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const option of ask.options) {
    const value = answers[option.key];
    if (value !== undefined) kept[option.key] = value;
  }
  return kept;
}
