// A command's messages elsewhere (Reply.deliveries: the review channel, a person privately),
// sent by the door through its platform's poster before the command's own reply goes out. A
// message that cannot be sent adds a note to the reply, so the person who ran the command knows.

import type { Reply } from "../../core/reply.ts";
import type { ChannelPoster } from "../../digest/delivery.ts";
import type { Logger } from "../../log.ts";

export interface DeliveryPlace {
  platform: string;
  workspaceExternalId: string;
}

/** Sends the reply's deliveries; returns the reply without them, with a note for each that failed. */
export async function sendDeliveries(reply: Reply, poster: ChannelPoster | undefined, place: DeliveryPlace, log: Logger): Promise<Reply> {
  if (!reply.deliveries?.length) return reply;
  const { deliveries, ...rest } = reply;
  const notes = [...rest.notes];
  for (const [index, delivery] of deliveries.entries()) {
    try {
      if (!poster) throw new Error("no poster for this platform");
      if ("channelId" in delivery.to) {
        await poster.post({ ...place, channelId: delivery.to.channelId, slug: `message-${Date.now()}-${index}` }, delivery.reply);
      } else {
        if (!poster.sendPrivately) throw new Error("this platform cannot send private messages");
        await poster.sendPrivately({ ...place, userId: delivery.to.userId, slug: `message-${Date.now()}-${index}` }, delivery.reply);
      }
    } catch (error) {
      log.warn({ err: { message: (error as Error).message }, workspace: `${place.platform}:${place.workspaceExternalId}` }, "a command's message elsewhere could not be sent");
      notes.push(`Could not send the message to ${delivery.name} (${(error as Error).message}).`);
    }
  }
  return { ...rest, notes };
}
