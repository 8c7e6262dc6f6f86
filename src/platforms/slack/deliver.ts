// Delivers a rendered reply to Slack: the first message in the acknowledgement when there still
// is one, the rest through the command's response_url (Slack accepts five posts there, and every
// post of the reply counts: messages, the note about a reply too long, the note about files),
// and the reply's files uploaded into the channel with files.uploadV2's three steps.

import type { Reply, ReplyFile } from "../../core/reply.ts";
import { renderText } from "../../render/text.ts";
import { noticeMessage, renderMessages, type SlackMessage } from "./blocks.ts";
import type { SlackCommandNames } from "./command-names.ts";

/** Slack accepts up to five posts to one response_url (within 30 minutes). */
export const RESPONSE_URL_POSTS = 5;

export interface DeliveryTarget {
  /** The acknowledgement, when the command has not been acknowledged yet. */
  ack?: (message: SlackMessage) => Promise<void>;
  /** A post to the command's response_url. */
  respond: (message: SlackMessage & { replace_original: false }) => Promise<unknown>;
  /** Uploads a file into the command's channel (files.getUploadURLExternal → upload → files.completeUploadExternal). */
  upload: (file: ReplyFile) => Promise<void>;
  /** Told about what could not be delivered (never secrets: no URLs, no tokens). */
  onProblem?: (problem: string, error: unknown) => void;
}

/** `names`: the commands' names in Slack, when they have a prefix. */
export async function deliverReply(original: Reply, target: DeliveryTarget, names?: SlackCommandNames): Promise<void> {
  const reply = names ? names.reply(original) : original;
  const say = (text: string) => (names ? names.text(text) : text);
  const files = [...reply.files];
  let messages = renderMessages(reply);
  let wholeReply: ReplyFile | null = null;
  // The acknowledgement carries one message; the response URL the others. One post is kept back
  // for the single note about files that could not be posted, when there are files.
  const slots = (target.ack ? 1 : 0) + RESPONSE_URL_POSTS;
  if (messages.length > slots - (files.length > 0 ? 1 : 0)) {
    // Beyond what Slack lets us post: the last post says so, and the whole reply goes along as a
    // text file (a file, so the post for the note about files is kept back now too).
    messages = [
      ...messages.slice(0, slots - 2),
      { ...noticeMessage("This reply is longer than Slack allows in messages; the whole of it is attached as a text file."), response_type: messages[0]!.response_type },
    ];
    wholeReply = { name: "reply.txt", contentType: "text/plain", data: renderText(reply), title: reply.title ?? "Reply" };
    files.push(wholeReply);
  }

  let rest = messages;
  if (target.ack) {
    await target.ack(messages[0]!);
    rest = messages.slice(1);
  }
  for (const message of rest) {
    try {
      await target.respond({ ...message, replace_original: false });
    } catch (error) {
      target.onProblem?.("response_url post failed", error);
      return;
    }
  }

  const failed: Array<{ file: ReplyFile; code: string }> = [];
  for (const file of files) {
    try {
      await target.upload(file);
    } catch (error) {
      target.onProblem?.("file upload failed", error);
      failed.push({ file, code: slackErrorCode(error) });
    }
  }
  if (failed.length > 0) {
    await target
      .respond({ ...noticeMessage(say(filesNotPosted(failed, failed.some((f) => f.file === wholeReply)))), replace_original: false })
      .catch((e: unknown) => target.onProblem?.("response_url post failed", e));
  }
}

/** One note for every file that could not be posted, and how to get them; `restLost`: the whole reply's text file was one. */
export function filesNotPosted(failed: ReadonlyArray<{ file: ReplyFile; code: string }>, restLost: boolean): string {
  const codes = [...new Set(failed.map((f) => f.code))];
  const names = failed.map((f) => (codes.length > 1 ? `${f.file.name} (${f.code})` : f.file.name));
  const what = failed.length === 1 ? `the file ${names[0]}` : `${failed.length} files (${names.join(", ")})`;
  const lost = restLost ? ` ${failed.length === 1 ? "It" : "The text file"} held the rest of this reply.` : "";
  const hint = codes.some((code) => code === "not_in_channel" || code === "channel_not_found")
    ? ` To get them, add the app to this channel (type /invite and pick the app) and run the command again; a campaign's figures also come as one CSV file: /report "<campaign>" format:csv.`
    : " Please try again in a minute.";
  return `Could not post ${what} here${codes.length === 1 ? ` (${codes[0]})` : ""}.${lost}${hint}`;
}

/** The error code of a Slack Web API failure ("not_in_channel"), or a short description. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === "string") return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "upload failed";
}
