// `npm run bench [-- --json] [--keep] [--quick] [--without-gc] [--postgres <url>]`: how fast the bot answers and how its reports,
// digests, charts and memory grow with the data, against the floor of its own stack, and how many
// shop webhooks a flash sale gets through, on this machine, in one run. `npm run bench --
// flash-sale [--orders N]` runs only the flash sale; `npm run bench -- latency [--compare <checkout>]`
// only the command latency and bursts (latency-part.ts); `npm run bench -- reports` only the
// report's figures at 1× and 10× (reports-part.ts); `npm run bench -- memory [--rounds N]
// [--compare <checkout>]` only the bot's memory (memory-part.ts). Progress goes to standard error; standard output is the table (or with
// --json one JSON object). Everything runs on 127.0.0.1 and in a temporary folder.

import { ACK_CPU_PLAN, printAckCpuPart, QUICK_ACK_CPU_PLAN, runAckCpuPart } from "./ack-cpu-part.ts";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createCore, type Core } from "../src/create-core.ts";
import { silentLogger } from "../src/log.ts";
import { startBareBolt, startBotUnderTest, type BareBolt, type BotUnderTest } from "./bot-under-test.ts";
import { DEFAULT_BURST_PLAN, measureBursts, type BurstPlan } from "./burst.ts";
import { measureCharts } from "./chart-cost.ts";
import { measureDataCost, type DataRuns } from "./data-growth.ts";
import { digestInBot } from "./digest-in-bot.ts";
import { dropFlashSaleSchema, FLASH_SALE_PLAN, flashSaleFigures, flashSaleSchemaUrl, measureFlashSale, type FlashSalePlan } from "./flash-sale.ts";
import { BENCH_SIZE, generateCampaign, scaleSize, type CampaignSize, type GeneratedCampaign } from "./generate.ts";
import { DEFAULT_LATENCY_PLAN, measureLatency, type LatencyPlan } from "./latency.ts";
import { printLatencyPart, runLatencyPart } from "./latency-part.ts";
import { keptReportsDir, printReportsPart, runReportsPart } from "./reports-part.ts";
import { printMemoryPart, runMemoryPart } from "./memory-part.ts";
import { machine } from "./machine.ts";
import { measureMassInput } from "./mass-input.ts";
import { memoryOf, sleep } from "./processes.ts";
import { printTable } from "./print.ts";
import { ResponseSink } from "./response-sink.ts";
import type { BenchResult } from "./result.ts";
import { ratio, round } from "./stats.ts";
import { evaluateTargets } from "./targets.ts";

interface Plan {
  base: CampaignSize;
  latency: LatencyPlan;
  bursts: BurstPlan;
  /** Measured runs of each report figure and of the digest, per size (the sizes in alternation). */
  dataRuns: DataRuns;
  chartRuns: number;
  redeemLines: number;
  flashSale: FlashSalePlan;
}

/** Seconds of quiet after the digest before its settled memory is read. */
const SETTLE_S = 40;

const FULL: Plan = {
  base: BENCH_SIZE,
  latency: DEFAULT_LATENCY_PLAN,
  bursts: DEFAULT_BURST_PLAN,
  dataRuns: { report: 9, digest: 4 },
  chartRuns: 7,
  redeemLines: 10_000,
  flashSale: FLASH_SALE_PLAN,
};

