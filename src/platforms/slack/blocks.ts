// Renders the neutral Reply as Slack messages: Block Kit built with slack-block-builder, split
// to respect Slack's limits (50 blocks a message, 3,000 characters a text, about 12,000 in all)
// without dropping anything, and every message with a plain-text fallback for notifications.

import { BlockCollection, Blocks, Elements, Message, type BlockBuilder } from "slack-block-builder";
import { clickOf, typedAction } from "../../core/clicks.ts";
import type { Block, Reply, ReplyAction } from "../../core/reply.ts";
import { renderTable, renderText } from "../../render/text.ts";
import { splitText } from "../shared/split-text.ts";

/** Block Kit's documented limits, with the ones we choose kept below Slack's own. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  imageUrl: 3000,
  imageTitle: 2000,
  contextElements: 10,
  contextText: 2000,
  /** Notifications show a line or two; Slack truncates `text` at 40,000. */
  fallbackText: 3000,
  /**
   * All block text of one message. Undocumented: chat.postMessage answers msg_blocks_too_long
   * from about 12,000 characters (slackapi/bolt-js#2509, #2867); we stay well below.
   */
  textPerMessage: 11_000,
  buttonValue: 2000,
  buttonText: 75,
  buttonsPerBlock: 25,
} as const;

export type ResponseType = "ephemeral" | "in_channel";

/** One message as Slack takes it in an ack, a response_url post or chat.postMessage. */
export interface SlackMessage {
  response_type: ResponseType;
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** Slack reads `&`, `<` and `>` as markup (links, mentions, @channel): escape them in user text. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Look-alikes for the characters mrkdwn formats with (bold, italic, strike, code; jsx-slack treats
 * the full-width ones as marks too). Slack has no escape character, and an invisible space
 * beside a mark makes a word boundary, which lets formatting start rather than stopping it.
 */
const LOOK_ALIKES: Record<string, string> = {
  "*": "\u2217", // ∗ asterisk operator
  "_": "\u02CD", // ˍ modifier letter low macron
  "~": "\u223C", // ∼ tilde operator
  "`": "\u02CB", // ˋ modifier letter grave accent
  "\uFF0A": "\uFE61", // ＊ → ﹡ small asterisk
  "\uFF3F": "\u2E0F", // ＿ → ⸏ paragraphos
  "\uFF40": "\u02CB", // ｀ → ˋ
};
const wordCharacter = /[\p{L}\p{N}]/u;

/**
 * Reply text as mrkdwn that Slack shows as it was typed: `&`, `<`, `>` escaped, and a formatting
 * mark replaced by its look-alike wherever it could open or close formatting. Between two
 * letters or digits a mark formats nothing (kate_lifts), and web addresses are left whole, so
 * those keep their characters; a line starting with `>` (a quote) is preceded by a soft hyphen.
 */
export function literalMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .split(/(https?:\/\/\S+)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/[*_~`\uFF0A\uFF3F\uFF40]/g, (mark, at: number) =>
            mark !== "`" && wordCharacter.test(part[at - 1] ?? "") && wordCharacter.test(part[at + 1] ?? "") ? mark : LOOK_ALIKES[mark]!,
          ),
    )
    .join("")
    .replace(/^&gt;/gm, "\u00AD&gt;");
}

