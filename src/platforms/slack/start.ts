// The Slack adapter: a Bolt app in HTTP mode (POST /slack/events on HOST:PORT, through our own
// receiver, http-receiver.ts) or, with SLACK_APP_TOKEN, in Socket Mode; every command goes
// through the core. Stopping refuses new commands, finishes those in flight, then closes the
// connection.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, SocketModeReceiver, webApi } from "@slack/bolt";
import { AcknowledgementWrites } from "../../db/acknowledgement-writes.ts";
import { Inbox } from "../../db/inbox.ts";
import type { AdapterOptions, RunningAdapter } from "../chat-platform.ts";
import { InFlight } from "../shared/in-flight.ts";
import { DatabaseLedger } from "../shared/request-ledger.ts";
import { boltLogger } from "./bolt-logger.ts";
import { SlackCommandNames } from "./command-names.ts";
import { slackErrorCode } from "./deliver.ts";
import { EVENTS_PATH, SlackHttpReceiver } from "./http-receiver.ts";
import { SlackPeople, type SlackUser } from "./people.ts";
import { createSlackPoster } from "./poster.ts";
import type { SlackConfig } from "./settings.ts";
import { ResponseUrlPoster } from "./response-url.ts";
import { startInboxRecovery } from "../shared/inbox-recovery.ts";
import { registerPrivateForms } from "./private-form.ts";
import { registerOrderImport } from "./order-import.ts";
import { refreshHomeAfterChange, registerAppHome } from "./app-home.ts";
import { registerButtonClicks } from "./button-clicks.ts";
import { slashCommandRecovery, registerSlashCommands, type SlashCommandDeps } from "./slash-commands.ts";
import { RETRY_CONFIG, slackApiUrl } from "./web-api.ts";

export { EVENTS_PATH } from "./http-receiver.ts";

export interface SlackAdapterOptions extends AdapterOptions<SlackConfig> {
  /** How long quick work may run before the acknowledgement goes first (Slack allows 3 s). */
  quickDeadlineMs?: number;
  /** The clock of the people cache (tests move it past the five minutes). */
  clock?: () => number;
}

export interface SlackAdapter extends RunningAdapter {
  mode: "http" | "socket";
  /** Where Slack posts commands in HTTP mode (`http://host:port/slack/events`); null in Socket Mode. */
  eventsUrl: string | null;
}

export async function startSlack(options: AdapterOptions<SlackConfig>): Promise<RunningAdapter> {
  return startSlackAdapter(options);
}

