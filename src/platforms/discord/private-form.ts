// The bot's modals in Discord: a command with options that must not be typed in a channel (a
// shop's signing secret) is registered without them; running it answers the interaction with a
// modal (type 9) asking for them, once the rest of the command is known to be right. The same
// modal asks the required options of a command a form completes, sent without them (a bare
// /creator add: src/core/missing-options.ts). The command
// and its typed options wait here (in memory, 15 minutes: a modal is answered on the same
// gateway connection) under the modal's custom id; the submission runs them through the
// dispatcher with the form's answers, as the person who submits (same role check, same activity
// record), and the reply is ephemeral. Nothing here logs a payload.

import { randomUUID } from "node:crypto";
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

/** Commands waiting for their modal's answers, by the modal's custom id. */
export class PendingForms {
  private readonly forms = new Map<string, PendingForm>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a command until its modal is submitted; returns the modal's custom id. */
  add(form: Omit<PendingForm, "expires">): string {
    const at = this.now();
    for (const [id, old] of this.forms) if (old.expires <= at) this.forms.delete(id);
    const id = `${PRIVATE_FORM_PREFIX}${randomUUID()}`;
    this.forms.set(id, { ...form, expires: at + FORM_LIFETIME_MS });
    return id;
  }

  /** The command a submitted modal answers, once: null when unknown, expired, or submitted by someone else. */
  take(interaction: ModalSubmitInteraction): PendingForm | null {
    const form = this.forms.get(interaction.customId);
    if (!form || form.userId !== interaction.user.id || form.guildId !== interaction.guildId) return null;
    this.forms.delete(interaction.customId);
    return form.expires > this.now() ? form : null;
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
