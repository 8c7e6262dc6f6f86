// A command's messages elsewhere (Reply.deliveries: the review channel, a person privately, a
// message the bot posted before, replaced), sent by the door through its platform's poster before
// the command's own reply goes out. A message that cannot be sent adds a note to the reply, so the
// person who ran the command knows. A posted message the command asked to remember (a post's
// review message) has its reference stored, so a later decision can update it.

import type { Reply } from "../../core/reply.ts";
import type { Db } from "../../db/client.ts";
import { rememberReviewMessage } from "../../db/post-approval.ts";
import type { ChannelPoster } from "../../digest/delivery.ts";
import type { Logger } from "../../log.ts";

export interface DeliveryPlace {
  platform: string;
  workspaceExternalId: string;
}

export interface DeliveryOptions {
  /** Where references of posted messages are stored. */
  db?: Db;
  /**
   * The message a click's own answer replaces already (its reference): a delivery that would
   * replace the same message is left to that answer.
   */
  clickedMessage?: string | null;
}

/** Sends the reply's deliveries; returns the reply without them, with a note for each that failed. */
export async function sendDeliveries(reply: Reply, poster: ChannelPoster | undefined, place: DeliveryPlace, log: Logger, options: DeliveryOptions = {}): Promise<Reply> {
  if (!reply.deliveries?.length) return reply;
  const { deliveries, ...rest } = reply;
  const notes = [...rest.notes];
  for (const [index, delivery] of deliveries.entries()) {
    try {
      if (!poster) throw new Error("no poster for this platform");
      if ("messageRef" in delivery.to) {
        if (delivery.to.messageRef === options.clickedMessage) continue;
        if (!poster.update) throw new Error("this platform cannot update messages");
        await poster.update({ ...place, ref: delivery.to.messageRef }, delivery.reply);
      } else if ("channelId" in delivery.to) {
        const posted = await poster.post({ ...place, channelId: delivery.to.channelId, slug: `message-${Date.now()}-${index}` }, delivery.reply);
        if (posted && delivery.remember && options.db) {
          const postId = delivery.remember.reviewMessageOf;
          await rememberReviewMessage(options.db, postId, posted.ref).catch((error: unknown) => log.warn({ err: { message: (error as Error).message }, postId }, "could not store the review message's reference"));
        }
      } else {
        if (!poster.sendPrivately) throw new Error("this platform cannot send private messages");
        await poster.sendPrivately({ ...place, userId: delivery.to.userId, slug: `message-${Date.now()}-${index}` }, delivery.reply);
      }
    } catch (error) {
      log.warn({ err: { message: (error as Error).message }, workspace: `${place.platform}:${place.workspaceExternalId}` }, "a command's message elsewhere could not be sent");
      notes.push(`Could not ${"messageRef" in delivery.to ? "update" : "send"} the message ${"messageRef" in delivery.to ? "in" : "to"} ${delivery.name} (${(error as Error).message}).`);
    }
  }
  return { ...rest, notes };
}
