// The bot's modals in Discord: a command with options that must not be typed in a channel (a
// shop's signing secret) is registered without them; running it answers the interaction with a
// modal (type 9) asking for them, once the rest of the command is known to be right. The same
// modal asks the required options of a command a form completes, sent without them (a bare
// /creator add: src/core/missing-options.ts). The command
// and its typed options wait in the database (PendingForm, src/db/pending-forms.ts; 15 minutes)
// under the modal's custom id, so a submission after a restart or to another replica still finds
// them; the submission runs them through the dispatcher with the form's answers, as the person
// who submits (same role check, same activity record), once. What the modal asks is worked out
// again from the command's spec when it is submitted. Nothing here logs a payload.

import { randomUUID } from "node:crypto";
import type { Dispatcher } from "../../core/dispatch.ts";
import type { Db } from "../../db/client.ts";
import { storeForm, takeForm } from "../../db/pending-forms.ts";
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from "discord.js";
import { privateAnswers, type PrivateAsk } from "../../core/private-options.ts";
import type { MissingAsk } from "../../core/missing-options.ts";
import { actionPath } from "../../core/spec.ts";
import { MAX_DESCRIPTION, MAX_LABEL, MAX_TITLE } from "./modal-limits.ts";

export const PRIVATE_FORM_PREFIX = "private-options:";
const FORM_LIFETIME_MS = 15 * 60_000;

export interface PendingForm {
  commandName: string;
  actionName: string;
  /** The typed options given with the command (never the private ones). */
  raw: Record<string, unknown>;
  ask: PrivateAsk | MissingAsk;
  /**
   * "private": the form asked a secret, its reply goes to the sender only. "command": the form
   * asked the required options of a command sent without them (src/core/missing-options.ts),
   * answered as the command is.
   */
  kind: "private" | "command";
  userId: string;
  guildId: string;
  expires: number;
}

/** Commands waiting for their modal's answers, by the modal's custom id, in the database. */
export class PendingForms {
  constructor(
    private readonly db: Db,
    private readonly dispatcher: Pick<Dispatcher, "askForTyped" | "formForTyped">,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a command until its modal is submitted; returns the modal's custom id. */
  async add(form: Omit<PendingForm, "expires">): Promise<string> {
    const at = this.now();
    const id = `${PRIVATE_FORM_PREFIX}${randomUUID()}`;
    await storeForm(
      this.db,
      { id, platform: "discord", workspaceExternalId: form.guildId, userId: form.userId, commandName: form.commandName, actionName: form.actionName, kind: form.kind, raw: JSON.stringify(form.raw), expiresAt: new Date(at + FORM_LIFETIME_MS) },
      new Date(at),
    );
    return id;
  }

  /**
   * The command a submitted modal answers, once: "unknown" when there is none (never made, already
   * submitted, someone else's, or no longer a command of the bot), "expired" after 15 minutes.
   */
  async take(interaction: ModalSubmitInteraction): Promise<PendingForm | "expired" | "unknown"> {
    if (!interaction.guildId) return "unknown";
    const taken = await takeForm(this.db, { id: interaction.customId, platform: "discord", workspaceExternalId: interaction.guildId, userId: interaction.user.id }, new Date(this.now()));
    if (taken.status !== "taken") return taken.status;
    const { form } = taken;
    const raw = JSON.parse(form.raw) as Record<string, unknown>;
    const kind = form.kind === "private" ? "private" : "command";
    // What the modal asked, from the command's spec as this process knows it.
    const ask = kind === "private" ? this.dispatcher.askForTyped(form.commandName, form.actionName, raw) : this.dispatcher.formForTyped(form.commandName, form.actionName, raw);
    if (!ask || "status" in ask) return "unknown";
    return { commandName: form.commandName, actionName: form.actionName, raw, ask, kind, userId: form.userId, guildId: form.workspaceExternalId, expires: form.expiresAt.getTime() };
  }
}

/** The modal asking for `ask`'s options. */
export function privateFormModal(customId: string, ask: PrivateAsk | MissingAsk): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(actionPath(ask.command, ask.action).slice(0, MAX_TITLE))
    .addLabelComponents(
      ...ask.options.map((option) =>
        new LabelBuilder()
          .setLabel(option.name.slice(0, MAX_LABEL))
          .setDescription(option.description.slice(0, MAX_DESCRIPTION))
          .setTextInputComponent(
            new TextInputBuilder()
              .setCustomId(option.key)
              .setStyle(TextInputStyle.Short)
              .setRequired(option.required)
              .setMaxLength(Math.min(option.config.maxLength ?? 4000, 4000)),
          ),
      ),
    );
}

/** The typed options with the modal's answers added (only the options it asked). */
export function submittedValues(form: PendingForm, interaction: ModalSubmitInteraction): Record<string, unknown> {
  const answers: Record<string, string | undefined> = {};
  for (const option of form.ask.options) {
    const field = interaction.fields.fields.get(option.key);
    answers[option.key] = field && "value" in field && typeof field.value === "string" ? field.value : undefined;
  }
  return { ...form.raw, ...privateAnswers(form.ask, answers) };
}
