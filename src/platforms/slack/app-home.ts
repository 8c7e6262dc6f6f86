// Slack's App Home tab (issue 23, a home view): when a person opens the app's Home tab Slack sends
// app_home_opened (through our HTTP receiver, signed and checked like any request, or over Socket
// Mode); the bot runs /home as that person, through the dispatcher like a typed command (same role:
// the team's view, or a linked creator's /my), and publishes the reply with views.publish as a
// "home" view. It is published again after the person's own commands that change something
// (slash-commands.ts), typed or sent from a button or a form on a message (button-clicks.ts), and
// after a click on one of its own buttons. What the view
// holds is decided by /home (src/reports/home.ts): nothing here but drawing it.

import type { App } from "@slack/bolt";
import { HomeTab } from "slack-block-builder";
import type { Caller } from "../../core/dispatch.ts";
import { errorReply, type Reply } from "../../core/reply.ts";
import { replyBlocks } from "./blocks.ts";
import { slackErrorCode } from "./deliver.ts";
import type { SlashCommandDeps } from "./slash-commands.ts";

/** Slack's limit on a home view's blocks. */
const MAX_HOME_BLOCKS = 100;
export const HOME_LINE = "/home";

export function registerAppHome(app: App, deps: SlashCommandDeps): void {
  app.event("app_home_opened", async ({ event, body }) => {
    // The Messages tab opening sends the same event: only the Home tab is drawn.
    if (event.tab !== "home") return;
    const team = (body as { team_id?: string }).team_id;
    if (!team || !event.user) {
      deps.log.warn({ team }, "slack app_home_opened without its team or user");
      return;
    }
    if (deps.isStopping()) return;
    deps.homeOpened.add(`${team}:${event.user}`);
    await deps.inFlight.run(() => publishHome(deps, team, event.user));
  });
}

/**
 * After a person's own command that changed something, their Home tab is published again, in the
 * background: only for someone who has opened it since the bot started (the others see it fresh
 * when they open it), so a command costs no more for people who never look at it.
 */
export function refreshHomeAfterChange(deps: SlashCommandDeps, team: string, user: string): void {
  if (deps.isStopping() || !deps.homeOpened.has(`${team}:${user}`)) return;
  deps.inFlight.run(() => publishHome(deps, team, user)).catch(() => undefined);
}

/** Runs /home as the person and publishes it to their Home tab; a failure is logged, never thrown. */
export async function publishHome(deps: SlashCommandDeps, team: string, user: string): Promise<void> {
  let reply: Reply;
  try {
    const me = await deps.people.find(team, user).catch(() => null);
    const caller: Caller = {
      platform: "slack",
      workspaceId: team,
      userId: user,
      userName: me?.name ?? user,
      platformAdmin: me?.admin ?? false,
      people: deps.people.directory(team),
      channelId: null,
    };
    reply = await deps.core.dispatcher.runLine(caller, HOME_LINE);
  } catch (error) {
    deps.log.error({ err: { message: (error as Error).message }, team }, "slack home view failed");
    reply = errorReply("Your home view could not be built; the bot's operators can find the details in the logs.", "internal");
  }
  try {
    await deps.publishView(user, homeView(deps.names.reply(reply)));
  } catch (error) {
    deps.log.warn({ error: slackErrorCode(error), team }, "slack views.publish failed");
  }
}

/**
 * A click on a Home tab button, or the submission of the form one opened (neither has a response
 * URL): the reply goes to the person in a direct message (the poster's sendPrivately), then their
 * Home tab is published again.
 */
export async function answerHomeClick(deps: SlashCommandDeps, team: string, user: string, reply: Reply): Promise<void> {
  try {
    if (!deps.poster?.sendPrivately) throw new Error("no private messages");
    await deps.poster.sendPrivately({ platform: "slack", workspaceExternalId: team, userId: user, slug: `home-${Date.now()}` }, deps.names.reply(reply));
  } catch (error) {
    deps.log.warn({ error: slackErrorCode(error), team }, "slack home click answer failed");
  }
  await publishHome(deps, team, user);
}

/** The reply as a home view: its blocks within Slack's 100 (the last ones say where the rest is). */
export function homeView(reply: Reply): object {
  let blocks = replyBlocks(reply);
  if (blocks.length > MAX_HOME_BLOCKS) {
    const shortened = { ...reply, blocks: reply.blocks, notes: [...reply.notes, "More than this tab can show: type /home for all of it."] };
    blocks = replyBlocks(shortened);
    const tail = blocks.slice(-2);
    blocks = [...blocks.slice(0, MAX_HOME_BLOCKS - tail.length), ...tail];
  }
  return HomeTab().blocks(...blocks).buildToObject();
}
