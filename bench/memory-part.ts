// `npm run bench -- memory [--rounds N] [--compare <checkout>] [--quick]`: only the memory part
// (section 5): the bot as `npm start` runs it on a freshly generated 10× database, Slack HTTP and
// Discord connected to the fakes; its resident size idle, then 1 s and 40 s after a `/digest now`
// of the campaign asked for over signed Slack HTTP, and its peak. Each round starts the bot afresh;
// with --compare, another checkout's bot takes its turn in every round (one bot at a time, on the
// same database), so an A/B meets the same machine.

import { mkdirSync } from "node:fs";
import path from "node:path";
import { startBotUnderTest } from "./bot-under-test.ts";
import { generateCampaignIn } from "./campaign-file.ts";
import { digestInBot, type DigestInBot } from "./digest-in-bot.ts";
import type { CampaignSize, GeneratedCampaign } from "./generate.ts";
import { machine, type Machine } from "./machine.ts";
import { memoryOf, sleep, type Memory } from "./processes.ts";
import { median, round } from "./stats.ts";

/** Seconds between start-up and the idle reading, and between the digest and the settled one. */
export const IDLE_S = 3;
export const SETTLE_S = 40;

export interface MemoryReadings {
  idle: Memory | null;
  right_after_digest: Memory | null;
  after_digest: Memory | null;
  digest_in_bot: DigestInBot | null;
}

export interface MemoryPartResult {
  machine: Machine;
  size: CampaignSize;
  generate_s: number;
  /** Per bot ("bot" is this checkout): every round's readings and the medians of the figures. */
  bots: Array<{
    name: string;
    root: string;
    rounds: MemoryReadings[];
    rss_mb_idle: number | null;
    rss_mb_right_after_digest: number | null;
    rss_mb_after_digest: number | null;
    rss_mb_peak: number | null;
  }>;
  errors: string[];
  bench_s: number;
}

export interface MemoryPartOptions {
  dir: string;
  size: CampaignSize;
  rounds: number;
  nodeArgs: string[];
  compare?: string;
  progress: (message: string) => void;
}

/** One bot started, measured as section 5 of the whole bench does, and stopped. */
export async function measureBotMemory(databaseUrl: string, dir: string, generated: GeneratedCampaign, nodeArgs: string[], other?: { root: string; name: string }): Promise<MemoryReadings> {
  const readings: MemoryReadings = { idle: null, right_after_digest: null, after_digest: null, digest_in_bot: null };
  const bot = await startBotUnderTest(databaseUrl, dir, nodeArgs, other);
  try {
    await sleep(IDLE_S * 1000);
    readings.idle = memoryOf(bot.child.pid);
    readings.digest_in_bot = await digestInBot(bot, generated, 240_000);
    await sleep(1000);
    readings.right_after_digest = memoryOf(bot.child.pid);
    // What the bot holds between digests: V8 gives pages back after some 20 s without work.
    await sleep(SETTLE_S * 1000);
    readings.after_digest = memoryOf(bot.child.pid);
    return readings;
  } finally {
    await bot.stop();
  }
}

export async function runMemoryPart(options: MemoryPartOptions): Promise<MemoryPartResult> {
  const { dir, size, progress } = options;
  const started = performance.now();
  const url = `file:${path.join(dir, "bench-10x.db")}`;
  const t0 = performance.now();
  const generated = await generateCampaignIn(url, size, progress);
  const generateS = round((performance.now() - t0) / 1000);
  const bots: Array<{ name: string; root?: string }> = [{ name: "bot" }];
  if (options.compare) bots.push({ name: path.basename(path.resolve(options.compare)), root: path.resolve(options.compare) });
  const rounds: MemoryReadings[][] = bots.map(() => []);
  const errors: string[] = [];
  for (let r = 0; r < options.rounds; r++) {
    for (const [i, b] of bots.entries()) {
      try {
        // A folder a start: each start's log is its own (its "bot started" line is waited for).
        const roundDir = path.join(dir, `round-${r + 1}`);
        mkdirSync(roundDir, { recursive: true });
        const m = await measureBotMemory(url, roundDir, generated, options.nodeArgs, b.root ? { root: b.root, name: b.name } : undefined);
        rounds[i]!.push(m);
        progress(`round ${r + 1}, ${b.name}: idle ${m.idle?.rssMb} MB, 1 s after the digest ${m.right_after_digest?.rssMb} MB, ${SETTLE_S} s after ${m.after_digest?.rssMb} MB, peak ${m.after_digest?.peakMb} MB (digest ${m.digest_in_bot?.ms} ms)`);
      } catch (error) {
        errors.push(`round ${r + 1}, ${b.name}: ${(error as Error).message}`);
        progress(`round ${r + 1}, ${b.name} failed: ${(error as Error).message}`);
      }
    }
  }
  const med = (xs: Array<number | undefined>) => {
    const ys = xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
    return ys.length === 0 ? null : round(median(ys));
  };
  return {
    machine: machine(),
    size,
    generate_s: generateS,
    bots: bots.map((b, i) => ({
      name: b.name,
      root: b.root ?? "(this checkout)",
      rounds: rounds[i]!,
      rss_mb_idle: med(rounds[i]!.map((m) => m.idle?.rssMb)),
      rss_mb_right_after_digest: med(rounds[i]!.map((m) => m.right_after_digest?.rssMb)),
      rss_mb_after_digest: med(rounds[i]!.map((m) => m.after_digest?.rssMb)),
      rss_mb_peak: med(rounds[i]!.map((m) => m.after_digest?.peakMb)),
    })),
    errors,
    bench_s: round((performance.now() - started) / 1000),
  };
}

export function printMemoryPart(r: MemoryPartResult): string {
  const m = r.machine;
  const headers = ["bot", "rounds", "rss_mb_idle", "rss_mb_right_after_digest", "rss_mb_after_digest", "rss_mb_peak", "each round (idle / 1 s / 40 s / peak)"];
  const rows = r.bots.map((b) =>
    [
      b.name,
      b.rounds.length,
      b.rss_mb_idle,
      b.rss_mb_right_after_digest,
      b.rss_mb_after_digest,
      b.rss_mb_peak,
      b.rounds.map((x) => `${x.idle?.rssMb}/${x.right_after_digest?.rssMb}/${x.after_digest?.rssMb}/${x.after_digest?.peakMb}`).join("  "),
    ].map((c) => (c === null || c === undefined ? "–" : String(c))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [
    `campaign-bot benchmark, memory only: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load ${m.load_at_start} at the end; ${r.bench_s} s (generating ${r.generate_s} s)`,
    `${r.size.creators} creators, ${r.size.posts} posts, ${r.size.redemptions} orders; resident memory (VmRSS, VmHWM) in MB, medians over the rounds; idle ${IDLE_S} s after start, then 1 s and ${SETTLE_S} s after /digest now`,
    line(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    ...r.errors.map((e) => `error: ${e}`),
    "",
  ].join("\n");
}
