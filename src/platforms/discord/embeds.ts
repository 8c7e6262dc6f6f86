// Renders a Reply as Discord messages: embeds within Discord's limits (25 fields, 4,096 characters
// of description, 6,000 characters and 10 embeds a message), split into follow-ups rather than
// refused; tables in code blocks, notes as the footer, files as attachments.

import { escapeMarkdown, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from "discord.js";
import type { Block, Reply, ReplyFile } from "../../core/reply.ts";
import { actionRows } from "./buttons.ts";
import { renderTable } from "../../render/text.ts";
import { splitText } from "../shared/split-text.ts";

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  charactersPerMessage: 6000,
} as const;

/** Room kept under the limits for separators and the footer of the last embed. */
const DESCRIPTION_ROOM = 4000;
const MESSAGE_ROOM = 5800;

export const COLORS = { ok: 0x5865f2, error: 0xed4245 } as const;

export interface DiscordMessage {
  embeds: APIEmbed[];
  files: ReplyFile[];
  ephemeral: boolean;
  /** The reply's buttons, on its last message. */
  components?: APIActionRowComponent<APIButtonComponent>[];
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/**
 * Reply text is plain: Markdown characters are escaped, except inside web addresses (a backslash
 * would break the link). Linear: discord.js's escapeMarkdown takes hundreds of milliseconds on a
 * few thousand characters.
 */
export const plain = (text: string) =>
  text
    .split(/(https?:\/\/\S+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_~|`[\]]/g, "\\$&").replace(/^(>|#|-(?= ))/gm, "\\$1")))
    .join("");

/**
 * A title or field name as typed: Discord formats those too (not footers, which stay as they
 * are). Short, so discord.js's own escaping serves.
 */
const plainTitle = (text: string, max: number) => truncate(escapeMarkdown(text), max);

/** Characters Discord counts towards the 6,000 of a message. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** A table as code blocks of whole rows, each within `max`; the header repeats in each. */
function tableBlocks(block: Extract<Block, { type: "table" }>, max: number): string[] {
  const lines = renderTable(block.columns, block.rows).map((line) => truncate(line.replace(/`/g, "ˋ"), 500));
  const header = lines.slice(0, 2);
  const body = lines.slice(2);
  const wrap = (rows: string[]) => ["```", ...header, ...rows, "```"].join("\n");
  const blocks: string[] = [];
  let rows: string[] = [];
  for (const row of body) {
    if (rows.length > 0 && wrap([...rows, row]).length > max) {
      blocks.push(wrap(rows));
      rows = [];
    }
    rows.push(row);
  }
  blocks.push(wrap(rows));
  return blocks;
}

/** The markdown pieces of a non-field block, each within `max`. */
function markdownPieces(block: Exclude<Block, { type: "fields" }>, max: number): string[] {
  switch (block.type) {
    case "heading":
      return [`**${truncate(plain(block.text), max - 4)}**`];
    case "text":
      return splitText(plain(block.text), max);
    case "list":
      return splitText(block.items.map((item) => `• ${plain(item)}`).join("\n"), max);
    case "table":
      return tableBlocks(block, max);
  }
}

function fieldOf(label: string, value: string): APIEmbedField {
  const text = truncate(plain(value), LIMITS.fieldValue) || "–";
  return { name: plainTitle(label, LIMITS.fieldName) || "–", value: text, inline: text.length <= 40 && !text.includes("\n") };
}

