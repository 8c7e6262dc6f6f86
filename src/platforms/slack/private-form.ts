// The bot's modals in Slack: a command with options that must not be typed in a channel (a
// shop's signing secret) opens a form for them instead (views.open with the command's
// trigger_id). The form carries the command line, the channel and the command's response URL in
// its private_metadata (never the secret: that is only in the submission's state), so any
// replica can run the submission. On view_submission the same line runs through the dispatcher
// with the form's answers, as the same person (same role check, same activity record), and the
// reply goes privately through the response URL. Nothing here logs a payload.

import type { App, SlackViewAction } from "@slack/bolt";
import { Blocks, Elements, Modal } from "slack-block-builder";
import type { PrivateAsk } from "../../core/private-options.ts";
import { privateAnswers } from "../../core/private-options.ts";
import { errorReply, type Reply } from "../../core/reply.ts";
import { actionPath } from "../../core/spec.ts";
import type { Caller } from "../../core/dispatch.ts";
import type { Core } from "../../core/core.ts";
import type { Logger } from "../../log.ts";
import type { InFlight } from "../shared/in-flight.ts";
import type { SlackPeople } from "./people.ts";
import type { SlackCommandNames } from "./command-names.ts";
import { deliverReply, slackErrorCode } from "./deliver.ts";
import { noticeMessage } from "./blocks.ts";
import { answersOf, INPUT_ACTION } from "./form-answers.ts";
import type { ChannelPoster } from "../../digest/delivery.ts";
import { sendDeliveries } from "../shared/deliveries.ts";

export const PRIVATE_FORM_CALLBACK = "private-options";

/** Slack's limit for private_metadata. */
const MAX_METADATA = 3000;
/** The text input's action id inside each option's input block (the block id is the option's key). */

/** What the form carries back; written by the bot, returned by Slack with a signed submission. */
export interface FormMetadata {
  line: string;
  channel: string | null;
  responseUrl: string;
}

/** The modal asking for `ask`'s options, or null when the command is too long to carry. */
export function privateFormView(ask: PrivateAsk & { line: string }, metadata: FormMetadata, names: { text(s: string): string }) {
  const privateMetaData = JSON.stringify(metadata);
  if (privateMetaData.length > MAX_METADATA) return null;
  const path = names.text(actionPath(ask.command, ask.action));
  return Modal({ title: path.slice(0, 24), callbackId: PRIVATE_FORM_CALLBACK, privateMetaData, submit: "Run", close: "Cancel" })
    .blocks(
      Blocks.Section({ text: `${names.text(ask.line).replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)}\nOnly the bot reads what you type here; it is never shown in a channel or logged.` }),
      ...ask.options.map((option) =>
        Blocks.Input({ blockId: option.key, label: option.name.slice(0, 2000), hint: option.description.slice(0, 2000) }).element(
          Elements.TextInput({ actionId: INPUT_ACTION, maxLength: option.config.maxLength }),
        ),
      ),
    )
    .buildToObject();
}

function readMetadata(raw: string | undefined): FormMetadata | null {
  try {
    const value = JSON.parse(raw ?? "") as Partial<FormMetadata>;
    if (typeof value.line !== "string" || typeof value.responseUrl !== "string") return null;
    return { line: value.line, channel: typeof value.channel === "string" ? value.channel : null, responseUrl: value.responseUrl };
  } catch {
    return null;
  }
}


/** What running a submitted form needs (the slash commands' dependencies include these). */
export interface FormDeps {
  core: Core;
  /** Who people are and whether they administer the team (users.info, cached). */
  people: SlackPeople;
  inFlight: InFlight;
  isStopping: () => boolean;
  log: Logger;
  names: SlackCommandNames;
  /** Sends a command's messages elsewhere (a review channel, a direct message). */
  poster?: ChannelPoster;
  /** Posts to a response URL (the form's command's: its answer goes there). */
  postToResponseUrl: (url: string, message: unknown) => Promise<void>;
}

export function registerPrivateForms(app: App, deps: FormDeps): void {
  app.view<SlackViewAction>(PRIVATE_FORM_CALLBACK, async ({ ack, body, view }) => {
    // Closes the form at once; the answer comes through the response URL.
    await ack();
    const metadata = readMetadata(view.private_metadata);
    const team = body.team?.id ?? body.user.team_id;
    if (!metadata || !team || !body.user.id) {
      deps.log.warn({ team }, "slack form submission without its command");
      return;
    }
    const target = {
      respond: (message: unknown) => deps.postToResponseUrl(metadata.responseUrl, message),
      upload: async () => {
        throw Object.assign(new Error("no upload from a form"), { data: { error: "channel_not_found" } });
      },
      onProblem: (problem: string, error: unknown) => deps.log.warn({ problem, error: slackErrorCode(error), team }, "slack delivery"),
    };
    if (deps.isStopping()) {
      await target.respond(noticeMessage("The bot is restarting; nothing was run. Please run the command again in a minute.")).catch(() => undefined);
      return;
    }
    const caller: Caller = {
      platform: "slack",
      workspaceId: team,
      workspaceName: body.team?.domain || undefined,
      userId: body.user.id,
      userName: body.user.name || body.user.id,
      channelId: metadata.channel,
    };
    await deps.inFlight.run(async () => {
      const reply = await runSubmitted(metadata.line, answersOf(view), caller, deps);
      await deliverReply(reply, target, deps.names);
    });
  });
}

async function runSubmitted(line: string, answers: Record<string, string | undefined>, caller: Caller, deps: FormDeps): Promise<Reply> {
  const { dispatcher } = deps.core;
  const ask = dispatcher.askForLine(line);
  if (!ask || "status" in ask) return ask ?? errorReply("This form no longer matches its command; nothing was run. Please run the command again.", "invalid_option");
  const prepared = dispatcher.prepareLine(line, privateAnswers(ask, answers));
  if ("status" in prepared) return prepared;
  try {
    // As for a command: Slack says who the person is and whether they administer the team.
    const me = await deps.people.find(caller.workspaceId, caller.userId).catch(() => null);
    const reply = await dispatcher.runPrepared({ ...caller, userName: me?.name ?? caller.userName, platformAdmin: me?.admin ?? false, people: deps.people.directory(caller.workspaceId) }, prepared);
    return await sendDeliveries(reply, deps.poster, { platform: "slack", workspaceExternalId: caller.workspaceId }, deps.log, { db: deps.core.db });
  } catch (error) {
    deps.log.error({ err: { message: (error as Error).message }, team: caller.workspaceId }, "slack form failed");
    return errorReply("Something went wrong. Nothing was saved; the bot's operators can find the details in the logs.", "internal");
  }
}
