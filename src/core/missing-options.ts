// Commands a form may complete: an action whose spec says `formWhenMissing` and that arrives in
// a chat platform with none of its required options (a bare `/creator add`) opens a form asking
// for them (the adapters draw it with the forms they already have: a Slack modal, a Discord
// modal); its answers run the same command, as the same person. With some but not all of them
// given, the usage error stays; the shell, which has no forms, always answers with it.

import type { AnyOption } from "./options.ts";
import type { ActionSpec, CommandSpec } from "./spec.ts";

/** What a form for a command given without its required options asks. */
export interface MissingAsk {
  command: CommandSpec;
  action: ActionSpec<any>;
  /** The required options, in the spec's order (never the private ones: their own form asks them). */
  options: AnyOption[];
}

const given = (value: unknown) => value !== undefined && value !== null && value !== "";

/** The required options a form asks when `values` gives none of them and the action allows it, else null. */
export function missingOptions(action: ActionSpec<any>, values: Record<string, unknown>): AnyOption[] | null {
  if (!action.formWhenMissing) return null;
  const required = Object.values(action.options as Record<string, AnyOption>).filter((o) => o.required && o.kind !== "secret");
  if (required.length === 0 || required.some((o) => given(values[o.key]))) return null;
  return required;
}