/** A table line inside a code block: no formatting applies there, but a ``` in a cell would end the block. */
const tableLine = (line: string) => escapeMrkdwn(line).replace(/`/g, LOOK_ALIKES["`"]!);

export function responseTypeOf(reply: Reply): ResponseType {
  return reply.status === "ok" && reply.visibility === "channel" ? "in_channel" : "ephemeral";
}

/** Every block of the reply, each within its own limits, in order. */
export function replyBlocks(reply: Reply): BlockBuilder[] {
  const out: BlockBuilder[] = [];
  if (reply.title) {
    if (reply.title.length <= LIMITS.headerText) out.push(Blocks.Header({ text: reply.title }));
    else out.push(...sections(`*${literalMrkdwn(reply.title)}*`));
  }
  reply.blocks.forEach((block, index) => {
    const warn = reply.status === "error" && index === 0 && block.type === "text";
    out.push(...renderBlock(block, warn));
  });
  for (const image of reply.images ?? []) {
    const title = image.title.slice(0, LIMITS.imageTitle);
    if (image.url.length <= LIMITS.imageUrl) out.push(Blocks.Image({ imageUrl: image.url, altText: title, title }));
    else out.push(...sections(`${literalMrkdwn(image.title)} (the chart's address is too long for Slack to show)`));
  }
  for (let i = 0; i < reply.notes.length; ) {
    const elements: string[] = [];
    while (i < reply.notes.length && elements.length < LIMITS.contextElements) {
      for (const piece of splitMrkdwn(literalMrkdwn(reply.notes[i]!), LIMITS.contextText)) {
        if (elements.length === LIMITS.contextElements) {
          out.push(Blocks.Context().elements(...elements));
          elements.length = 0;
        }
        elements.push(piece);
      }
      i++;
    }
    if (elements.length > 0) out.push(Blocks.Context().elements(...elements));
  }
  if (out.length === 0) out.push(Blocks.Section({ text: reply.status === "error" ? ":warning: Something went wrong." : "Done." }));
  out.push(...actionBlocks(reply.actions ?? []));
  return out;
}

/** The action id of every button the bot draws; its value carries the command (src/core/clicks.ts). */
export const BUTTON_ACTION_PREFIX = "cb-run:";

/** Buttons as actions blocks (25 a block); a button whose command is too long to carry is shown as the line to type. */
function actionBlocks(actions: readonly ReplyAction[]): BlockBuilder[] {
  const buttons = [];
  const typed: string[] = [];
  for (const [index, action] of actions.entries()) {
    const value = JSON.stringify(clickOf(action));
    if (value.length > LIMITS.buttonValue) {
      typed.push(`${literalMrkdwn(action.label)}: type ${literalMrkdwn(typedAction(action))}`);
      continue;
    }
    const text = action.label.slice(0, LIMITS.buttonText);
    const button = Elements.Button({ text, actionId: `${BUTTON_ACTION_PREFIX}${index}`, value });
    if (action.style === "primary") button.primary();
    if (action.style === "danger") button.danger();
    buttons.push(button);
  }
  const out: BlockBuilder[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerBlock) out.push(Blocks.Actions().elements(...buttons.slice(i, i + LIMITS.buttonsPerBlock)));
  if (typed.length > 0) out.push(...sections(typed.join("\n")));
  return out;
}

function renderBlock(block: Block, warn: boolean): BlockBuilder[] {
  switch (block.type) {
    case "heading":
      return block.text.length + 2 <= LIMITS.sectionText ? [Blocks.Section({ text: `*${literalMrkdwn(block.text)}*` })] : sections(literalMrkdwn(block.text));
    case "text":
      return sections((warn ? ":warning: " : "") + literalMrkdwn(block.text));
    case "list":
      return sections(block.items.map((item) => `• ${literalMrkdwn(item)}`).join("\n"));
    case "fields": {
      const cells = block.fields.map((f) => `*${literalMrkdwn(f.label)}*\n${literalMrkdwn(f.value)}`);
      if (cells.some((cell) => cell.length > LIMITS.fieldText)) {
        // A field too long for a field cell still arrives whole, as text.
        return sections(cells.join("\n"));
      }
      const out: BlockBuilder[] = [];
      for (let i = 0; i < cells.length; i += LIMITS.fieldsPerSection) {
        out.push(Blocks.Section().fields(...cells.slice(i, i + LIMITS.fieldsPerSection)));
      }
      return out;
    }
    case "table":
      return tableSections(renderTable(block.columns, block.rows).map(tableLine));
  }
}

/** Mrkdwn text in as many sections as its length needs. */
function sections(text: string): BlockBuilder[] {
  return splitMrkdwn(text, LIMITS.sectionText).map((piece) => Blocks.Section({ text: piece }));
}

const FENCE = "```";

/** A table as monospace sections; each continuation repeats the header lines. */
function tableSections(lines: string[]): BlockBuilder[] {
  const [head, rule, ...body] = lines;
  const header = [head!, rule!];
  const wrap = (part: string[]) => `${FENCE}\n${part.join("\n")}\n${FENCE}`;
  const overhead = wrap(header).length + 1;
  const room = LIMITS.sectionText - overhead;
  if (room < 200) {
    // Headers so wide that repeating them leaves no room: plain pieces instead.
    return splitMrkdwn(lines.join("\n"), LIMITS.sectionText - 2 * FENCE.length - 2).map((piece) => Blocks.Section({ text: wrap([piece]) }));
  }
  const out: BlockBuilder[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    out.push(Blocks.Section({ text: wrap([...header, ...current]) }));
    current = [];
    size = 0;
  };
  for (const line of body) {
    for (const piece of line.length > room ? splitMrkdwn(line, room) : [line]) {
      if (size + piece.length + 1 > room && current.length > 0) flush();
      current.push(piece);
      size += piece.length + 1;
    }
  }
  if (current.length > 0 || out.length === 0) flush();
  return out;
}

/** Splits mrkdwn as splitText does, never inside an `&amp;` style entity. */
export function splitMrkdwn(text: string, max: number): string[] {
  return splitText(text, max, beforeEntity);
}

/** A cut moved before an entity it would fall inside. */
function beforeEntity(text: string, cut: number): number {
  const amp = text.lastIndexOf("&", cut);
  return amp > cut - 6 && !text.slice(amp, cut).includes(";") ? amp : cut;
}

/** The reply as Slack messages, each within 50 blocks and the text budget; the first carries the fallback text. */
export function renderMessages(reply: Reply): SlackMessage[] {
  const type = responseTypeOf(reply);
  const chunks: BlockBuilder[][] = [];
  let current: BlockBuilder[] = [];
  let size = 0;
  for (const block of replyBlocks(reply)) {
    const blockSize = textSize(BlockCollection(block)[0]);
    if (current.length > 0 && (current.length === LIMITS.blocksPerMessage || size + blockSize > LIMITS.textPerMessage)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += blockSize;
  }
  chunks.push(current);
  const fallback = fallbackText(reply);
  return chunks.map((chunk, index) => {
    const text = index === 0 ? fallback : `${fallbackTitle(reply)} (part ${index + 1} of ${chunks.length})`;
    const built = Message({ text }).blocks(...chunk).buildToObject() as unknown as { text: string; blocks: Array<Record<string, unknown>> };
    return { response_type: type, text: built.text, blocks: built.blocks };
  });
}

/** The characters of every text in a built block. */
function textSize(block: unknown): number {
  if (typeof block !== "object" || block === null) return 0;
  let total = 0;
  for (const [key, value] of Object.entries(block)) {
    if (key === "text" && typeof value === "string") total += value.length;
    else if (typeof value === "object") total += Array.isArray(value) ? value.reduce((n: number, v) => n + textSize(v), 0) : textSize(value);
  }
  return total;
}

function fallbackTitle(reply: Reply): string {
  const first = reply.title ?? reply.blocks.find((b) => b.type === "text" || b.type === "heading");
  const title = typeof first === "string" ? first : first && "text" in first ? first.text : "Campaign bot";
  return literalMrkdwn(title.split("\n")[0]!.slice(0, 150));
}

/** The plain text of the whole reply, shortened for notifications. */
export function fallbackText(reply: Reply): string {
  const text = literalMrkdwn(renderText(reply));
  if (text.length <= LIMITS.fallbackText) return text || "Campaign bot";
  return `${splitMrkdwn(text, LIMITS.fallbackText - 1)[0]}…`;
}

/** A short ephemeral message, for acknowledgements and delivery problems. */
export function noticeMessage(text: string): SlackMessage {
  const escaped = literalMrkdwn(text);
  const built = Message({ text: escaped }).blocks(Blocks.Section({ text: escaped })).buildToObject() as unknown as Omit<SlackMessage, "response_type">;
  return { response_type: "ephemeral", text: built.text, blocks: built.blocks };
}