export async function startSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const { core, config } = options;
  const token = config.SLACK_BOT_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!token || !signingSecret) throw new Error("Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.");
  const names = new SlackCommandNames(core.dispatcher.commands, config.SLACK_COMMAND_PREFIX);
  const log = core.log.child({ adapter: "slack" });
  const logger = boltLogger(log);
  const clientOptions = {
    slackApiUrl: slackApiUrl(config),
    retryConfig: RETRY_CONFIG,
    timeout: 15_000,
    logger,
  };

  const identity = await verifyBotToken(token, clientOptions);
  const mode = config.SLACK_APP_TOKEN ? "socket" : "http";
  const socketReceiver =
    mode === "socket" ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } }) : null;
  // A request's fingerprint and, when acknowledged first, its command's inbox row: those of the
  // requests waiting together are written together (src/db/acknowledgement-writes.ts).
  const writes = new AcknowledgementWrites(core.db);
  const ledger = mode === "http" ? new DatabaseLedger(core.db, log, { writes }) : null;
  const httpReceiver = ledger ? new SlackHttpReceiver({ signingSecret, ledger, log, routes: options.httpRoutes }) : null;
  const app = new App({
    token,
    receiver: (socketReceiver ?? httpReceiver)!,
    logger,
    clientOptions,
    botId: identity.botId,
    botUserId: identity.botUserId,
    convoStore: false,
  });
  app.error(async (error) => {
    log.error({ err: { message: error.message, code: (error as { code?: string }).code } }, "slack listener error");
  });

  let stopping = false;
  const inFlight = new InFlight();
  // Inbox sweeps are waited for at stop, but are not commands: they do not make the bot busy.
  const sweeps = new InFlight();
  const people = new SlackPeople({
    lookup: async (_team, user) => {
      try {
        return ((await app.client.users.info({ user })).user as SlackUser | undefined) ?? null;
      } catch (error) {
        if (slackErrorCode(error) === "user_not_found") return null;
        throw error;
      }
    },
    onError: (error, team) => log.warn({ team, error: slackErrorCode(error) }, "users.info failed"),
    now: options.clock,
  });
  const poster = createSlackPoster(config, core.log);
  // Replies through response URLs, on a few kept-alive connections, closed at stop.
  const responseUrls = new ResponseUrlPoster();
  const deps: SlashCommandDeps = {
    core,
    poster,
    people,
    inFlight,
    isStopping: () => stopping,
    log,
    quickDeadlineMs: options.quickDeadlineMs,
    names,
    upload: async (channelId, file) => {
      await app.client.filesUploadV2({
        channel_id: channelId,
        file: typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data,
        filename: file.name,
        title: file.title ?? file.name,
      });
    },
    inbox: new Inbox(core.db, { leaseMs: config.INBOX_LEASE_SECONDS * 1000, writes }),
    postToResponseUrl: responseUrls.post,
    // A channel named in an option (alerts:#orders) must be one of this team's: asked of Slack by id.
    channels: {
      async find(channel) {
        try {
          const info = (await app.client.conversations.info({ channel })).channel as { id?: string; name?: string } | undefined;
          return info?.id ? { id: info.id, name: info.name ?? info.id } : null;
        } catch (error) {
          if (slackErrorCode(error) === "channel_not_found") return null;
          throw error;
        }
      },
    },
    openView: async (triggerId: string, view: object) => {
      await app.client.views.open({ trigger_id: triggerId, view: view as Parameters<typeof app.client.views.open>[0]["view"] });
    },
    publishView: async (userId: string, view: object) => {
      await app.client.views.publish({ user_id: userId, view: view as Parameters<typeof app.client.views.publish>[0]["view"] });
    },
    homeOpened: new Set(),
  };
  registerSlashCommands(app, deps);
  registerAppHome(app, deps);
  deps.afterChange = (team, user) => refreshHomeAfterChange(deps, team, user);
  registerPrivateForms(app, deps);
  registerOrderImport(app, {
    ...deps,
    // Files are downloaded with the bot's token, only from Slack (and the configured API's host: tests' fake Slack).
    fileHosts: [new URL(slackApiUrl(config)).host],
    download: (url) => fetch(url, { headers: { authorization: `Bearer ${token}` }, redirect: "error", signal: AbortSignal.timeout(30_000) }),
    postMessage: async (channel, message) => {
      await app.client.chat.postMessage({ channel, text: message.text ?? "", blocks: message.blocks as never, unfurl_links: false, unfurl_media: false });
    },
  });
  registerButtonClicks(app, deps);

  let server: Server | null = null;
  let eventsUrl: string | null = null;
  try {
    if (socketReceiver) {
      await app.start();
    } else {
      server = (await app.start({ port: config.PORT, host: config.HOST })) as Server;
      const address = server.address() as AddressInfo;
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      eventsUrl = `http://${host}:${address.port}${EVENTS_PATH}`;
    }
  } catch (error) {
    const code = slackErrorCode(error);
    if (socketReceiver) {
      await socketReceiver.client.disconnect().catch(() => undefined);
      responseUrls.close();
      throw new Error(`Slack Socket Mode could not connect (${code}): check SLACK_APP_TOKEN (an app-level token with connections:write).`);
    }
    responseUrls.close();
    throw new Error(`Slack HTTP mode could not listen on ${config.HOST}:${config.PORT} (${(error as NodeJS.ErrnoException).code ?? code}).`);
  }
  log.info({ mode, team: identity.teamId, url: eventsUrl ?? undefined }, "slack adapter started");
  // What a process that died had acknowledged: run and answered beside the new commands.
  const recovery = startInboxRecovery(deps.inbox, slashCommandRecovery(deps), log, { everyMs: config.INBOX_LEASE_SECONDS * 1000, track: (work) => sweeps.run(work) });

  let stopped: Promise<void> | null = null;
  const stop = async () => {
    stopping = true;
    // No more sweeps; the one running is in flight, waited for below.
    void recovery.stop();
    // Answered commands' inbox rows are cleared before the database closes.
    const cleared = () => deps.inbox.idle();
    if (server) {
      // No new connections; the commands already here finish and get their answers.
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      await inFlight.idle();
      await sweeps.idle();
      await cleared();
      server.closeIdleConnections();
      const grace = setTimeout(() => server!.closeAllConnections(), 5000);
      await closed;
      clearTimeout(grace);
    } else if (socketReceiver) {
      // The socket carries the acknowledgements, so it stays open until the work is done.
      await inFlight.idle();
      await sweeps.idle();
      await cleared();
      await Promise.race([socketReceiver.client.disconnect(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    }
    ledger?.stop();
    responseUrls.close();
    log.info("slack adapter stopped");
  };

  return {
    poster,
    mode,
    eventsUrl,
    servesRoutes: mode === "http",
    stop: () => (stopped ??= stop()),
  };
}

async function verifyBotToken(token: string, clientOptions: ConstructorParameters<typeof webApi.WebClient>[1]) {
  const client = new webApi.WebClient(token, clientOptions);
  try {
    const result = await client.auth.test();
    return { teamId: result.team_id, botId: result.bot_id, botUserId: result.user_id };
  } catch (error) {
    if ((error as { code?: string }).code === "slack_webapi_request_error") {
      throw new Error(`Could not reach the Slack API at ${clientOptions?.slackApiUrl} (${(error as Error).message}).`);
    }
    throw new Error(`Slack refused SLACK_BOT_TOKEN (${slackErrorCode(error)}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.`);
  }
}
