// The Discord adapter under test: a fresh core (its own database), the fake Discord, and the real discord.js client
// logged in to it; helpers to send slash commands with typed options built from the registration.

import type { APIApplicationCommandOption, APIEmbed } from "discord.js";
import { readConfig } from "../../../src/config.ts";
import type { RunningAdapter } from "../../../src/platforms/chat-platform.ts";
import { buildRegistration } from "../../../src/platforms/discord/registration.ts";
import { startDiscord } from "../../../src/platforms/discord/start.ts";
import type { CommandSpec } from "../../../src/core/spec.ts";
import { createCore, type Core } from "../../../src/create-core.ts";
import { silentLogger, type Logger } from "../../../src/log.ts";
import { dropDatabase, freshDatabaseUrl } from "../../helpers/core.ts";
import { FakeDiscord, type FakeAttachment, type FakeGuild, type FakeUser, type InteractionInput, type InteractionOption, type RecordedRequest, type SentInteraction } from "./fake-discord.ts";

export interface Answer {
  interaction: SentInteraction;
  /** The callback request (type 4 reply, 5 defer, 8 autocomplete). */
  callback: RecordedRequest;
  /** The message the person finally sees: the reply, or the edit of a deferred reply. */
  message: RecordedRequest;
  embeds: APIEmbed[];
  ephemeral: boolean;
  /** Every embed's visible text, for assertions. */
  text: string;
}

export interface Harness {
  core: Core;
  db: Core["db"];
  fake: FakeDiscord;
  adapter: RunningAdapter;
  commands: readonly CommandSpec[];
  /** `values` by option name; types come from the registration JSON, as Discord would send them. */
  slash(who: Who, command: string, subcommand: string, values?: Record<string, string | number | boolean | FakeUser | FakeAttachment>): Promise<Answer>;
  /** The choices autocomplete offers while `who` types `typed` into `option`. */
  suggest(who: Who, command: string, subcommand: string, option: string, typed: string): Promise<Array<{ name: string; value: string }>>;
  close(): Promise<void>;
}

export interface Who {
  guild: FakeGuild | null;
  user: FakeUser;
  manageServer?: boolean;
  administrator?: boolean;
  /** More role ids the member carries (FakeDiscord.creatorsRole). */
  roles?: string[];
}

/**
 * `inboxLeaseSeconds`: INBOX_LEASE_SECONDS, how often the adapter sweeps its inbox for abandoned commands (default 60).
 * `databaseUrl`: a database of the test's own (a restart: kept when the harness closes), instead of a fresh one.
 */
export async function startHarness(options: { guilds: FakeGuild[]; commands?: readonly CommandSpec[]; log?: Logger; inboxLeaseSeconds?: number; databaseUrl?: string }): Promise<Harness> {
  const fake = await FakeDiscord.start(options.guilds);
  const url = options.databaseUrl ?? freshDatabaseUrl();
  const core = await createCore({ databaseUrl: url, log: options.log ?? silentLogger(), commands: options.commands });
  const commands = core.dispatcher.commands;
  const config = readConfig({ DISCORD_TOKEN: "test-bot-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, DATABASE_URL: url, ...(options.inboxLeaseSeconds ? { INBOX_LEASE_SECONDS: String(options.inboxLeaseSeconds) } : {}) });
  const adapter = await startDiscord({ core, config });
  const registration = buildRegistration(commands);

  function optionsOf(command: string, subcommand: string): APIApplicationCommandOption[] {
    const json = registration.find((c) => c.name === command);
    if (!json) throw new Error(`no /${command} in the registration`);
    if (!subcommand) return json.options ?? [];
    const sub = json.options?.find((o) => o.name === subcommand);
    if (!sub || sub.type !== 1) throw new Error(`no /${command} ${subcommand} in the registration`);
    return sub.options ?? [];
  }

  function build(who: Who, command: string, subcommand: string, values: Record<string, string | number | boolean | FakeUser | FakeAttachment>, focused?: string): InteractionInput {
    const declared = optionsOf(command, subcommand);
    const resolvedUsers: FakeUser[] = [];
    const resolvedAttachments: FakeAttachment[] = [];
    const typed: InteractionOption[] = Object.entries(values).map(([name, value]) => {
      const option = declared.find((o) => o.name === name);
      const type = option?.type ?? 3;
      if (typeof value === "object" && "filename" in value) {
        resolvedAttachments.push(value);
        return { name, type, value: value.id };
      }
      if (typeof value === "object") {
        resolvedUsers.push(value);
        return { name, type, value: value.id };
      }
      return { name, type, value, ...(name === focused ? { focused: true } : {}) };
    });
    return {
      guild: who.guild,
      user: who.user,
      manageServer: who.manageServer,
      administrator: who.administrator,
      roles: who.roles,
      command,
      options: subcommand ? [{ name: subcommand, type: 1, options: typed }] : typed,
      resolvedUsers,
      resolvedAttachments,
    };
  }

  return {
    core,
    db: core.db,
    fake,
    adapter,
    commands,
    async slash(who, command, subcommand, values = {}) {
      const interaction = fake.slash(build(who, command, subcommand, values));
      const callback = await fake.callbackOf(interaction);
      const message = callback.json.type === 5 ? await finalOf(fake, interaction) : callback;
      const data = message === callback ? callback.json.data : message.json;
      const embeds: APIEmbed[] = data?.embeds ?? [];
      const ephemeral = ((data?.flags ?? 0) & 64) === 64;
      const text = [data?.content ?? "", ...embeds.map(embedText)].join("\n");
      return { interaction, callback, message, embeds, ephemeral, text };
    },
    async suggest(who, command, subcommand, option, typed) {
      const interaction = fake.autocomplete(build(who, command, subcommand, { [option]: typed }, option));
      const callback = await fake.callbackOf(interaction);
      if (callback.json.type !== 8) throw new Error(`expected an autocomplete result, got callback type ${callback.json.type}`);
      return callback.json.data.choices;
    },
    async close() {
      await adapter.stop();
      await fake.close();
      await core.close();
      if (!options.databaseUrl) await dropDatabase(url);
    },
  };
}

/** After a deferral: the edit of the original, or (ephemeral answers) the first follow-up. */
function finalOf(fake: FakeDiscord, interaction: SentInteraction): Promise<RecordedRequest> {
  return Promise.race([fake.editOf(interaction), fake.followUpOf(interaction)]);
}

export function embedText(embed: APIEmbed): string {
  return [embed.title, embed.description, ...(embed.fields ?? []).map((f) => `${f.name}: ${f.value}`), embed.footer?.text].filter(Boolean).join("\n");
}
