// The flash-sale bench at a tiny size: the bot started as `npm run serve` runs it gets every
// order, sent twice, stored and attributed once, as the bench's own database check and the
// printed table say. On PostgreSQL (TEST_DATABASE_URL), two replicas share the database.

import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { FLASH_SALE_PLAN, flashSaleFigures, measureFlashSale, type FlashSaleRun } from "../../bench/flash-sale.ts";
import { printTable } from "../../bench/print.ts";
import type { BenchResult } from "../../bench/result.ts";
import { evaluateTargets } from "../../bench/targets.ts";
import { machine } from "../../bench/machine.ts";
import { dropDatabase, freshDatabaseUrl, onPostgres, tempDir } from "../helpers/database.ts";

const url = freshDatabaseUrl("flash-sale");
const dir = tempDir("campaign-bot-flash-sale-");
afterAll(async () => {
  await dropDatabase(url);
  rmSync(dir, { recursive: true, force: true });
});

describe("the flash-sale bench", () => {
  it("sends every order twice, and the bot stores and attributes each once", async () => {
    const replicas = onPostgres ? 2 : 1;
    const run: FlashSaleRun = await measureFlashSale({
      databaseUrl: url,
      replicas,
      dir,
      plan: { ...FLASH_SALE_PLAN, orders: 40, concurrency: 6, creators: 3, drainTimeoutS: 120 },
      progress: () => undefined,
      loadAtStart: 0,
    });
    expect([run.database, run.replicas, run.orders, run.requests]).toEqual([onPostgres ? "postgresql" : "sqlite", replicas, 40, 80]);
    expect(run.sent.code + run.sent.link + run.sent.store).toBe(40);
    expect(Math.min(run.sent.code, run.sent.link, run.sent.store)).toBeGreaterThan(0);
    expect([run.not_200, run.webhook_orders_lost, run.webhook_orders_twice, run.misattributed]).toEqual([0, 0, 0, 0]);
    expect(run.ack.n).toBe(80);
    expect(run.webhook_orders_per_s).toBeGreaterThan(0);

    const figures = flashSaleFigures({ sqlite: onPostgres ? null : run, postgresql: onPostgres ? run : null });
    expect([figures.webhook_orders_lost, figures.webhook_orders_twice]).toEqual([0, 0]);
    const result = { flash_sale: { sqlite: onPostgres ? null : run, postgresql: onPostgres ? run : null }, ...figures, machine: machine(), errors: {}, bench_s: 1 };
    const printed = printTable({ ...result, targets: evaluateTargets(result) } as unknown as BenchResult, { onlyFlashSale: true });
    expect(printed).toMatch(new RegExp(`^${run.database}\\s+${replicas}\\s+40\\s+80\\s`, "m"));
    expect(printed).toMatch(/^webhook_orders_lost\s+0\s+≤ 0 orders\s+yes$/m);
  }, 240_000);
});
