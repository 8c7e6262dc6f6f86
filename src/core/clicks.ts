// A click on a button (a ReplyAction) run as the command it names: the same line read by the
// same grammar, run by the same dispatcher for the person who clicks (role check, activity
// record). A form's answers are added only for the options the button asked, each checked by
// its value parser as if typed; anything else a payload carries is dropped.

import type { Caller, Dispatcher } from "./dispatch.ts";
import type { AnyOption } from "./options.ts";
import { errorReply, type Reply, type ReplyAction } from "./reply.ts";

/** What a click carries back to the bot: the line, the asked options' keys, and what its reply does. */
export interface Click {
  command: string;
  ask: string[];
  then: "replace" | "reply";
}

export const clickOf = (action: ReplyAction): Click => ({ command: action.command, ask: action.ask ?? [], then: action.then ?? "reply" });

/** An option key as typed in a line (`dueDate` → `due-date`). */
export const typedKey = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The line the shell prints for a button: `/post request-changes https://… note:"…"`. */
export const typedAction = (action: Pick<ReplyAction, "command" | "ask">) => [action.command, ...(action.ask ?? []).map((key) => `${typedKey(key)}:"…"`)].join(" ");

/** The options a click's form asks, from the command's spec (labels, descriptions, limits); null when the line names no command or an unknown option. */
export function askedOptions(dispatcher: Pick<Dispatcher, "describe">, click: Click): AnyOption[] | null {
  const found = actionOf(dispatcher, click);
  if (!found) return null;
  const options = found.action.options as Record<string, AnyOption>;
  const asked = click.ask.map((key) => options[key]);
  return asked.every((o): o is AnyOption => o !== undefined) ? asked : null;
}

/** The command a click's line names (its action spec), or null when it names none. */
function actionOf(dispatcher: Pick<Dispatcher, "describe">, click: Click) {
  const [first, second] = click.command.trim().split(/\s+/);
  const name = (first ?? "").replace(/^\//, "");
  return dispatcher.describe(name, second ?? "") ?? dispatcher.describe(name, "");
}

/** Whether a click's command is one that changes something (its spec's mutates), as a typed one is judged. */
export const clickMutates = (dispatcher: Pick<Dispatcher, "describe">, click: Click): boolean => actionOf(dispatcher, click)?.action.mutates ?? false;

/** Runs a click (with its form's answers by option key) for `caller`. */
export async function runClick(dispatcher: Dispatcher, caller: Caller, click: Click, answers: Record<string, string | undefined> = {}): Promise<Reply> {
  const supplied: Record<string, string> = {};
  for (const key of click.ask) {
    const value = answers[key]?.trim();
    if (value) supplied[key] = value;
  }
  const prepared = dispatcher.prepareLine(click.command, supplied);
  if ("status" in prepared) return prepared;
  // The activity record keeps the line with the form's answers, as if they had been typed.
  const line = [prepared.line, ...Object.entries(supplied).map(([key, value]) => `${typedKey(key)}:${JSON.stringify(value)}`)].join(" ");
  return dispatcher.runPrepared(caller, { ...prepared, line });
}

/** Reads a click as a platform carried it back (the JSON it was given), or null when it is not one. */
export function readClick(raw: string | undefined): Click | null {
  try {
    const value = JSON.parse(raw ?? "") as Partial<Click>;
    if (typeof value.command !== "string" || !value.command.startsWith("/")) return null;
    const ask = Array.isArray(value.ask) ? value.ask.filter((k): k is string => typeof k === "string") : [];
    return { command: value.command, ask, then: value.then === "replace" ? "replace" : "reply" };
  } catch {
    return null;
  }
}

export const staleClick = () => errorReply("This button no longer matches a command of the bot; nothing was run. Type the command instead.", "invalid_option");
