// Bursts of commands on new connections: twenty signed Slack commands sent at once, each on a
// connection of its own opened for it, as when a team runs the bot at the same moment and Slack
// connects afresh. The bot and the bare Bolt app take turns, burst by burst, so both meet the
// same machine noise; after each of the bot's bursts, its replies are waited for (the next burst
// finds it idle, as the first of a real burst does). The latency loops (latency.ts) time
// requests on connections already open; this times the connections' setting up with them.

import http from "node:http";
import { benchCommands, commandForm } from "./latency.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { postSignedForm, type SlackTarget } from "./load.ts";
import type { ResponseSink } from "./response-sink.ts";
import { percentiles, ratio, type Percentiles } from "./stats.ts";

export interface BurstPlan {
  /** Bursts per target, after `warmup` untimed ones. */
  bursts: number;
  size: number;
  warmup: number;
}

export const DEFAULT_BURST_PLAN: BurstPlan = { bursts: 50, size: 20, warmup: 3 };

export interface BurstLatency {
  /** Time to the acknowledgement, every request of every timed burst. */
  bot: Percentiles;
  bolt: Percentiles;
  ratio_p99: number;
  bot_failures: number;
  first_failure?: string;
}

const REPLY_WAIT_MS = 60_000;

export async function measureBursts(bot: SlackTarget, bolt: SlackTarget, generated: GeneratedCampaign, sink: ResponseSink, plan: BurstPlan): Promise<BurstLatency> {
  const runId = String((Date.now() + 50_000) % 100_000).padStart(5, "0");
  const commands = benchCommands(generated, runId);
  let sent = 0;
  const samples = { bot: [] as number[], bolt: [] as number[] };
  let failures = 0;
  let firstFailure: string | undefined;

  /** One burst: `size` requests at once, each on its own new connection; the acknowledgement times. */
  const burst = async (target: SlackTarget, burstNo: number) => {
    const command = commands[burstNo % commands.length]!;
    /** Acknowledged first ("Working on it…"): their replies come at the response URL. */
    const later: string[] = [];
    const times = await Promise.all(
      Array.from({ length: plan.size }, async () => {
        const n = sent++;
        const id = `burst-${n}`;
        const body = commandForm(generated, command.line(n), sink.url(id));
        // A connection of its own, closed after the answer.
        const agent = new http.Agent({ keepAlive: false, maxSockets: 1 });
        const started = performance.now();
        try {
          const answer = await postSignedForm(agent, target, body);
          const ms = performance.now() - started;
          if (answer.status !== 200) throw new Error(`${answer.status} ${answer.body.slice(0, 200)}`);
          if (/Working on/.test(answer.body)) later.push(id);
          return ms;
        } catch (error) {
          failures++;
          firstFailure ??= `${target.name}: ${(error as Error).message}`;
          return null;
        } finally {
          agent.destroy();
        }
      }),
    );
    return { later, command, times: times.filter((t): t is number => t !== null) };
  };

  for (let i = 0; i < plan.warmup + plan.bursts; i++) {
    const timed = i >= plan.warmup;
    const b = await burst(bolt, i);
    if (timed) samples.bolt.push(...b.times);
    const o = await burst(bot, i);
    if (timed) samples.bot.push(...o.times);
    // The bot's replies come before the next burst, so each burst finds it idle.
    await sink.waitForAll(o.later, (body) => o.command.expect.test(body), REPLY_WAIT_MS);
  }
  const ours = percentiles(samples.bot);
  const bare = percentiles(samples.bolt);
  return { bot: ours, bolt: bare, ratio_p99: ratio(ours.p99, bare.p99), bot_failures: failures, ...(firstFailure ? { first_failure: firstFailure } : {}) };
}
