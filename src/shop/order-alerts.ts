// The lines a campaign's alerts channel gets (/campaign update alerts:#channel): each order the
// shop attributes to one of its codes or links ("KATE15: €59.90, 27th order"), and a spike
// alert when a code's orders in the last hour exceed five times its usual rate (a possible
// leak, src/domain/order-spikes.ts). They are written in the worker's transaction that
// attributed the order (OrderAlert rows), so a crash or a second replica neither loses nor
// doubles one; jobs/alert-runner.ts posts them, at most one message per campaign and minute.

import type { Db } from "../db/client.ts";
import { campaignsWithAlerts } from "../db/order-attribution.ts";
import { numberWriter } from "../core/format.ts";
import { numberStyleOf } from "../domain/number-styles.ts";
import { checkSpike, ordinal, SPIKE_FACTOR, USUAL_HOURS } from "../domain/order-spikes.ts";

const HOUR_MS = 60 * 60_000;

export interface AttributedOrder {
  workspaceId: number;
  numberStyle: string | null;
  campaignId: number;
  codeId: number;
  /** KATE15, or "@kate's link" for a tracking link. */
  label: string;
  revenue: number;
  currency: string;
}

/**
 * Queues each order's line, numbered by its code's count ("27th order"), and a spike alert when
 * its code's last hour is one, for the campaigns with an alerts channel. Call once the orders'
 * ShopOrder and Redemption rows are written (the numbers and the spike count them), with the
 * orders in the order they were counted.
 */
export async function queueOrderAlerts(db: Db, orders: readonly AttributedOrder[], now: Date): Promise<void> {
  if (orders.length === 0) return;
  const alerting = await campaignsWithAlerts(db, [...new Set(orders.map((o) => o.campaignId))]);
  const wanted = orders.filter((o) => alerting.has(o.campaignId));
  if (wanted.length === 0) return;
  // The code's count now includes every order of the batch: the last of them is that number.
  const totals = new Map((await db.code.findMany({ where: { id: { in: [...new Set(wanted.map((o) => o.codeId))] } }, select: { id: true, orders: true } })).map((c) => [c.id, c.orders]));
  const left = new Map<number, number>();
  for (const o of wanted) left.set(o.codeId, (left.get(o.codeId) ?? 0) + 1);
  for (const order of wanted) {
    const remaining = left.get(order.codeId)! - 1;
    left.set(order.codeId, remaining);
    await queueOne(db, order, totals.get(order.codeId)! - remaining, now);
  }
}

async function queueOne(db: Db, order: AttributedOrder, ordersSoFar: number, now: Date): Promise<void> {
  const numbers = numberWriter(numberStyleOf(order.numberStyle));
  const base = { workspaceId: order.workspaceId, campaignId: order.campaignId, codeId: order.codeId, createdAt: now };
  await db.orderAlert.create({
    data: { ...base, kind: "order", text: `${order.label}: ${numbers.money(order.revenue, order.currency)}, ${ordinal(ordersSoFar, numbers.count(ordersSoFar))} order` },
  });
  // One spike alert per code and hour at most: none if one was raised in the last hour.
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const raised = await db.orderAlert.findFirst({ where: { codeId: order.codeId, kind: "spike", createdAt: { gt: hourAgo } }, select: { id: true } });
  if (raised) return;
  const weekBefore = new Date(hourAgo.getTime() - USUAL_HOURS * HOUR_MS);
  const lastHour = await db.shopOrder.count({ where: { codeId: order.codeId, placedAt: { gt: hourAgo, lte: now } } });
  const usualWindow = await db.shopOrder.count({ where: { codeId: order.codeId, placedAt: { gt: weekBefore, lte: hourAgo } } });
  const check = checkSpike(lastHour, usualWindow);
  if (!check.spike) return;
  const usual = check.usualPerHour === 0 ? "none in the 7 days before" : `${numbers.decimal(check.usualPerHour, 1)} an hour over the 7 days before`;
  await db.orderAlert.create({
    data: {
      ...base,
      kind: "spike",
      // Two workers raising one at the same moment: the unique (code, hour) lets one win (the other's transaction is retried).
      spikeHour: now.toISOString().slice(0, 13),
      text: `Possible leak: ${order.label} had ${numbers.count(lastHour)} orders in the last hour, more than ${SPIKE_FACTOR}× its usual rate (${usual}). Check where the code is shared.`,
    },
  });
}
