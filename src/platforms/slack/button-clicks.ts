// Clicks on the bot's buttons in Slack (block_actions, signed and checked by the receiver like a
// command, or over Socket Mode through Bolt). A button's value is the command it stands for
// (src/core/clicks.ts): the click runs that line through the dispatcher as the person who
// clicked, with the same role check and activity record as the typed command. A button that
// asks first (a note) opens a modal (views.open with the click's trigger_id) whose submission
// runs the line with the answers. The reply goes through the click's response_url: a decision
// ("replace") replaces the message the button was on with the outcome, anything refused goes
// privately to the clicker. Kept apart from other interactivity (message shortcuts, forms). The
// form itself is drawn by button-form.ts, which a bare /creator add opens too. A click or a form
// that changed something publishes the clicker's Home tab again, as a typed command does.

import type { App, BlockButtonAction, SlackViewAction } from "@slack/bolt";
import { clickMutates, readClick, runClick, staleClick, type Click } from "../../core/clicks.ts";
import { BUTTON_FORM_CALLBACK, notice, openForm, type Clicker, type FormMetadata } from "./button-form.ts";
import type { Caller } from "../../core/dispatch.ts";
import { errorReply, type Reply } from "../../core/reply.ts";
import { answerHomeClick } from "./app-home.ts";
import { BUTTON_ACTION_PREFIX, renderMessages } from "./blocks.ts";
import { deliverReply, slackErrorCode, type DeliveryTarget } from "./deliver.ts";
import { answersOf } from "./form-answers.ts";
import type { SlashCommandDeps } from "./slash-commands.ts";
import { sendDeliveries } from "../shared/deliveries.ts";

const BUTTON_ACTION = new RegExp(`^${BUTTON_ACTION_PREFIX}`);

export function registerButtonClicks(app: App, deps: SlashCommandDeps): void {
  app.action<BlockButtonAction>({ type: "block_actions", action_id: BUTTON_ACTION }, async ({ ack, body, action }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id;
    // A click on the Home tab has no response URL: answered in a direct message (app-home.ts).
    const view = (body as { view?: { type?: string } }).view;
    if (team && body.user.id && !body.response_url && view?.type === "home") {
      const click = readClick(action.value);
      const clicker: Clicker = { team, teamDomain: body.team?.domain, user: body.user.id, userName: body.user.name || body.user.username || body.user.id, channel: null, responseUrl: "" };
      if (deps.isStopping()) return;
      // A button that asks first opens its form; the form carries no response URL, so its answer goes the same way.
      if (click && click.ask.length > 0) return openForm(click, action.text.text, body.trigger_id, clicker, deps);
      await deps.inFlight.run(async () => answerHomeClick(deps, team, body.user.id, click ? await run(click, {}, clicker, deps) : staleClick()));
      return;
    }
    if (!team || !body.user.id || !body.response_url) {
      deps.log.warn({ team }, "slack button click without its team, user or response URL");
      return;
    }
    const clicker: Clicker = {
      team,
      teamDomain: body.team?.domain,
      user: body.user.id,
      userName: body.user.name || body.user.username || body.user.id,
      channel: body.channel?.id ?? null,
      responseUrl: body.response_url,
      message: body.container?.channel_id && body.container?.message_ts ? `${body.container.channel_id}/${body.container.message_ts}` : null,
    };
    const click = readClick(action.value);
    if (!click) return deliver(staleClick(), { command: "", ask: [], then: "reply" }, clicker, deps);
    if (deps.isStopping()) return notice("The bot is restarting; nothing was run. Please click again in a minute.", clicker, deps);
    if (click.ask.length > 0) return openForm(click, action.text.text, body.trigger_id, clicker, deps);
    await deps.inFlight.run(async () => deliver(await changing(click, {}, clicker, deps), click, clicker, deps));
  });

  app.view<SlackViewAction>(BUTTON_FORM_CALLBACK, async ({ ack, body, view }) => {
    // Closes the form at once; the answer comes through the click's response URL.
    await ack();
    const metadata = readMetadata(view.private_metadata);
    const team = body.team?.id ?? body.user.team_id;
    if (!metadata || !team || !body.user.id) {
      deps.log.warn({ team }, "slack button form without its click");
      return;
    }
    const clicker: Clicker = {
      team,
      teamDomain: body.team?.domain,
      user: body.user.id,
      userName: body.user.name || body.user.id,
      channel: metadata.channel,
      responseUrl: metadata.responseUrl,
      message: metadata.message ?? null,
    };
    // A form opened from the Home tab (no response URL): answered in a direct message, the tab published again.
    const fromHome = metadata.responseUrl === "";
    if (deps.isStopping()) return fromHome ? undefined : notice("The bot is restarting; nothing was run. Please click again in a minute.", clicker, deps);
    if (fromHome) return deps.inFlight.run(async () => answerHomeClick(deps, team, body.user.id, await run(metadata.click, answersOf(view), clicker, deps)));
    await deps.inFlight.run(async () => deliver(await changing(metadata.click, answersOf(view), clicker, deps), metadata.click, clicker, deps));
  });
}

