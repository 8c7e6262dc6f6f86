// The text grammar of Slack and the shell: `/command subcommand positional… key:value…`,
// with straight and curly quotes for values with spaces. Reading a line gives the action and
// its raw option values; validateInput (shared with Discord's typed options) checks them.

import { distance } from "fastest-levenshtein";
import type { AnyOption, ParseEnv } from "./options.ts";
import { UserError } from "./errors.ts";
import { hiddenCharacterProblem } from "./hidden-characters.ts";
import { DEFAULT_NUMBER_STYLE, NUMBER_STYLES, type NumberStyle } from "../domain/number-styles.ts";
import { actionPath, isSingleAction, usageLine, type ActionSpec, type CommandSpec } from "./spec.ts";

export interface Token {
  text: string;
  /** Set for `key:value` tokens (lower case). */
  key: string | null;
}

const OPENING: Record<string, string> = { '"': '"', "“": "”", "„": "”", "‟": "”", "”": "”", "‘": "’", "'": "'" };

/** White space between tokens: not U+FEFF, which JavaScript's \s counts, but nobody sees (it stays in its token, to be refused there). */
const SPACE = /[^\S\uFEFF]/;

/** Splits a command line into tokens; quotes group words and are removed. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && SPACE.test(line[i]!)) i++;
    if (i >= n) break;
    let key: string | null = null;
    const keyMatch = /^([A-Za-z][A-Za-z0-9_-]*):(?!\/\/)/.exec(line.slice(i));
    if (keyMatch) {
      key = keyMatch[1]!.toLowerCase().replace(/_/g, "-");
      i += keyMatch[0].length;
    }
    let text = "";
    const opener = line[i];
    if (opener !== undefined && opener in OPENING) {
      const closer = OPENING[opener]!;
      const closers = closer === "”" ? ["”", "“", '"'] : closer === "’" ? ["’", "‘", "'"] : [closer];
      let j = i + 1;
      let end = -1;
      while (j < n) {
        if (closers.includes(line[j]!) && (j + 1 >= n || SPACE.test(line[j + 1]!))) {
          end = j;
          break;
        }
        j++;
      }
      if (end === -1) {
        if (opener === "'" || opener === "’") {
          // An apostrophe, not a quote: read a plain word.
          while (i < n && !SPACE.test(line[i]!)) text += line[i++];
          tokens.push({ text, key });
          continue;
        }
        throw new UserError("invalid_option", `A quote is not closed: ${line.slice(i)}`);
      }
      text = line.slice(i + 1, end);
      i = end + 1;
    } else {
      while (i < n && !SPACE.test(line[i]!)) text += line[i++];
    }
    tokens.push({ text, key });
  }
  return tokens;
}

export interface ParsedLine {
  command: CommandSpec;
  action: ActionSpec<any>;
  /** Raw text per option key. */
  values: Record<string, string>;
  /** `/creator help`: the caller asked for the group's usage. */
  helpRequested?: boolean;
}

