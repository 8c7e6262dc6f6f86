// The figures of one bench run: what --json writes and the tables print.

import type { BurstLatency } from "./burst.ts";
import type { ChartCost } from "./chart-cost.ts";
import type { DataCost } from "./data-growth.ts";
import type { DigestInBot } from "./digest-in-bot.ts";
import type { FlashSaleRun } from "./flash-sale.ts";
import type { CampaignSize } from "./generate.ts";
import type { LatencySummary } from "./latency.ts";
import type { Machine } from "./machine.ts";
import type { MassInput } from "./mass-input.ts";
import type { Memory } from "./processes.ts";
import type { TargetCheck } from "./targets.ts";

export interface BenchResult {
  // The figures the issue asks for (concurrency 20 for the latencies).
  ack_p99_ms: number | null;
  bolt_ack_p99_ms: number | null;
  ack_ratio_p99: number | null;
  report_ms_1x: number | null;
  report_ms_10x: number | null;
  digest_ms_1x: number | null;
  digest_ms_10x: number | null;
  digest_growth_ratio: number | null;
  chart_ms: number | null;
  rss_mb_idle: number | null;
  rss_mb_after_digest: number | null;
  redeem_lines_per_s: number | null;
  // Everything else worth knowing.
  ack_p50_ms: number | null;
  ack_p95_ms: number | null;
  ack_p99_ms_c1: number | null;
  bolt_ack_p99_ms_c1: number | null;
  ack_ratio_p99_c1: number | null;
  /** Time to the reply (in the acknowledgement, or at the response URL when acknowledged first). */
  reply_p50_ms: number | null;
  reply_p99_ms: number | null;
  reply_p99_ms_c1: number | null;
  /** Bursts of 20 commands at once, each on a new connection (burst.ts): p99 of the acknowledgements. */
  burst_ack_p99_ms: number | null;
  burst_bolt_ack_p99_ms: number | null;
  burst_ack_ratio_p99: number | null;
  report_7d_ms_1x: number | null;
  report_7d_ms_10x: number | null;
  report_growth_ratio: number | null;
  /** One second after the digest, before V8's memory reducer returns pages (it waits for some 20 s of quiet). */
  rss_mb_right_after_digest: number | null;
  rss_mb_peak: number | null;
  machine: Machine;
  sizes: { "1x": CampaignSize; "10x": CampaignSize };
  generate_s: { "1x": number | null; "10x": number | null };
  data: { "1x": DataCost | null; "10x": DataCost | null };
  latency: LatencySummary | null;
  bursts: BurstLatency | null;
  charts: ChartCost | null;
  memory: {
    idle: Memory | null;
    after_latency: Memory | null;
    right_after_digest: Memory | null;
    after_digest: Memory | null;
    /** Seconds of quiet after the digest before `after_digest` was read. */
    settle_s: number;
    digest_in_bot: DigestInBot | null;
  };
  mass_input: MassInput | null;
  /** The flash sale (flash-sale.ts): orders stored and attributed a second and the p99 of the acknowledgements on SQLite; lost and counted twice over both runs. */
  webhook_orders_per_s: number | null;
  webhook_ack_p99_ms: number | null;
  webhook_orders_lost: number | null;
  webhook_orders_twice: number | null;
  flash_sale: { sqlite: FlashSaleRun | null; postgresql: FlashSaleRun | null };
  targets: TargetCheck[];
  errors: Record<string, string>;
  bench_s: number;
}
