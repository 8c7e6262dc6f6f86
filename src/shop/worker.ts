// Attributes the stored shop webhooks (webhook-http.ts stores them before answering), in order,
// a batch in one transaction that first claims its webhooks (received → processed), so a webhook
// is attributed once even with several replicas, and one left unprocessed by a crash is picked
// up on the next start. A batch that fails is taken again one webhook per transaction.
//
// Told that webhooks were stored, the worker gathers for a moment (GATHER_MS, or until a batch's
// worth waits) before it claims: during a flash sale a batch is then some BATCH webhooks rather
// than one intake group's dozen, and a round ends with the first batch short of BATCH instead of
// a transaction that claims nothing; what a batch costs whatever its size (the transaction, the
// shops, the campaign's latest orders) is paid some four times less often
// (docs/performance.md, the flash sale).

import type { Database } from "../db/client.ts";
import { providerOfClient } from "../db/client.ts";
import { isDatabaseUnavailable, isUniqueViolation } from "../db/errors.ts";
import { claimWebhooks } from "../db/shop-webhooks.ts";
import type { Logger } from "../log.ts";
import { attributeWebhook, attributeWebhooks, RefundBeforeItsOrder } from "./attribution.ts";

export interface ShopWorker {
  /** Looks for received webhooks shortly (after `stored` were stored: at a batch's worth, now). */
  kick(stored?: number): void;
  /** Resolves once nothing is left to do (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Webhooks attributed in one transaction (on SQLite it holds the write lock: the answers to new webhooks wait that long). */
const BATCH = 50;

/** After a lost race or a lost connection, look again this much later. */
const RETRY_MS = 1000;

/** How long a kick waits for more webhooks before the worker claims, unless a batch's worth is stored by then. */
export const GATHER_MS = 25;

export function startShopWorker(options: { db: Database; log: Logger; now?: () => Date }): ShopWorker {
  const { db, log } = options;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  /** Webhooks stored since the last claim began (as the kicks said). */
  let waiting = 0;
  /** While the worker gathers: ends the wait at once. */
  let gathered: (() => void) | null = null;

  /** Resolves after GATHER_MS, or as soon as a batch's worth waits (or the worker stops). */
  function gather(): Promise<void> {
    if (waiting >= BATCH) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => gathered?.(), GATHER_MS);
      gathered = () => {
        clearTimeout(timer);
        gathered = null;
        resolve();
      };
    });
  }

  /** One round: batches in id order until one is short of BATCH (nothing more waited when it was claimed). */
  async function drain(): Promise<void> {
    again = false;
    let lastId = 0;
    for (;;) {
      if (stopped) return;
      waiting = 0;
      // A batch in one transaction; if it fails, each webhook on its own, so one bad webhook
      // does not hold up the others and is marked failed alone.
      const batch = await processBatch(lastId);
      if (batch.ids.length === 0) return;
      lastId = batch.ids[batch.ids.length - 1]!;
      if (!batch.done) {
        for (const id of batch.ids) {
          if (stopped) return;
          await processOne(id);
        }
      }
      // Stored after the claim began: their kicks asked for another round.
      if (batch.ids.length < BATCH) return;
    }
  }

  /**
   * Claims the next received webhooks after `afterId` and attributes them in one transaction
   * (on PostgreSQL, rows another replica's worker holds are skipped: each takes its own batch).
   * `done` false: the batch failed and was rolled back, its webhooks are to go one by one.
   */
  async function processBatch(afterId: number): Promise<{ ids: number[]; done: boolean }> {
    let ids: number[] = [];
    try {
      await db.$transaction(
        async (tx) => {
          const webhooks = await claimWebhooks(tx, providerOfClient(tx), { afterId, limit: BATCH, now: now() });
          ids = webhooks.map((w) => w.id);
          if (webhooks.length === 0) return;
          const outcomes = await attributeWebhooks(tx, webhooks, now());
          for (const [i, outcome] of outcomes.entries()) {
            if (outcome.state !== "processed") await tx.shopWebhook.update({ where: { id: webhooks[i]!.id }, data: { state: outcome.state, error: outcome.why ?? null } });
          }
        },
        { maxWait: 20_000, timeout: 60_000 },
      );
      return { ids, done: true };
    } catch (error) {
      if (ids.length === 0) throw error;
      if (ids.length > 1 && !(error instanceof RefundBeforeItsOrder)) log.warn({ webhooks: ids.length, err: error }, "a batch of shop webhooks was not attributed together; one by one");
      return { ids, done: false };
    }
  }

  async function processOne(id: number): Promise<void> {
    try {
      await db.$transaction(async (tx) => {
        const claimed = await tx.shopWebhook.updateMany({ where: { id, state: "received" }, data: { state: "processed", processedAt: now() } });
        if (claimed.count === 0) return; // another replica took it
        const outcome = await attributeWebhook(tx, id, now());
        if (outcome.state !== "processed") await tx.shopWebhook.update({ where: { id }, data: { state: outcome.state, error: outcome.why ?? null } });
      }, { maxWait: 20_000, timeout: 60_000 });
    } catch (error) {
      if (isUniqueViolation(error) || isDatabaseUnavailable(error) || error instanceof RefundBeforeItsOrder) {
        // Another replica stored the same order at the same moment, or is storing the order this
        // refunds, or the database went away: the webhook is still "received"; look again shortly.
        log.warn({ webhook: id, err: error }, "shop webhook not attributed yet; trying again");
        scheduleRetry();
        return;
      }
      log.error({ webhook: id, err: error }, "shop webhook could not be attributed");
      await db.shopWebhook.update({ where: { id }, data: { state: "failed", error: String((error as Error).message).slice(0, 500) } }).catch(() => undefined);
    }
  }

  function scheduleRetry() {
    if (retry || stopped) return;
    retry = setTimeout(() => {
      retry = null;
      kick();
    }, RETRY_MS);
    retry.unref();
  }

  function kick(stored = 0) {
    if (stopped) return;
    waiting += stored;
    if (gathered) {
      if (waiting >= BATCH) gathered();
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = gather()
      .then(drain)
      .catch((error: unknown) => {
        log.error({ err: error }, "shop worker stopped a round");
        scheduleRetry();
      })
      .finally(() => {
        running = null;
        if (again) kick();
      });
  }

  kick(); // what a previous run left
  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      gathered?.();
      while (running) await running;
    },
  };
}
