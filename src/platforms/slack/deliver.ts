// Delivers a rendered reply to Slack: the first message in the acknowledgement when there still
// is one, the rest through the command's response_url (Slack allows five posts there), and the
// reply's files uploaded into the channel with files.uploadV2's three steps.

import type { Reply, ReplyFile } from "../../core/reply.ts";
import { renderText } from "../../render/text.ts";
import { noticeMessage, renderMessages, type SlackMessage } from "./blocks.ts";

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

export async function deliverReply(reply: Reply, target: DeliveryTarget): Promise<void> {
  const files = [...reply.files];
  let messages = renderMessages(reply);
  // One response_url post is kept back for a note about a file that could not be uploaded.
  const room = (target.ack ? 1 : 0) + RESPONSE_URL_POSTS - (files.length > 0 ? 1 : 0);
  if (messages.length > room) {
    // Beyond what Slack lets us post: the whole reply goes along as a text file instead.
    messages = [
      ...messages.slice(0, room - 1),
      { ...noticeMessage(`This reply is longer than Slack allows in messages; the whole of it is attached as a text file.`), response_type: messages[0]!.response_type },
    ];
    files.push({ name: "reply.txt", contentType: "text/plain", data: renderText(reply), title: reply.title ?? "Reply" });
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

  for (const file of files) {
    try {
      await target.upload(file);
    } catch (error) {
      target.onProblem?.("file upload failed", error);
      const code = slackErrorCode(error);
      const hint =
        code === "not_in_channel" || code === "channel_not_found"
          ? " Add the app to this channel (type /invite and pick the app) and run the command again."
          : " Please try again in a minute.";
      await target
        .respond({ ...noticeMessage(`Could not post the file ${file.name} here (${code}).${hint}`), replace_original: false })
        .catch((e: unknown) => target.onProblem?.("response_url post failed", e));
    }
  }
}

/** The error code of a Slack Web API failure ("not_in_channel"), or a short description. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === "string") return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "upload failed";
}
