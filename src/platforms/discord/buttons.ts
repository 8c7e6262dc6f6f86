// The bot's buttons in Discord: each ReplyAction is a button whose custom_id carries the command
// it stands for (src/core/clicks.ts), as `cb:<r|u>:<asked option keys>:<line>` within Discord's
// 100 characters; a command too long for that is shown as the line to type instead. A button that
// asks first (a note) opens a modal whose custom_id carries the same (`cbf:…`).

import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import { clickOf, typedAction, type Click } from "../../core/clicks.ts";
import type { ReplyAction } from "../../core/reply.ts";

export const BUTTON_PREFIX = "cb:";
export const BUTTON_FORM_PREFIX = "cbf:";
/** Discord's limits: a custom_id, a button's label, buttons in a row, rows in a message. */
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;

/** A click as a custom_id (without the prefix), or null when it is too long for one. */
export function encodeClick(click: Click, prefix = BUTTON_PREFIX): string | null {
  const id = `${prefix}${click.then === "replace" ? "u" : "r"}:${click.ask.join(",")}:${click.command}`;
  // The form's id is one character longer: a button that asks must leave room for it.
  const room = MAX_CUSTOM_ID - (click.ask.length > 0 && prefix === BUTTON_PREFIX ? BUTTON_FORM_PREFIX.length - BUTTON_PREFIX.length : 0);
  return id.length <= room ? id : null;
}

/** The click a custom_id carries, or null. */
export function decodeClick(customId: string, prefix = BUTTON_PREFIX): Click | null {
  if (!customId.startsWith(prefix)) return null;
  const match = /^([ru]):([\w,]*):(\/.+)$/s.exec(customId.slice(prefix.length));
  if (!match) return null;
  return { then: match[1] === "u" ? "replace" : "reply", ask: match[2] ? match[2].split(",") : [], command: match[3]! };
}

const STYLES = { primary: ButtonStyle.Success, danger: ButtonStyle.Danger } as const;

/** The buttons in rows of five; those that cannot be buttons, as lines to type. */
export function actionRows(actions: readonly ReplyAction[]): { rows: APIActionRowComponent<APIButtonComponent>[]; typed: string[] } {
  const buttons: APIButtonComponent[] = [];
  const typed: string[] = [];
  for (const action of actions) {
    const customId = encodeClick(clickOf(action));
    if (!customId || buttons.length >= BUTTONS_PER_ROW * MAX_ROWS) {
      typed.push(`${action.label}: type ${typedAction(action)}`);
      continue;
    }
    buttons.push({ type: ComponentType.Button, custom_id: customId, label: action.label.slice(0, MAX_LABEL), style: action.style ? STYLES[action.style] : ButtonStyle.Secondary });
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW) });
  return { rows, typed };
}
