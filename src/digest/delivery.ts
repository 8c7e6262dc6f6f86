// What it takes to deliver a digest to a channel, or a reminder to a person privately; each
// platform adapter provides a poster.

import type { Reply } from "../core/reply.ts";

export interface DigestTarget {
  /** The chat platform's name (src/platforms/registry.ts). */
  platform: string;
  /** Slack team id, Discord guild id, or "local". */
  workspaceExternalId: string;
  channelId: string;
  /** A name for files, e.g. "schedule-3-2026-11-22". */
  slug: string;
}

/** A person of a workspace, to be told something privately (a deliverable reminder). */
export interface PersonTarget {
  /** The chat platform's name (src/platforms/registry.ts). */
  platform: string;
  /** Slack team id, Discord guild id, or "local". */
  workspaceExternalId: string;
  /** The platform's id of the person (Slack user id, Discord user id, the shell's name). */
  userId: string;
  /** A name for files, e.g. "reminder-12". */
  slug: string;
}

/** A message the bot posted, by the reference its poster gave back (Slack "channel/ts", Discord "channel/message"). */
export interface MessageTarget {
  /** The chat platform's name (src/platforms/registry.ts). */
  platform: string;
  /** Slack team id, Discord guild id, or "local". */
  workspaceExternalId: string;
  ref: string;
}

/** What a poster gives back for a posted reply: the reference of its last message (the one with the buttons). */
export interface PostedMessage {
  ref: string;
}

export interface ChannelPoster {
  /** Posts the reply (text, files, images) into the channel, as one message where the platform allows. */
  post(target: DigestTarget, reply: Reply): Promise<PostedMessage | void>;
  /** Replaces a message the bot posted (its text and buttons) with the reply's first message. */
  update?(target: MessageTarget, reply: Reply): Promise<void>;
  /** Sends the reply to one person privately: a Slack DM, a Discord DM, printed in the shell. */
  sendPrivately?(target: PersonTarget, reply: Reply): Promise<void>;
}

/** A poster for each chat platform this process can post into, by its name. */
export type Posters = Partial<Record<string, ChannelPoster>>;

/**
 * A delivery error a poster can raise: `permanent` (channel gone, bot removed) is not retried;
 * `retryAfterMs` (rate limited) is waited for before the next try.
 */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    readonly options: { permanent?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}
