// Clicks on the bot's buttons in Discord (component interactions from the gateway, as commands
// come): the button's custom_id is the command it stands for (buttons.ts); the click runs that
// line through the dispatcher as the person who clicked, with the same role check and activity
// record as the typed command. A button that asks first (a note) opens a modal; its submission
// runs the line with the answers. A decision ("replace") updates the message the button was on
// to show the outcome (the interaction's update); a refusal goes privately to the clicker.

import { LabelBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle, type ButtonInteraction, type ModalSubmitInteraction } from "discord.js";
import { askedOptions, runClick, staleClick, type Click } from "../../core/clicks.ts";
import type { Caller, Dispatcher } from "../../core/dispatch.ts";
import type { Reply } from "../../core/reply.ts";
import type { Logger } from "../../log.ts";
import { REPLY_DEADLINE_MS, settlesWithin } from "../shared/reply-deadline.ts";
import { BUTTON_FORM_PREFIX, decodeClick, encodeClick } from "./buttons.ts";
import { MAX_DESCRIPTION, MAX_LABEL, MAX_TITLE } from "./modal-limits.ts";
import { renderMessages } from "./embeds.ts";
import { callerOf, messageOptions, sendReply, STOPPING_REPLY } from "./replies.ts";


export interface ButtonClickDeps {
  dispatcher: Dispatcher;
  log: Logger;
  isStopping: () => boolean;
  /** Sends a reply's messages elsewhere (deliveries; not an update of `clickedMessage`, "channel/message", which the click updates itself); returns the reply to answer with. */
  elsewhere: (reply: Reply, caller: Caller, clickedMessage?: string | null) => Promise<Reply>;
}

type Clicked = ButtonInteraction | ModalSubmitInteraction;

export function createButtonClicks(deps: ButtonClickDeps) {
  async function clicked(interaction: ButtonInteraction) {
    if (!interaction.inGuild()) return;
    if (deps.isStopping()) {
      await interaction.reply({ content: STOPPING_REPLY, flags: MessageFlags.Ephemeral });
      return;
    }
    const click = decodeClick(interaction.customId);
    if (!click) {
      await sendReply(interaction, staleClick());
      return;
    }
    if (click.ask.length > 0) {
      const options = askedOptions(deps.dispatcher, click);
      const customId = encodeClick(click, BUTTON_FORM_PREFIX);
      if (!options || !customId) {
        await sendReply(interaction, staleClick());
        return;
      }
      const modal = new ModalBuilder()
        .setCustomId(customId)
        .setTitle((("label" in interaction.component ? interaction.component.label : null) ?? click.command).slice(0, MAX_TITLE))
        .addLabelComponents(
          ...options.map((option) =>
            new LabelBuilder()
              .setLabel(option.name.slice(0, MAX_LABEL))
              .setDescription(option.description.slice(0, MAX_DESCRIPTION))
              .setTextInputComponent(
                new TextInputBuilder()
                  .setCustomId(option.key)
                  .setStyle(TextInputStyle.Paragraph)
                  .setRequired(option.required)
                  .setMaxLength(Math.min(option.config.maxLength ?? 4000, 4000)),
              ),
          ),
        );
      await interaction.showModal(modal);
      return;
    }
    await run(interaction, click, {});
  }

  async function submitted(interaction: ModalSubmitInteraction) {
    if (!interaction.inGuild()) return;
    if (deps.isStopping()) {
      await interaction.reply({ content: STOPPING_REPLY, flags: MessageFlags.Ephemeral });
      return;
    }
    const click = decodeClick(interaction.customId, BUTTON_FORM_PREFIX);
    if (!click) {
      await sendReply(interaction, staleClick());
      return;
    }
    const answers: Record<string, string | undefined> = {};
    for (const key of click.ask) {
      const field = interaction.fields.fields.get(key);
      answers[key] = field && "value" in field && typeof field.value === "string" ? field.value : undefined;
    }
    await run(interaction, click, answers);
  }

  /** Runs the click and answers: the message updated (a decision done), or a reply as for the typed command. */
  async function run(interaction: Clicked, click: Click, answers: Record<string, string | undefined>) {
    const caller = callerOf(interaction);
    const replaces = click.then === "replace" && (interaction.isButton() || interaction.isFromMessage());
    const clickedMessage = replaces && interaction.message ? `${interaction.message.channelId}/${interaction.message.id}` : null;
    const work = runClick(deps.dispatcher, caller, click, answers).then((reply) => deps.elsewhere(reply, caller, clickedMessage));
    const first = await settlesWithin(work, REPLY_DEADLINE_MS);
    if (!first.settled) {
      // Discord waits three seconds for an answer: "thinking…" (or, for a decision, a pending update).
      if (replaces) await interaction.deferUpdate();
      else await interaction.deferReply();
    }
    const reply = await work;
    if (replaces && reply.status === "ok") return update(interaction, reply);
    if (replaces && interaction.deferred) {
      // The update was deferred; a refusal is a private follow-up, the message stays as it was.
      for (const message of renderMessages({ ...reply, visibility: "ephemeral" })) await interaction.followUp(messageOptions(message));
      return;
    }
    await sendReply(interaction, replaces ? { ...reply, visibility: "ephemeral" } : reply);
  }

  /** The message the button was on, now showing the outcome (its own buttons, if any, replace the old ones). */
  async function update(interaction: Clicked, reply: Reply) {
    const [first, ...rest] = renderMessages({ ...reply, visibility: "channel" });
    const { flags: _flags, files: _files, ...options } = messageOptions(first!);
    const edit = { ...options, components: first!.components ?? [] };
    if (interaction.deferred) await interaction.editReply(edit);
    else if (interaction.isButton()) await interaction.update(edit);
    else if (interaction.isFromMessage()) await interaction.update(edit);
    for (const message of rest) await interaction.followUp(messageOptions(message));
  }

  return { clicked, submitted };
}
