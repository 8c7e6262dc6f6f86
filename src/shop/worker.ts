// Attributes the stored shop webhooks (webhook-http.ts stores them before answering): each in one
// transaction that first claims it (received → processed), so a webhook is attributed once even
// with several replicas, and one left unprocessed by a crash is picked up on the next start.

import type { Database } from "../db/client.ts";
import { isDatabaseUnavailable, isUniqueViolation } from "../db/errors.ts";
import type { Logger } from "../log.ts";
import { attributeWebhook } from "./attribution.ts";

export interface ShopWorker {
  /** Looks for received webhooks now (after one is stored). */
  kick(): void;
  /** Resolves once nothing is left to do (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 100;
/** After a lost race or a lost connection, look again this much later. */
const RETRY_MS = 1000;

export function startShopWorker(options: { db: Database; log: Logger; now?: () => Date }): ShopWorker {
  const { db, log } = options;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  async function drain(): Promise<void> {
    do {
      again = false;
      let lastId = 0;
      for (;;) {
        if (stopped) return;
        const pending = await db.shopWebhook.findMany({ where: { state: "received", id: { gt: lastId } }, orderBy: { id: "asc" }, take: BATCH, select: { id: true } });
        if (pending.length === 0) break;
        for (const { id } of pending) {
          lastId = id;
          if (stopped) return;
          await processOne(id);
        }
      }
    } while (again && !stopped);
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
      if (isUniqueViolation(error) || isDatabaseUnavailable(error)) {
        // Another replica stored the same order at the same moment, or the database went away:
        // the webhook is still "received"; look again shortly.
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

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
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
      while (running) await running;
    },
  };
}
