// The form a button that asks first opens in Slack (a note), also opened for a command a form
// completes, sent without its required options (a bare /creator add: slash-commands.ts): a
// Block Kit modal (views.open with the click's or the command's trigger_id) whose
// private_metadata carries the line, the channel and the response URL; its view_submission
// (BUTTON_FORM_CALLBACK, button-clicks.ts) runs the line with the answers as the person who
// submits it. Its own file so the slash commands and the buttons share it without a circle.

import { Blocks, Elements, Modal } from "slack-block-builder";
import { askedOptions, type Click } from "../../core/clicks.ts";
import { literalMrkdwn, noticeMessage } from "./blocks.ts";
import { slackErrorCode } from "./deliver.ts";
import { INPUT_ACTION } from "./form-answers.ts";
import type { FormDeps } from "./private-form.ts";

export const BUTTON_FORM_CALLBACK = "button-form";
/** Slack's limits: a modal's title, its private_metadata. */
const MAX_TITLE = 24;
const MAX_METADATA = 3000;

/** What the form carries back; written by the bot, returned by Slack with a signed submission. */
export interface FormMetadata {
  click: Click;
  channel: string | null;
  responseUrl: string;
  /** The message the button was on ("channel/ts"), which a decision replaces. */
  message?: string | null;
}

/** Who clicked (or sent the command), and where. */
export interface Clicker {
  team: string;
  teamDomain?: string;
  user: string;
  userName: string;
  channel: string | null;
  responseUrl: string;
  /** The message the button was on ("channel/ts", a poster's reference), when it was on one. */
  message?: string | null;
}

/** What opening the form needs (the slash commands' dependencies include these). */
export interface ButtonFormDeps extends Pick<FormDeps, "core" | "names" | "log"> {
  /** Opens a modal (views.open) with a trigger_id. */
  openView: (triggerId: string, view: object) => Promise<void>;
  /** Posts to a response URL. */
  postToResponseUrl: (url: string, message: unknown) => Promise<void>;
}

/**
 * Opens the form asking `click.ask` (a button's note; or the required options of a command sent
 * without them, `multiline` off); its submission (BUTTON_FORM_CALLBACK) runs the line with the answers.
 */
export async function openForm(click: Click, label: string, triggerId: string, clicker: Clicker, deps: ButtonFormDeps, multiline = true): Promise<void> {
  const options = askedOptions(deps.core.dispatcher, click);
  if (!options) return notice("This form no longer matches a command of the bot; nothing was run. Type the command instead.", clicker, deps);
  const privateMetaData = JSON.stringify({ click, channel: clicker.channel, responseUrl: clicker.responseUrl, message: clicker.message ?? null } satisfies FormMetadata);
  if (privateMetaData.length > MAX_METADATA) return notice(`This button's command is too long to carry into a form; type it instead: ${click.command}`, clicker, deps);
  const view = Modal({ title: label.slice(0, MAX_TITLE), callbackId: BUTTON_FORM_CALLBACK, privateMetaData, submit: "Send", close: "Cancel" })
    .blocks(
      Blocks.Section({ text: literalMrkdwn(deps.names.text(click.command)) }),
      ...options.map((option) =>
        Blocks.Input({ blockId: option.key, label: option.name.slice(0, 2000), hint: option.description.slice(0, 2000) })
          .optional(!option.required)
          .element(Elements.TextInput({ actionId: INPUT_ACTION, multiline, maxLength: Math.min(option.config.maxLength ?? 3000, 3000) })),
      ),
    )
    .buildToObject();
  try {
    await deps.openView(triggerId, view);
  } catch (error) {
    deps.log.warn({ error: slackErrorCode(error), team: clicker.team }, "slack views.open failed for a button");
    await notice(`The form could not be opened (Slack refused it or it took too long); nothing was run. Please ${multiline ? "click" : "run the command"} again.`, clicker, deps);
  }
}

/** A notice posted only to the person, through the response URL. */
export const notice = (text: string, clicker: Clicker, deps: ButtonFormDeps) =>
  deps.postToResponseUrl(clicker.responseUrl, { ...noticeMessage(text), replace_original: false }).catch((error: unknown) => deps.log.warn({ error: slackErrorCode(error) }, "slack notice failed"));
