// Command latency over real signed HTTP: the bot's acknowledgement time against a bare Bolt
// app's, for the same requests, in alternating rounds so both meet the same machine noise.

import { commandPayload } from "../../test/platforms/slack/slack-request.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { closedLoop, type Answer, type SlackTarget } from "./load.ts";
import { percentiles, ratio, type Percentiles } from "./stats.ts";

export interface LatencyPlan {
  /** Requests per target and command at concurrency 1 and at concurrency 20. */
  requests: { c1: number; c20: number };
  rounds: number;
  warmup: number;
}

export const DEFAULT_LATENCY_PLAN: LatencyPlan = { requests: { c1: 210, c20: 1200 }, rounds: 3, warmup: 40 };

interface BenchCommand {
  name: string;
  line: (n: number) => string;
  /** The bot's acknowledgement carries the reply; this says it is the right one. */
  expect: RegExp;
}

export interface CommandLatency {
  bot: Percentiles;
  bolt: Percentiles;
  ratio_p99: number;
  bot_failures: number;
  first_failure?: string;
}

export interface LatencySummary {
  commands: Record<string, { c1: CommandLatency; c20: CommandLatency }>;
  /** Both commands' samples together. */
  all: { c1: CommandLatency; c20: CommandLatency };
}

export function benchCommands(generated: GeneratedCampaign, runId: string): BenchCommand[] {
  // Creators with a TikTok account (every third), so /post log finds the account of the URL.
  const tiktok = generated.handles.filter((_, i) => i % 3 === 0);
  return [
    {
      name: "/creator show",
      line: (n) => `/creator show ${generated.handles[n % generated.handles.length]}`,
      expect: /@c\d+: \w+/,
    },
    {
      name: "/post log",
      line: (n) => {
        const handle = tiktok[n % tiktok.length]!;
        return `/post log https://www.tiktok.com/@${handle}/video/9${runId}${String(n).padStart(6, "0")} ${handle} "${generated.campaignName}" views:12k likes:900 comments:40 disclosed:yes`;
      },
      expect: /Logged @c\d+'s TikTok post/,
    },
  ];
}

export async function measureLatency(
  bot: SlackTarget,
  bolt: SlackTarget,
  generated: GeneratedCampaign,
  responseUrl: (id: string) => string,
  plan: LatencyPlan,
  progress: (message: string) => void,
): Promise<LatencySummary> {
  const who = { team: generated.caller.workspaceId, user: generated.caller.userId, userName: generated.caller.userName, channel: generated.caller.channelId ?? "CBENCH" };
  const runId = String(Date.now() % 100_000).padStart(5, "0");
  let sent = 0;
  const commands = benchCommands(generated, runId);
  const body = (command: BenchCommand) => () => {
    const n = sent++;
    return new URLSearchParams(commandPayload(command.line(n), who, responseUrl(`bench-${n}`))).toString();
  };
  const okFrom = (command: BenchCommand) => (a: Answer) => a.status === 200 && command.expect.test(a.body);
  const boltOk = (a: Answer) => a.status === 200;

  const result: LatencySummary["commands"] = {};
  const pooled = { c1: { bot: [] as number[], bolt: [] as number[], failures: 0 }, c20: { bot: [] as number[], bolt: [] as number[], failures: 0 } };
  for (const command of commands) {
    const next = body(command);
    const levels = {} as Record<"c1" | "c20", CommandLatency>;
    for (const [level, concurrency] of [["c1", 1], ["c20", 20]] as const) {
      // Warm both (JIT, connections, the member's first-use row, the admin cache).
      await closedLoop(bolt, plan.warmup, concurrency, next, boltOk);
      await closedLoop(bot, plan.warmup, concurrency, next, okFrom(command));
      const botTimes: number[] = [];
      const boltTimes: number[] = [];
      let failures = 0;
      let firstFailure: string | null = null;
      const perRound = Math.ceil(plan.requests[level] / plan.rounds);
      for (let round = 0; round < plan.rounds; round++) {
        const b = await closedLoop(bolt, perRound, concurrency, next, boltOk);
        const o = await closedLoop(bot, perRound, concurrency, next, okFrom(command));
        boltTimes.push(...b.latencies);
        botTimes.push(...o.latencies);
        failures += o.failures + b.failures;
        firstFailure ??= o.firstFailure ?? b.firstFailure;
      }
      levels[level] = summarise(botTimes, boltTimes, failures, firstFailure);
      pooled[level].bot.push(...botTimes);
      pooled[level].bolt.push(...boltTimes);
      pooled[level].failures += failures;
      progress(`${command.name} at concurrency ${concurrency}: p99 ${levels[level].bot.p99} ms (bare Bolt ${levels[level].bolt.p99} ms)`);
    }
    result[command.name] = levels;
  }
  return {
    commands: result,
    all: {
      c1: summarise(pooled.c1.bot, pooled.c1.bolt, pooled.c1.failures, null),
      c20: summarise(pooled.c20.bot, pooled.c20.bolt, pooled.c20.failures, null),
    },
  };
}

function summarise(bot: number[], bolt: number[], failures: number, firstFailure: string | null): CommandLatency {
  const b = percentiles(bot);
  const f = percentiles(bolt);
  return { bot: b, bolt: f, ratio_p99: ratio(b.p99, f.p99), bot_failures: failures, ...(firstFailure ? { first_failure: firstFailure } : {}) };
}