/**
 * Runs a click or a form's submission; when its command changes something and it went through, the
 * clicker's Home tab is published again, as after a typed command (app-home.ts refreshHomeAfterChange).
 * Not for Home tab clicks: answerHomeClick publishes the tab itself.
 */
async function changing(click: Click, answers: Record<string, string | undefined>, clicker: Clicker, deps: SlashCommandDeps): Promise<Reply> {
  const reply = await run(click, answers, clicker, deps);
  if (reply.status === "ok" && clickMutates(deps.core.dispatcher, click)) deps.afterChange?.(clicker.team, clicker.user);
  return reply;
}

async function run(click: Click, answers: Record<string, string | undefined>, clicker: Clicker, deps: SlashCommandDeps): Promise<Reply> {
  try {
    // As for a command: Slack says who the person is and whether they administer the team.
    const me = await deps.people.find(clicker.team, clicker.user).catch(() => null);
    const caller: Caller = {
      platform: "slack",
      workspaceId: clicker.team,
      workspaceName: clicker.teamDomain || undefined,
      userId: clicker.user,
      userName: me?.name ?? clicker.userName,
      platformAdmin: me?.admin ?? false,
      people: deps.people.directory(clicker.team),
      channelId: clicker.channel,
    };
    const reply = await runClick(deps.core.dispatcher, caller, click, answers);
    // A decision replaces the clicked message through the response URL; a delivery updating that same message is left to it.
    const clickedMessage = click.then === "replace" ? clicker.message : null;
    return await sendDeliveries(reply, deps.poster, { platform: "slack", workspaceExternalId: clicker.team }, deps.log, { db: deps.core.db, clickedMessage });
  } catch (error) {
    deps.log.error({ err: { message: (error as Error).message }, team: clicker.team }, "slack button click failed");
    return errorReply("Something went wrong. Nothing was saved; the bot's operators can find the details in the logs.", "internal");
  }
}

/** A decision replaces the message its button was on; anything else (and every refusal) is answered as a command is. */
async function deliver(reply: Reply, click: Click, clicker: Clicker, deps: SlashCommandDeps): Promise<void> {
  const target: DeliveryTarget = {
    respond: (message) => deps.postToResponseUrl(clicker.responseUrl, message),
    upload: async (file) => {
      if (!clicker.channel) throw Object.assign(new Error("no channel"), { data: { error: "channel_not_found" } });
      await deps.upload(clicker.channel, file);
    },
    onProblem: (problem, error) => deps.log.warn({ problem, error: slackErrorCode(error), team: clicker.team }, "slack delivery"),
  };
  if (click.then === "replace" && reply.status === "ok") {
    const [first, ...rest] = renderMessages(deps.names.reply({ ...reply, visibility: "channel" }));
    try {
      await deps.postToResponseUrl(clicker.responseUrl, { text: first!.text, blocks: first!.blocks, replace_original: true });
      for (const message of rest) await deps.postToResponseUrl(clicker.responseUrl, { ...message, replace_original: false });
    } catch (error) {
      target.onProblem?.("response_url post failed", error);
    }
    return;
  }
  await deliverReply(reply, target, deps.names);
}


function readMetadata(raw: string | undefined): FormMetadata | null {
  try {
    const value = JSON.parse(raw ?? "") as Partial<FormMetadata>;
    const click = readClick(JSON.stringify(value.click ?? null));
    if (!click || typeof value.responseUrl !== "string") return null;
    return { click, channel: typeof value.channel === "string" ? value.channel : null, responseUrl: value.responseUrl, message: typeof value.message === "string" ? value.message : null };
  } catch {
    return null;
  }
}