/** A smoke run (a tenth of the data, fewer requests): checks the bench works, not the figures. */
const QUICK: Plan = {
  base: scaleSize(BENCH_SIZE, 0.1),
  latency: { requests: { c1: 60, c20: 200 }, rounds: 2, warmup: 10 },
  bursts: { bursts: 4, size: 20, warmup: 1 },
  dataRuns: { report: 2, digest: 1 },
  chartRuns: 2,
  redeemLines: 500,
  flashSale: { ...FLASH_SALE_PLAN, orders: 1_000 },
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      keep: { type: "boolean" },
      quick: { type: "boolean" },
      "without-gc": { type: "boolean" },
      postgres: { type: "string" },
      orders: { type: "string" },
      compare: { type: "string" },
      rounds: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(
      "Usage: npm run bench [-- flash-sale|latency|ack-cpu|reports|memory] [--json] [--keep] [--quick] [--without-gc] [--postgres <url>] [--orders <n>] [--compare <checkout>] [--rounds <n>]\n  flash-sale  only the flash sale (shop webhooks)\n  latency  only the command latency and the bursts (on the 10× data)\n  ack-cpu  only the CPU an acknowledgement costs the bot and the bare Bolt app (/proc), every command acknowledged \"Working on it…\"\n  reports  only the report's figures, 1× and 10× in alternation (with --keep: databases kept and timed again by the next --keep run)\n  memory   only the bot's resident memory: idle, 1 s and 40 s after /digest now of the 10× campaign, peak\n  --compare <checkout>  with latency, ack-cpu or memory: run another checkout of the bot too, in the same rounds (an A/B)\n  --rounds <n>  with memory: start and measure each bot n times, in alternation (1)\n  --json   one JSON object on standard output\n  --keep   keep the temporary folder (databases, logs)\n  --quick  a tenth of the data and fewer requests: a smoke run\n  --without-gc  start the bot without --expose-gc (npm start has it): what the collection after a digest buys\n  --postgres <url>  also run the flash sale on two replicas on this PostgreSQL database, in a schema of its own (or BENCH_POSTGRES_URL)\n  --orders <n>  orders in the flash sale (10,000; --quick 1,000)\n",
    );
    return 0;
  }
  const only = positionals[0];
  if (only !== undefined && only !== "flash-sale" && only !== "latency" && only !== "ack-cpu" && only !== "reports" && only !== "memory") {
    process.stderr.write(`bench: unknown part ${JSON.stringify(only)}; the parts that run alone are flash-sale, latency, ack-cpu, reports and memory\n`);
    return 2;
  }
  if (values.compare !== undefined && only !== "latency" && only !== "ack-cpu" && only !== "memory") {
    process.stderr.write("bench: --compare goes with the latency, ack-cpu or memory part (npm run bench -- latency --compare <checkout>)\n");
    return 2;
  }
  const rounds = values.rounds === undefined ? 1 : Number(values.rounds);
  if (!(Number.isInteger(rounds) && rounds > 0) || (values.rounds !== undefined && only !== "memory")) {
    process.stderr.write(`bench: --rounds takes a whole number above 0 and goes with the memory part, not ${JSON.stringify(values.rounds)}\n`);
    return 2;
  }
  const orders = values.orders === undefined ? null : Number(values.orders);
  if (orders !== null && !(Number.isInteger(orders) && orders > 0)) {
    process.stderr.write(`bench: --orders takes a whole number above 0, not ${JSON.stringify(values.orders)}\n`);
    return 2;
  }
  const base = values.quick ? QUICK : FULL;
  const plan: Plan = { ...base, flashSale: { ...base.flashSale, orders: orders ?? base.flashSale.orders } };
  const postgres = values.postgres ?? (process.env.BENCH_POSTGRES_URL || undefined);
  const started = performance.now();
  const progress = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
  /** Runs one part on its own: its table (or JSON) on standard output; exit 1 when it failed. */
  const onePart = async <R>(dir: string, run: () => Promise<R>, print: (r: R) => string, failed: (r: R) => boolean, kept: string): Promise<number> => {
    try {
      const r = await run();
      process.stdout.write(values.json ? `${JSON.stringify(r, null, 2)}\n` : print(r));
      return failed(r) ? 1 : 0;
    } catch (error) {
      progress(`${only} failed: ${(error as Error).stack ?? error}`);
      return 1;
    } finally {
      if (values.keep) progress(kept);
      else rmSync(dir, { recursive: true, force: true });
    }
  };
  const succeeded = () => false;
  if (only === "reports") {
    const dir = values.keep ? keptReportsDir(Boolean(values.quick)) : mkdtempSync(path.join(os.tmpdir(), "campaign-bot-bench-"));
    const run = () => runReportsPart({ dir, sizes: { "1x": plan.base, "10x": scaleSize(plan.base, 10) }, runs: plan.dataRuns.report, reuse: Boolean(values.keep), progress });
    return onePart(dir, run, printReportsPart, succeeded, `kept ${dir} (the next \`npm run bench -- reports --keep\` times these databases again)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "campaign-bot-bench-"));
  const errors: Record<string, string> = {};
  const nodeArgs = values["without-gc"] ? [] : ["--expose-gc"];
  if (only === "latency") {
    const run = () => runLatencyPart({ dir, size: scaleSize(plan.base, 10), latency: plan.latency, bursts: plan.bursts, nodeArgs, compare: values.compare, progress });
    return onePart(dir, run, printLatencyPart, succeeded, `kept ${dir}`);
  }
  if (only === "ack-cpu") {
    const run = () => runAckCpuPart({ dir, size: scaleSize(BENCH_SIZE, 0.05), plan: values.quick ? QUICK_ACK_CPU_PLAN : ACK_CPU_PLAN, nodeArgs, compare: values.compare, progress });
    return onePart(dir, run, printAckCpuPart, (r) => r.targets.some((t) => t.failures > 0), `kept ${dir}`);
  }
  if (only === "memory") {
    const run = () => runMemoryPart({ dir, size: scaleSize(plan.base, 10), rounds, nodeArgs, compare: values.compare, progress });
    return onePart(dir, run, printMemoryPart, (r) => r.errors.length > 0, `kept ${dir}`);
  }
  const attempt = async <T>(section: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      errors[section] = (error as Error).message;
      progress(`${section} failed: ${(error as Error).message}`);
      return null;
    }
  };

  const sizes = { "1x": plan.base, "10x": scaleSize(plan.base, 10) };
  const result: Omit<BenchResult, "targets" | "bench_s"> = {
    ack_p99_ms: null,
    bolt_ack_p99_ms: null,
    ack_ratio_p99: null,
    report_ms_1x: null,
    report_ms_10x: null,
    digest_ms_1x: null,
    digest_ms_10x: null,
    digest_growth_ratio: null,
    chart_ms: null,
    rss_mb_idle: null,
    rss_mb_after_digest: null,
    redeem_lines_per_s: null,
    ack_p50_ms: null,
    ack_p95_ms: null,
    ack_p99_ms_c1: null,
    bolt_ack_p99_ms_c1: null,
    ack_ratio_p99_c1: null,
    reply_p50_ms: null,
    reply_p99_ms: null,
    reply_p99_ms_c1: null,
    burst_ack_p99_ms: null,
    burst_bolt_ack_p99_ms: null,
    burst_ack_ratio_p99: null,
    report_7d_ms_1x: null,
    report_7d_ms_10x: null,
    report_growth_ratio: null,
    rss_mb_right_after_digest: null,
    rss_mb_peak: null,
    machine: machine(),
    sizes,
    generate_s: { "1x": null, "10x": null },
    data: { "1x": null, "10x": null },
    latency: null,
    bursts: null,
    charts: null,
    memory: { idle: null, after_latency: null, right_after_digest: null, after_digest: null, settle_s: SETTLE_S, digest_in_bot: null },
    mass_input: null,
    webhook_orders_per_s: null,
    webhook_ack_p99_ms: null,
    webhook_orders_lost: null,
    webhook_orders_twice: null,
    flash_sale: { sqlite: null, postgresql: null },
    errors,
  };
  progress(`${result.machine.cpu}, ${result.machine.cores} cores, Node ${result.machine.node}; working in ${dir}`);

  const urls = { "1x": `file:${path.join(dir, "bench-1x.db")}`, "10x": `file:${path.join(dir, "bench-10x.db")}` };
  const generated: { "1x": GeneratedCampaign | null; "10x": GeneratedCampaign | null } = { "1x": null, "10x": null };
  try {
    if (only !== "flash-sale") {
      // 2. Report and digest cost as the data grows (the two sizes timed in alternation); 3. charts
      // (on the 1× campaign's figures).
      const cores: Partial<Record<"1x" | "10x", Core>> = {};
      try {
        for (const scale of ["1x", "10x"] as const) {
          const core = (cores[scale] = await createCore({ databaseUrl: urls[scale], log: silentLogger() }));
          const t0 = performance.now();
          generated[scale] = await attempt(`generate ${scale}`, () =>
            generateCampaign(core, { ...sizes[scale], onProgress: (m) => progress(`generate ${scale}: ${m}`) }),
          );
          result.generate_s[scale] = round((performance.now() - t0) / 1000);
          if (generated[scale]) progress(`generated ${scale} in ${result.generate_s[scale]} s`);
        }
        const [g1, g10] = [generated["1x"], generated["10x"]];
        if (g1 && g10) {
          progress("timing report and digest, 1× and 10× in alternation");
          const cost = await attempt("report and digest", () =>
            measureDataCost({ small: { db: cores["1x"]!.db, generated: g1 }, large: { db: cores["10x"]!.db, generated: g10 } }, plan.dataRuns, new Date(), cores["1x"]!.chartProcess),
          );
          if (cost) {
            result.data = { "1x": cost.small, "10x": cost.large };
            for (const scale of ["1x", "10x"] as const) progress(`${scale}: report ${result.data[scale]!.report_ms} ms, digest ${result.data[scale]!.digest_ms} ms`);
          }
        }
        if (g1) {
          result.charts = await attempt("charts", () => measureCharts(cores["1x"]!.db, g1, plan.chartRuns));
          if (result.charts) progress(`charts: ${result.charts.chart_ms} ms a chart`);
        }
      } finally {
        for (const core of Object.values(cores)) await core.close();
      }
      const [d1, d10] = [result.data["1x"], result.data["10x"]];
      result.report_ms_1x = d1?.report_ms ?? null;
      result.report_ms_10x = d10?.report_ms ?? null;
      result.report_7d_ms_1x = d1?.report_7d_ms ?? null;
      result.report_7d_ms_10x = d10?.report_7d_ms ?? null;
      result.digest_ms_1x = d1?.digest_ms ?? null;
      result.digest_ms_10x = d10?.digest_ms ?? null;
      result.digest_growth_ratio = d1 && d10 ? ratio(d10.digest_ms, d1.digest_ms) : null;
      result.report_growth_ratio = d1 && d10 ? ratio(d10.report_ms, d1.report_ms) : null;
      result.chart_ms = result.charts?.chart_ms ?? null;

      // 4. Memory, then 1. latency: the bot on the 10× database with Slack and Discord connected.
      // The digest comes first, so its memory is not mixed with what a burst of commands leaves.
      const big = generated["10x"];
      if (big) {
        let bot: BotUnderTest | null = null;
        let bolt: BareBolt | null = null;
        try {
          bot = await attempt("start the bot", () => startBotUnderTest(urls["10x"], dir, nodeArgs));
          bolt = await attempt("start the bare Bolt app", () => startBareBolt(dir));
          if (bot) {
            await sleep(3000);
            result.memory.idle = memoryOf(bot.child.pid);
            result.rss_mb_idle = result.memory.idle.rssMb;
            progress(`bot started (Slack HTTP + Discord, fakes); idle RSS ${result.rss_mb_idle} MB`);
          }
          if (bot) {
            const b = bot;
            progress("10× digest inside the bot (/digest now over Slack)");
            result.memory.digest_in_bot = await attempt("digest in the bot", () => digestInBot(b, big, 240_000));
            await sleep(1000);
            result.memory.right_after_digest = memoryOf(b.child.pid);
            result.rss_mb_right_after_digest = result.memory.right_after_digest.rssMb;
            progress(`RSS right after the digest ${result.rss_mb_right_after_digest} MB; waiting ${SETTLE_S} s for it to settle`);
            // What the bot holds between digests: V8 gives pages back after some 20 s without work.
            await sleep(SETTLE_S * 1000);
            result.memory.after_digest = memoryOf(b.child.pid);
            result.rss_mb_after_digest = result.memory.after_digest.rssMb;
            result.rss_mb_peak = result.memory.after_digest.peakMb;
            progress(`RSS ${SETTLE_S} s after the digest ${result.rss_mb_after_digest} MB (peak ${result.rss_mb_peak} MB)`);
          }
          if (bot && bolt) {
            const [b, f] = [bot, bolt];
            const sink = await ResponseSink.start();
            try {
              result.latency = await attempt("latency", () => measureLatency(b.slack, f.slack, big, sink, plan.latency, progress));
              progress(`bursts of ${plan.bursts.size} commands on new connections`);
              result.bursts = await attempt("bursts", () => measureBursts(b.slack, f.slack, big, sink, plan.bursts));
              if (result.bursts) {
                result.burst_ack_p99_ms = result.bursts.bot.p99;
                result.burst_bolt_ack_p99_ms = result.bursts.bolt.p99;
                result.burst_ack_ratio_p99 = result.bursts.ratio_p99;
                progress(`bursts: ack p99 ${result.burst_ack_p99_ms} ms (bare Bolt ${result.burst_bolt_ack_p99_ms} ms)`);
              }
            } finally {
              await sink.close();
            }
            const all = result.latency?.all;
            if (all) {
              result.ack_p50_ms = all.c20.bot.p50;
              result.ack_p95_ms = all.c20.bot.p95;
              result.ack_p99_ms = all.c20.bot.p99;
              result.bolt_ack_p99_ms = all.c20.bolt.p99;
              result.ack_ratio_p99 = all.c20.ratio_p99;
              result.ack_p99_ms_c1 = all.c1.bot.p99;
              result.bolt_ack_p99_ms_c1 = all.c1.bolt.p99;
              result.ack_ratio_p99_c1 = all.c1.ratio_p99;
              result.reply_p50_ms = all.c20.reply.p50;
              result.reply_p99_ms = all.c20.reply.p99;
              result.reply_p99_ms_c1 = all.c1.reply.p99;
            }
            result.memory.after_latency = memoryOf(b.child.pid);
          }
        } finally {
          await Promise.all([bot?.stop(), bolt?.child.stop()]);
        }
      }

      // 5. Mass input through the shell, on the 1× database.
      const small = generated["1x"];
      if (small) {
        progress(`${plan.redeemLines} /code redeem lines through the shell`);
        result.mass_input = await attempt("mass input", () => measureMassInput(urls["1x"], small, plan.redeemLines, dir));
        result.redeem_lines_per_s = result.mass_input?.redeem_lines_per_s ?? null;
        if (result.mass_input && result.mass_input.answered !== plan.redeemLines) {
          errors["mass input"] = `${result.mass_input.answered} of ${plan.redeemLines} lines were answered with an order (see shell.log)`;
        }
      }
    }

    // 6. A flash sale of shop webhooks: one process on SQLite, two replicas on PostgreSQL.
    const flashSale = async (database: "sqlite" | "postgresql", databaseUrl: string, replicas: number) =>
      attempt(`flash sale (${database})`, () =>
        measureFlashSale({ databaseUrl, replicas, dir, plan: plan.flashSale, progress, loadAtStart: machine().load_at_start, nodeArgs }),
      );
    result.flash_sale.sqlite = await flashSale("sqlite", `file:${path.join(dir, "flash-sale.db")}`, 1);
    if (postgres) {
      const url = flashSaleSchemaUrl(postgres);
      result.flash_sale.postgresql = await flashSale("postgresql", url, 2);
      if (values.keep) progress(`kept the PostgreSQL schema of ${url}`);
      else await attempt("flash sale (postgresql): drop its schema", () => dropFlashSaleSchema(url));
    }
    else progress("flash sale on PostgreSQL skipped: give --postgres <url> (or BENCH_POSTGRES_URL)");
    Object.assign(result, flashSaleFigures(result.flash_sale));
  } finally {
    if (values.keep) progress(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  const final: BenchResult = { ...result, targets: evaluateTargets(result), bench_s: round((performance.now() - started) / 1000) };
  if (values.json) process.stdout.write(`${JSON.stringify(final, null, 2)}\n`);
  else process.stdout.write(printTable(final, { onlyFlashSale: only === "flash-sale" }));
  return Object.keys(errors).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
    process.exit(2);
  },
);