/** The reply's embeds, in the order of its blocks, each within the limits of one embed. */
export function renderEmbeds(reply: Reply): APIEmbed[] {
  const color = reply.status === "error" ? COLORS.error : COLORS.ok;
  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { color };
  if (reply.title) current.title = plainTitle(reply.title, LIMITS.title);
  const start = () => {
    embeds.push(current);
    current = { color };
  };
  const room = () => MESSAGE_ROOM - embedLength(current);

  let afterHeading = false;
  for (const block of reply.blocks) {
    if (block.type === "fields") {
      for (const f of block.fields) {
        const field = fieldOf(f.label, f.value);
        if ((current.fields?.length ?? 0) >= LIMITS.fields || field.name.length + field.value.length > room()) start();
        (current.fields ??= []).push(field);
      }
      afterHeading = false;
      continue;
    }
    for (const piece of markdownPieces(block, DESCRIPTION_ROOM)) {
      const separator = current.description ? (afterHeading ? "\n" : "\n\n") : "";
      // Text after fields starts a new embed, so the reply reads in the order it was built.
      const fits = (current.description?.length ?? 0) + separator.length + piece.length <= DESCRIPTION_ROOM && separator.length + piece.length <= room();
      if (current.fields?.length || !fits) {
        start();
        current.description = piece;
      } else {
        current.description = (current.description ?? "") + separator + piece;
      }
      afterHeading = block.type === "heading";
    }
  }
  if (reply.notes.length > 0) {
    const footer = truncate(reply.notes.join("\n"), LIMITS.footer);
    if (footer.length > room()) start();
    current.footer = { text: footer };
  }
  if (!current.title && !current.description && !current.fields?.length && !current.footer && embeds.length === 0 && reply.files.length === 0 && !reply.images?.length) {
    current.description = "Done.";
  }
  if (current.title || current.description || current.fields?.length || current.footer) embeds.push(current);
  // Charts by address (QuickChart): one embed each, after the text.
  for (const image of reply.images ?? []) embeds.push({ color, title: plainTitle(image.title, LIMITS.title), image: { url: image.url } });
  return embeds;
}

const isImage = (file: ReplyFile) => file.contentType === "image/png" || /\.png$/i.test(file.name);

/**
 * The messages that carry a reply: the first is the interaction's reply, the rest follow-ups.
 * Files go with the first message; a PNG is shown in an embed as attachment://<name>.
 */
export function renderMessages(reply: Reply): DiscordMessage[] {
  const ephemeral = reply.status === "error" || reply.visibility === "ephemeral";
  const embeds = renderEmbeds(reply);
  const messages: DiscordMessage[] = [];
  let message: DiscordMessage = { embeds: [], files: [], ephemeral };
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (message.embeds.length > 0 && (message.embeds.length >= LIMITS.embedsPerMessage || size + length > LIMITS.charactersPerMessage)) {
      messages.push(message);
      message = { embeds: [], files: [], ephemeral };
      size = 0;
    }
    message.embeds.push(embed);
    size += length;
  }
  messages.push(message);

  if (reply.actions?.length) {
    const { rows, typed } = actionRows(reply.actions);
    const last = messages.at(-1)!;
    if (typed.length > 0) {
      const embed: APIEmbed = { color: reply.status === "error" ? COLORS.error : COLORS.ok, description: truncate(typed.map(plain).join("\n"), LIMITS.description) };
      if (last.embeds.length < LIMITS.embedsPerMessage && embedLength(embed) + last.embeds.reduce((n, e) => n + embedLength(e), 0) <= LIMITS.charactersPerMessage) last.embeds.push(embed);
      else messages.push({ embeds: [embed], files: [], ephemeral });
    }
    if (rows.length > 0) messages.at(-1)!.components = rows;
  }

  const first = messages[0]!;
  first.files = reply.files;
  const color = reply.status === "error" ? COLORS.error : COLORS.ok;
  for (const file of reply.files.filter(isImage)) {
    const image = { url: `attachment://${file.name}` };
    const last = first.embeds.at(-1);
    if (last && !last.image) last.image = image;
    else if (first.embeds.length < LIMITS.embedsPerMessage) {
      const title = file.title ? plainTitle(file.title, LIMITS.title) : undefined;
      const room = LIMITS.charactersPerMessage - first.embeds.reduce((n, e) => n + embedLength(e), 0);
      first.embeds.push(title && title.length <= room ? { color, title, image } : { color, image });
    }
  }
  return messages;
}
