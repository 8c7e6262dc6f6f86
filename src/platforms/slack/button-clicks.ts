// Clicks on the bot's buttons in Slack (block_actions, signed and checked by the receiver like a
// command, or over Socket Mode through Bolt). A button's value is the command it stands for
// (src/core/clicks.ts): the click runs that line through the dispatcher as the person who
// clicked, with the same role check and activity record as the typed command. A button that
// asks first (a note) opens a modal (views.open with the click's trigger_id) whose submission
// runs the line with the answers. The reply goes through the click's response_url: a decision
// ("replace") replaces the message the button was on with the outcome, anything refused goes
// privately to the clicker. Kept apart from other interactivity (message shortcuts, forms).

import type { App, BlockButtonAction, SlackViewAction } from "@slack/bolt";
import { Blocks, Elements, Modal } from "slack-block-builder";
import { askedOptions, readClick, typedAction, runClick, staleClick, type Click } from "../../core/clicks.ts";
import type { Caller } from "../../core/dispatch.ts";
import { errorReply, type Reply } from "../../core/reply.ts";
import { answerHomeClick } from "./app-home.ts";
import { BUTTON_ACTION_PREFIX, literalMrkdwn, noticeMessage, renderMessages } from "./blocks.ts";
import { deliverReply, slackErrorCode, type DeliveryTarget } from "./deliver.ts";
import { answersOf, INPUT_ACTION } from "./form-answers.ts";
import type { SlashCommandDeps } from "./slash-commands.ts";
import { sendDeliveries } from "../shared/deliveries.ts";

export const BUTTON_FORM_CALLBACK = "button-form";
const BUTTON_ACTION = new RegExp(`^${BUTTON_ACTION_PREFIX}`);
/** Slack's limits: a modal's title, its private_metadata. */
const MAX_TITLE = 24;
const MAX_METADATA = 3000;

interface FormMetadata {
  click: Click;
  channel: string | null;
  responseUrl: string;
}

/** Who clicked, and where. */
interface Clicker {
  team: string;
  teamDomain?: string;
  user: string;
  userName: string;
  channel: string | null;
  responseUrl: string;
}

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
      await deps.inFlight.run(async () => {
        const reply = !click ? staleClick() : click.ask.length > 0 ? errorReply(`This button asks first; type it instead: ${deps.names.text(typedAction(click))}`, "invalid_option") : await run(click, {}, clicker, deps);
        await answerHomeClick(deps, team, body.user.id, reply);
      });
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
    };
    const click = readClick(action.value);
    if (!click) return deliver(staleClick(), { command: "", ask: [], then: "reply" }, clicker, deps);
    if (deps.isStopping()) return notice("The bot is restarting; nothing was run. Please click again in a minute.", clicker, deps);
    if (click.ask.length > 0) return openForm(click, action.text.text, body.trigger_id, clicker, deps);
    await deps.inFlight.run(async () => deliver(await run(click, {}, clicker, deps), click, clicker, deps));
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
    };
    if (deps.isStopping()) return notice("The bot is restarting; nothing was run. Please click again in a minute.", clicker, deps);
    await deps.inFlight.run(async () => deliver(await run(metadata.click, answersOf(view), clicker, deps), metadata.click, clicker, deps));
  });
}

async function openForm(click: Click, label: string, triggerId: string, clicker: Clicker, deps: SlashCommandDeps): Promise<void> {
  const options = askedOptions(deps.core.dispatcher, click);
  if (!options) return deliver(staleClick(), click, clicker, deps);
  const privateMetaData = JSON.stringify({ click, channel: clicker.channel, responseUrl: clicker.responseUrl } satisfies FormMetadata);
  if (privateMetaData.length > MAX_METADATA) return notice(`This button's command is too long to carry into a form; type it instead: ${click.command}`, clicker, deps);
  const view = Modal({ title: label.slice(0, MAX_TITLE), callbackId: BUTTON_FORM_CALLBACK, privateMetaData, submit: "Send", close: "Cancel" })
    .blocks(
      Blocks.Section({ text: literalMrkdwn(deps.names.text(click.command)) }),
      ...options.map((option) =>
        Blocks.Input({ blockId: option.key, label: option.name.slice(0, 2000), hint: option.description.slice(0, 2000) })
          .optional(!option.required)
          .element(Elements.TextInput({ actionId: INPUT_ACTION, multiline: true, maxLength: Math.min(option.config.maxLength ?? 3000, 3000) })),
      ),
    )
    .buildToObject();
  try {
    await deps.openView(triggerId, view);
  } catch (error) {
    deps.log.warn({ error: slackErrorCode(error), team: clicker.team }, "slack views.open failed for a button");
    await notice("The form could not be opened (Slack refused it or it took too long); nothing was run. Please click again.", clicker, deps);
  }
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
    return await sendDeliveries(reply, deps.poster, { platform: "slack", workspaceExternalId: clicker.team }, deps.log);
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

const notice = (text: string, clicker: Clicker, deps: SlashCommandDeps) =>
  deps.postToResponseUrl(clicker.responseUrl, { ...noticeMessage(text), replace_original: false }).catch((error: unknown) => deps.log.warn({ error: slackErrorCode(error) }, "slack notice failed"));

function readMetadata(raw: string | undefined): FormMetadata | null {
  try {
    const value = JSON.parse(raw ?? "") as Partial<FormMetadata>;
    const click = readClick(JSON.stringify(value.click ?? null));
    if (!click || typeof value.responseUrl !== "string") return null;
    return { click, channel: typeof value.channel === "string" ? value.channel : null, responseUrl: value.responseUrl };
  } catch {
    return null;
  }
}

