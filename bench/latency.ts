// Command latency over real signed HTTP: the bot's acknowledgement time against a bare Bolt
// app's, for the same requests, in alternating rounds so both meet the same machine noise; and
// the time to each reply, in the acknowledgement or (when the bot acknowledged first, being
// busy) at the response URL. Each of the bot's rounds ends when its last reply has come.

import { commandPayload } from "../test/platforms/slack/slack-request.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { closedLoop, type Answer, type Request, type SlackTarget, type Verdict } from "./load.ts";
import type { ResponseSink } from "./response-sink.ts";
import { percentiles, ratio, type Percentiles } from "./stats.ts";

export interface LatencyPlan {
  /** Requests per target and command at concurrency 1 and at concurrency 20. */
  requests: { c1: number; c20: number };
  rounds: number;
  warmup: number;
}

export const DEFAULT_LATENCY_PLAN: LatencyPlan = { requests: { c1: 210, c20: 2400 }, rounds: 6, warmup: 40 };

interface BenchCommand {
  name: string;
  line: (n: number) => string;
  /** Says a reply (in the acknowledgement or at the response URL) is the right one. */
  expect: RegExp;
}

export interface CommandLatency {
  /** Time to the acknowledgement. */
  bot: Percentiles;
  bolt: Percentiles;
  ratio_p99: number;
  /** Time to the reply: the acknowledgement when it carried the reply, else the response URL post. */
  reply: Percentiles;
  /** Of the bot's replies, how many came through the response URL (acknowledged first). */
  replies_later: number;
  bot_failures: number;
  first_failure?: string;
}

export interface LatencySummary {
  commands: Record<string, { c1: CommandLatency; c20: CommandLatency }>;
  /** Both commands' samples together. */
  all: { c1: CommandLatency; c20: CommandLatency };
}

/** How long the replies of one round may take to come after its last acknowledgement. */
const REPLY_WAIT_MS = 120_000;