export function findCommand(commands: readonly CommandSpec[], name: string): CommandSpec {
  const wanted = name.replace(/^\//, "").toLowerCase();
  const command = commands.find((c) => c.name === wanted);
  if (!command) {
    throw new UserError("unknown_command", `There is no /${wanted} command.`, {
      hints: [`Commands: ${commands.map((c) => `/${c.name}`).join(", ")}. Try /help.`],
    });
  }
  return command;
}

export function findAction(command: CommandSpec, name: string | undefined): ActionSpec<any> {
  if (isSingleAction(command)) return command.actions[0]!;
  // The usage lines are made only for a mistake, not on every command.
  const list = () => command.actions.map((a) => usageLine(command, a));
  if (!name) {
    throw new UserError("unknown_subcommand", `/${command.name} needs a subcommand: ${command.actions.map((a) => a.name).join(", ")}.`, {
      hints: list(),
    });
  }
  const wanted = name.toLowerCase();
  const action = command.actions.find((a) => a.name === wanted);
  if (!action) {
    // "enrol" for enroll, "updte" for update.
    const close = command.actions.find((a) => distance(a.name, wanted) <= 2);
    throw new UserError("unknown_subcommand", `/${command.name} has no "${name}" subcommand; it has ${command.actions.map((a) => a.name).join(", ")}.`, {
      hints: [...(close ? [`Did you mean /${command.name} ${close.name}?`] : []), ...list()],
    });
  }
  return action;
}

/** Reads a whole line: the command, its action and the raw values of its options. */
export function parseLine(commands: readonly CommandSpec[], line: string): ParsedLine {
  const tokens = tokenize(line.trim());
  const first = tokens.shift();
  if (!first || first.key) throw new UserError("unknown_command", "Type a command, for example /help.");
  refuseHiddenCharacters(first);
  const command = findCommand(commands, first.text);
  if (!isSingleAction(command) && tokens[0] && !tokens[0].key) refuseHiddenCharacters(tokens[0]);
  if (!isSingleAction(command) && tokens[0] && !tokens[0].key && tokens[0].text.toLowerCase() === "help") {
    return { command, action: command.actions[0]!, values: {}, helpRequested: true };
  }
  const action = findAction(command, isSingleAction(command) ? undefined : tokens.shift()?.text);
  try {
    return { command, action, values: assignTokens(action, tokens) };
  } catch (error) {
    if (error instanceof UserError) error.usage ??= usageLine(command, action);
    throw error;
  }
}

/** A command or subcommand name with a character nobody sees would be "no such command" with no visible reason. */
function refuseHiddenCharacters(name: Token): void {
  const problem = hiddenCharacterProblem(name.text);
  if (problem) throw new UserError("invalid_option", `In "${name.text}", ${problem}. Type it again without it.`);
}

function optionForKey(action: ActionSpec<any>, key: string): AnyOption | undefined {
  return Object.values(action.options as Record<string, AnyOption>).find((o) => o.name === key || o.name.replace(/-/g, "") === key);
}

function assignTokens(action: ActionSpec<any>, tokens: Token[]): Record<string, string> {
  const options = Object.values(action.options as Record<string, AnyOption>);
  const positionals = options.filter((o) => o.positional);
  const values: Record<string, string> = {};
  let next = 0;
  for (const token of tokens) {
    if (token.key !== null) {
      const option = optionForKey(action, token.key);
      if (!option) {
        const known = options.map((o) => `${o.name}:`).join(" ");
        const close = options.find((o) => distance(o.name, token.key!) <= 2);
        throw new UserError("unknown_option", `Unknown option "${token.key}:".${known ? ` Options: ${known}` : ""}`, {
          hints: close ? [`Did you mean ${close.name}:?`] : [],
        });
      }
      if (token.text.trim() === "") throw new UserError("missing_option", `"${option.name}:" has no value: expected ${option.expected}.`);
      if (option.key in values) throw new UserError("invalid_option", `${option.name} is given twice.`);
      values[option.key] = token.text;
      continue;
    }
    while (next < positionals.length && positionals[next]!.key in values) next++;
    const option = positionals[next++];
    if (!option) {
      throw new UserError("too_many_values", `Unexpected value "${token.text}". Give named options as key:value.`);
    }
    values[option.key] = token.text;
  }
  return values;
}

/**
 * Checks raw values (text, or typed values from Discord) against the action's options and
 * returns the handler's input. Errors name the option, what was given and what is expected.
 */
/**
 * Reads every option's value. Without a number style (`numberStyle: null`: the workspace is not
 * read yet), a value whose meaning depends on it is refused only when every style refuses it
 * alike ("lots"), and otherwise left for the run to read in the workspace's style ("1,5").
 */
export function validateInput(
  command: CommandSpec,
  action: ActionSpec<any>,
  raw: Record<string, unknown>,
  env: Omit<ParseEnv, "numberStyle"> & { numberStyle: NumberStyle | null },
): Record<string, unknown> {
  // Only a mistake shows the usage line: made then, not on every command.
  const usage = () => usageLine(command, action);
  const input: Record<string, unknown> = {};
  const invalid = (option: AnyOption, reason: string) =>
    new UserError("invalid_option", `Invalid ${option.name}: ${reason}. Expected ${option.expectedFor(env.numberStyle)}.`, { usage: usage() });
  for (const option of Object.values(action.options as Record<string, AnyOption>)) {
    const value = raw[option.key];
    if (value === undefined || value === null || value === "") {
      if (option.required) {
        throw new UserError("missing_option", `${actionPath(command, action)} needs ${option.name}: ${option.description.replace(/\.$/, "")}, ${option.expectedFor(env.numberStyle)}.`, { usage: usage() });
      }
      continue;
    }
    const hidden = typeof value === "string" ? hiddenCharacterProblem(value) : null;
    if (hidden) throw new UserError("invalid_option", `Invalid ${option.name}: ${hidden}. Type it again without it.`, { usage: usage() });
    if (env.numberStyle === null && option.readsNumbers) {
      const results = NUMBER_STYLES.map((numberStyle) => option.parse(value, { ...env, numberStyle }));
      const reasons = new Set(results.map((r) => (r.ok ? null : r.reason)));
      const [only] = reasons;
      if (reasons.size === 1 && only) throw invalid(option, only);
      continue;
    }
    const result = option.parse(value, { ...env, numberStyle: env.numberStyle ?? DEFAULT_NUMBER_STYLE });
    if (!result.ok) throw invalid(option, result.reason);
    input[option.key] = result.value;
  }
  for (const key of Object.keys(raw)) {
    if (!(key in (action.options as object)) && raw[key] !== undefined) {
      throw new UserError("unknown_option", `Unknown option "${key}".`, { usage: usage() });
    }
  }
  return input;
}
