// `npm run bench -- ack-cpu [--compare <checkout>]`: the CPU an acknowledgement costs the bot
// against the bare Bolt app, read from /proc, which a busy machine moves far less than latencies.
// The bench holds the SQLite file's write lock (BEGIN IMMEDIATE on a connection of its own), so
// the bot's first command waits for it and every other is acknowledged "Working on it…" and kept
// in the inbox, as at concurrency 20 in the latency part, with no command's work in between:
// what is counted is the acknowledgement alone (request read, signature, replay ledger, line
// read, inbox row, answer). Rounds alternate the bare Bolt app and each bot; then the lock is
// released and the bots are stopped (what they still owe is not waited for: only the acks count).

import { createRequire } from "node:module";
import path from "node:path";
import { startBareBolt, startBotUnderTest, type BareBolt, type BotUnderTest } from "./bot-under-test.ts";
import { copySqliteFile, generateCampaignIn } from "./campaign-file.ts";
import type { CampaignSize } from "./generate.ts";
import { commandForm } from "./latency.ts";
import { closedLoop, type SlackTarget } from "./load.ts";
import { machine, type Machine } from "./machine.ts";
import { cpuMsOf, sleep } from "./processes.ts";
import { ResponseSink } from "./response-sink.ts";
import { median, percentiles, round, type Percentiles } from "./stats.ts";

export interface AckCpuPlan {
  /** Requests per target and round, at concurrency 20. */
  requests: number;
  rounds: number;
}

export const ACK_CPU_PLAN: AckCpuPlan = { requests: 500, rounds: 5 };
export const QUICK_ACK_CPU_PLAN: AckCpuPlan = { requests: 200, rounds: 2 };

export interface AckCpuResult {
  machine: Machine;
  load_at_timing: number;
  /** Per target: CPU ms an acknowledgement in each round (the first round, a warm-up, left out), their median, and the latencies. */
  targets: Array<{ name: string; cpu_ms_per_ack: number[]; median_cpu_ms_per_ack: number; ratio_to_bolt: number | null; latency: Percentiles; failures: number }>;
  bench_s: number;
}

interface Db {
  exec(sql: string): void;
  close(): void;
}

export async function runAckCpuPart(options: { dir: string; size: CampaignSize; plan: AckCpuPlan; nodeArgs: string[]; compare?: string; progress: (m: string) => void }): Promise<AckCpuResult> {
  const { dir, plan, progress } = options;
  const started = performance.now();
  const file = path.join(dir, "bench-ack.db");
  const generated = await generateCampaignIn(`file:${file}`, options.size, progress);
  const files = [file];
  if (options.compare) {
    const copy = path.join(dir, "bench-ack-compare.db");
    copySqliteFile(file, copy);
    files.push(copy);
  }
  const sink = await ResponseSink.start();
  const bots: BotUnderTest[] = [];
  const locks: Db[] = [];
  let bolt: BareBolt | null = null;
  let sent = 0;
  try {
    for (const [i, f] of files.entries()) {
      const root = i === 0 ? undefined : path.resolve(options.compare!);
      bots.push(await startBotUnderTest(`file:${f}`, dir, options.nodeArgs, root ? { root, name: path.basename(root) } : undefined));
    }
    bolt = await startBareBolt(dir);
    const Open = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Db;
    for (const f of files) {
      const lock = new Open(f);
      lock.exec("BEGIN IMMEDIATE");
      locks.push(lock);
    }
    await sleep(2000);
    const load = machine().load_at_start;
    const targets: Array<{ target: SlackTarget; pid: number }> = [{ target: bolt.slack, pid: bolt.child.pid }, ...bots.map((b) => ({ target: b.slack, pid: b.child.pid }))];
    progress(`CPU an acknowledgement: ${targets.map((t) => t.target.name).join(", ")} (load ${load})`);
    const request = () => {
      const n = sent++;
      return { id: `ack-${n}`, body: commandForm(generated, `/creator show ${generated.handles[n % generated.handles.length]}`, sink.url(`ack-${n}`)) };
    };
    const opener = () => ({ id: "open", body: commandForm(generated, "/help", sink.url("open")) });
    const samples = targets.map(() => ({ cpu: [] as number[], latencies: [] as number[], failures: 0 }));
    for (let r = 0; r < plan.rounds + 1; r++) {
      for (const [i, t] of targets.entries()) {
        const before = cpuMsOf(t.pid);
        const loop = await closedLoop(t.target, plan.requests, 20, request, (a) => (a.status === 200 ? "later" : false), opener);
        const after = cpuMsOf(t.pid);
        if (before === null || after === null) throw new Error(`the CPU time of ${t.target.name} cannot be read from /proc`);
        const cpu = (after - before) / plan.requests;
        if (r === 0) continue; // warm-up
        samples[i]!.cpu.push(round(cpu));
        samples[i]!.latencies.push(...loop.latencies);
        samples[i]!.failures += loop.failures;
      }
      if (r > 0) progress(`round ${r}: ${targets.map((t, i) => `${t.target.name} ${samples[i]!.cpu.at(-1)} ms`).join(", ")}`);
    }
    for (const lock of locks.splice(0)) {
      lock.exec("ROLLBACK");
      lock.close();
    }
    const boltMedian = median(samples[0]!.cpu);
    return {
      machine: machine(),
      load_at_timing: load,
      targets: targets.map((t, i) => {
        const m = median(samples[i]!.cpu);
        return { name: t.target.name, cpu_ms_per_ack: samples[i]!.cpu, median_cpu_ms_per_ack: m, ratio_to_bolt: i === 0 ? null : round(m / boltMedian), latency: percentiles(samples[i]!.latencies), failures: samples[i]!.failures };
      }),
      bench_s: round((performance.now() - started) / 1000),
    };
  } finally {
    for (const lock of locks) {
      lock.exec("ROLLBACK");
      lock.close();
    }
    await sink.close();
    await Promise.all([...bots.map((b) => b.stop()), bolt?.child.stop()]);
  }
}

export function printAckCpuPart(r: AckCpuResult): string {
  const m = r.machine;
  return [
    `campaign-bot benchmark, CPU an acknowledgement (concurrency 20, every command acknowledged "Working on it…"): ${m.cpu}, ${m.cores} cores, Node ${m.node}; load ${r.load_at_timing} when timing began; ${r.bench_s} s`,
    ...r.targets.map(
      (t) =>
        `${t.name.padEnd(12)} ${String(t.median_cpu_ms_per_ack).padStart(6)} ms CPU an ack (rounds: ${t.cpu_ms_per_ack.join(", ")})${t.ratio_to_bolt === null ? "" : `, ${t.ratio_to_bolt}× bare Bolt`}; ack p50 ${t.latency.p50} / p99 ${t.latency.p99} ms; failures ${t.failures}`,
    ),
    "",
  ].join("\n");
}