/** A signed Slack command's form body from the generated campaign's caller, its reply going to `responseUrl`. */
export function commandForm(generated: GeneratedCampaign, line: string, responseUrl: string): string {
  const { workspaceId, userId, userName, channelId } = generated.caller;
  return new URLSearchParams(commandPayload(line, { team: workspaceId, user: userId, userName, channel: channelId ?? "CBENCH" }, responseUrl)).toString();
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

interface Samples {
  bot: number[];
  bolt: number[];
  reply: number[];
  later: number;
  failures: number;
}

const noSamples = (): Samples => ({ bot: [], bolt: [], reply: [], later: 0, failures: 0 });

export async function measureLatency(
  bot: SlackTarget,
  bolt: SlackTarget,
  generated: GeneratedCampaign,
  sink: ResponseSink,
  plan: LatencyPlan,
  progress: (message: string) => void,
): Promise<LatencySummary> {
  return (await measureLatencyOf([bot], bolt, generated, sink, plan, progress))[0]!;
}

/**
 * The same for several bots (builds of the bot to compare, each on its own copy of the
 * database), each round timing the bare Bolt app and then every bot in turn, so all meet the
 * same machine noise; each bot's ratio is against the same bare Bolt samples.
 */
export async function measureLatencyOf(
  bots: readonly SlackTarget[],
  bolt: SlackTarget,
  generated: GeneratedCampaign,
  sink: ResponseSink,
  plan: LatencyPlan,
  progress: (message: string) => void,
): Promise<LatencySummary[]> {
  const runId = String(Date.now() % 100_000).padStart(5, "0");
  let sent = 0;
  const commands = benchCommands(generated, runId);
  const requests = (command: BenchCommand) => (): Request => {
    const n = sent++;
    const id = `bench-${n}`;
    return { id, body: commandForm(generated, command.line(n), sink.url(id)) };
  };
  const verdictFor =
    (command: BenchCommand) =>
    (a: Answer): Verdict => {
      if (a.status !== 200) return false;
      // Acknowledged first ("Working on it…"), the reply follows at the response URL.
      if (a.body === "" || /Working on it/.test(a.body)) return "later";
      return command.expect.test(a.body) ? "reply" : false;
    };
  const boltOk = (a: Answer): Verdict => (a.status === 200 ? "reply" : false);
  // Opens a loop's connections, untimed: /help is answered in the acknowledgement, with no database.
  const opener = (): Request => ({ id: "open", body: commandForm(generated, "/help", sink.url("open")) });

  /** Runs one loop on a bot and waits for the replies it still owes, so they are timed and no backlog runs into the next loop. */
  const botLoop = async (bot: SlackTarget, command: BenchCommand, count: number, concurrency: number, into: Samples | null) => {
    const o = await closedLoop(bot, count, concurrency, requests(command), verdictFor(command), opener);
    const isReply = (body: string) => command.expect.test(body);
    await sink.waitForAll(
      o.later.map((l) => l.id),
      isReply,
      REPLY_WAIT_MS,
    );
    if (!into) return o;
    into.bot.push(...o.latencies);
    into.reply.push(...o.answered);
    into.later += o.later.length;
    into.failures += o.failures;
    for (const { id, sentAt } of o.later) {
      const arrival = sink.find(id, isReply);
      if (arrival) into.reply.push(arrival.at - sentAt);
      else {
        into.failures++;
        o.firstFailure ??= `no reply at the response URL within ${REPLY_WAIT_MS / 1000} s: ${sink.arrived.get(id)?.[0]?.body.slice(0, 200) ?? "nothing"}`;
      }
    }
    return o;
  };

  const results = bots.map(() => ({} as LatencySummary["commands"]));
  const pooled = bots.map(() => ({ c1: noSamples(), c20: noSamples() }));
  for (const command of commands) {
    const levels = bots.map(() => ({}) as Record<"c1" | "c20", CommandLatency>);
    for (const [level, concurrency] of [["c1", 1], ["c20", 20]] as const) {
      // Warm each (JIT, connections, the member's first-use row, the admin cache).
      await closedLoop(bolt, plan.warmup, concurrency, requests(command), boltOk);
      for (const bot of bots) await botLoop(bot, command, plan.warmup, concurrency, null);
      const samples = bots.map(() => noSamples());
      const firstFailure: Array<string | null> = bots.map(() => null);
      const perRound = Math.ceil(plan.requests[level] / plan.rounds);
      for (let round = 0; round < plan.rounds; round++) {
        const b = await closedLoop(bolt, perRound, concurrency, requests(command), boltOk, opener);
        for (const [i, bot] of bots.entries()) {
          samples[i]!.bolt.push(...b.latencies);
          samples[i]!.failures += b.failures;
          const o = await botLoop(bot, command, perRound, concurrency, samples[i]!);
          firstFailure[i] ??= o.firstFailure ?? b.firstFailure;
        }
      }
      for (const [i, bot] of bots.entries()) {
        const l = (levels[i]![level] = summarise(samples[i]!, firstFailure[i]!));
        for (const key of ["bot", "bolt", "reply"] as const) pooled[i]![level][key].push(...samples[i]![key]);
        pooled[i]![level].later += samples[i]!.later;
        pooled[i]![level].failures += samples[i]!.failures;
        const who = bots.length > 1 ? `${bot.name}: ` : "";
        progress(`${who}${command.name} at concurrency ${concurrency}: ack p99 ${l.bot.p99} ms (bare Bolt ${l.bolt.p99} ms), reply p99 ${l.reply.p99} ms (${l.replies_later} of ${l.reply.n} after the ack)`);
      }
    }
    for (const [i] of bots.entries()) results[i]![command.name] = levels[i]!;
  }
  return bots.map((_, i) => ({ commands: results[i]!, all: { c1: summarise(pooled[i]!.c1, null), c20: summarise(pooled[i]!.c20, null) } }));
}

function summarise(s: Samples, firstFailure: string | null): CommandLatency {
  const b = percentiles(s.bot);
  const f = percentiles(s.bolt);
  return {
    bot: b,
    bolt: f,
    ratio_p99: ratio(b.p99, f.p99),
    reply: percentiles(s.reply),
    replies_later: s.later,
    bot_failures: s.failures,
    ...(firstFailure ? { first_failure: firstFailure } : {}),
  };
}
