// `npm run bench -- latency [--compare <checkout>]`: only the command latency (section 1) and
// the bursts, on a freshly generated 10× database. With --compare, a second build of the bot
// (another checkout of the project, its node_modules and generated clients in place) runs beside
// this one on its own copy of the same database, and every round times the bare Bolt app, this
// bot and the other in turn: an A/B in one run, where both meet the same machine noise.

import { existsSync } from "node:fs";
import path from "node:path";
import { startBareBolt, startBotUnderTest, type BareBolt, type BotUnderTest } from "./bot-under-test.ts";
import { measureBursts, type BurstLatency, type BurstPlan } from "./burst.ts";
import { copySqliteFile, generateCampaignIn } from "./campaign-file.ts";
import type { CampaignSize } from "./generate.ts";
import { measureLatencyOf, type LatencyPlan, type LatencySummary } from "./latency.ts";
import { machine, type Machine } from "./machine.ts";
import { sleep } from "./processes.ts";
import { ResponseSink } from "./response-sink.ts";
import { round } from "./stats.ts";

export interface LatencyPartResult {
  machine: Machine;
  size: CampaignSize;
  /** One per bot: this checkout's ("bot"), then the compared one's. */
  bots: Array<{ name: string; root: string; latency: LatencySummary | null; bursts: BurstLatency | null }>;
  /** The one-minute load average when the timing began (after the data was generated). */
  load_at_timing: number;
  bench_s: number;
}

export interface LatencyPartOptions {
  dir: string;
  size: CampaignSize;
  latency: LatencyPlan;
  bursts: BurstPlan;
  nodeArgs: string[];
  /** Another checkout of the bot to time beside this one. */
  compare?: string;
  progress: (message: string) => void;
}

export async function runLatencyPart(options: LatencyPartOptions): Promise<LatencyPartResult> {
  const { dir, size, progress } = options;
  const started = performance.now();
  const file = path.join(dir, "bench-10x.db");
  const generated = await generateCampaignIn(`file:${file}`, size, progress);
  const targets: Array<{ name: string; root: string | undefined; url: string }> = [{ name: "bot", root: undefined, url: `file:${file}` }];
  if (options.compare) {
    const root = path.resolve(options.compare);
    if (!existsSync(path.join(root, "src/main.ts"))) throw new Error(`--compare ${root}: no src/main.ts there`);
    const copy = path.join(dir, "bench-10x-compare.db");
    copySqliteFile(file, copy);
    targets.push({ name: path.basename(root), root, url: `file:${copy}` });
  }
  const bots: BotUnderTest[] = [];
  let bolt: BareBolt | null = null;
  const sink = await ResponseSink.start();
  try {
    for (const t of targets) bots.push(await startBotUnderTest(t.url, dir, options.nodeArgs, t.root ? { root: t.root, name: t.name } : undefined));
    bolt = await startBareBolt(dir);
    await sleep(3000);
    const load = machine().load_at_start;
    progress(`timing ${targets.map((t) => t.name).join(" and ")} against bare Bolt (load ${load})`);
    const latency = await measureLatencyOf(
      bots.map((b) => b.slack),
      bolt.slack,
      generated,
      sink,
      options.latency,
      progress,
    );
    const bursts: Array<BurstLatency | null> = [];
    for (const b of bots) {
      progress(`${b.slack.name}: bursts of ${options.bursts.size} commands on new connections`);
      bursts.push(await measureBursts(b.slack, bolt.slack, generated, sink, options.bursts));
    }
    return {
      machine: machine(),
      size,
      bots: targets.map((t, i) => ({ name: t.name, root: t.root ?? "(this checkout)", latency: latency[i] ?? null, bursts: bursts[i] ?? null })),
      load_at_timing: load,
      bench_s: round((performance.now() - started) / 1000),
    };
  } finally {
    await sink.close();
    await Promise.all([...bots.map((b) => b.stop()), bolt?.child.stop()]);
  }
}

export function printLatencyPart(r: LatencyPartResult): string {
  const m = r.machine;
  const rows = r.bots.map((b) => {
    const all = b.latency?.all;
    return [
      b.name,
      all?.c1.bot.p99,
      all?.c1.bolt.p99,
      all?.c1.ratio_p99,
      all?.c20.bot.p50,
      all?.c20.bot.p99,
      all?.c20.bolt.p99,
      all?.c20.ratio_p99,
      all?.c20.reply.p99,
      b.bursts?.bot.p99,
      b.bursts?.bolt.p99,
      b.bursts?.ratio_p99,
      (all?.c1.bot_failures ?? 0) + (all?.c20.bot_failures ?? 0) + (b.bursts?.bot_failures ?? 0),
    ].map((c) => (c === undefined || c === null ? "–" : String(c)));
  });
  const headers = ["bot", "c1 ack p99", "bolt", "ratio", "c20 ack p50", "p99", "bolt p99", "ratio", "reply p99", "burst p99", "bolt", "ratio", "failures"];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    `campaign-bot benchmark, latency only: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load ${r.load_at_timing} when timing began; ${r.bench_s} s`,
    `${r.size.creators} creators, ${r.size.posts} posts, ${r.size.redemptions} orders; both commands together, ms`,
    line(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
  ].join("\n");
}
