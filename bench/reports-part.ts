// `npm run bench -- reports [--keep]`: only the report's figures as the data grows (section 3
// without the digest): campaignFigures for the whole campaign and the last 7 days on the 1× and
// 10× campaigns, in alternation, and their growth ratio. With --keep the two databases stay in a
// folder of their own and a later --keep run times them again instead of generating anew (a
// migration added since is applied when they are opened).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, type Core } from "../src/create-core.ts";
import { silentLogger } from "../src/log.ts";
import { measureReportCost, type ReportCost } from "./data-growth.ts";
import { generateCampaign, type CampaignSize, type GeneratedCampaign } from "./generate.ts";
import { machine, type Machine } from "./machine.ts";
import { ratio, round } from "./stats.ts";

export interface ReportsPartResult {
  machine: Machine;
  sizes: { "1x": CampaignSize; "10x": CampaignSize };
  /** Whether the databases of an earlier --keep run were timed again. */
  reused: boolean;
  report_ms_1x: number;
  report_ms_10x: number;
  report_7d_ms_1x: number;
  report_7d_ms_10x: number;
  report_growth_ratio: number;
  report_7d_growth_ratio: number;
  /** The one-minute load average when the timing began and when it ended. */
  load_at_timing: number;
  load_at_end: number;
  bench_s: number;
}

export interface ReportsPartOptions {
  dir: string;
  sizes: { "1x": CampaignSize; "10x": CampaignSize };
  runs: number;
  /** Time the databases already in `dir` (from an earlier run) when they are there. */
  reuse: boolean;
  progress: (message: string) => void;
}

/** The folder --keep keeps the report part's databases in, one per plan (full or --quick). */
export const keptReportsDir = (quick: boolean) => path.join(os.tmpdir(), `campaign-bot-bench-reports${quick ? "-quick" : ""}`);

const load = () => Math.round(os.loadavg()[0]! * 100) / 100;

export async function runReportsPart(options: ReportsPartOptions): Promise<ReportsPartResult> {
  const { dir, sizes, progress } = options;
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  // Written once both campaigns are generated: what an earlier run left, and for which sizes.
  const manifest = path.join(dir, "generated.json");
  const earlier = options.reuse && existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { sizes: ReportsPartOptions["sizes"]; generated: Record<"1x" | "10x", GeneratedCampaign> }) : null;
  const reused = earlier !== null && JSON.stringify(earlier.sizes) === JSON.stringify(sizes);
  const cores: Partial<Record<"1x" | "10x", Core>> = {};
  try {
    const generated: Partial<Record<"1x" | "10x", GeneratedCampaign>> = {};
    for (const scale of ["1x", "10x"] as const) {
      const core = (cores[scale] = await createCore({ databaseUrl: `file:${path.join(dir, `bench-${scale}.db`)}`, log: silentLogger() }));
      if (reused) generated[scale] = earlier.generated[scale];
      else {
        if (await core.db.campaign.count()) throw new Error(`${dir} holds databases of other sizes or an unfinished run: remove it first`);
        generated[scale] = await generateCampaign(core, { ...sizes[scale], onProgress: (m) => progress(`generate ${scale}: ${m}`) });
      }
    }
    if (!reused) writeFileSync(manifest, JSON.stringify({ sizes, generated }));
    const at = load();
    progress(`${reused ? `timing the databases kept in ${dir}` : "timing"}: report, 1× and 10× in alternation (load ${at})`);
    const cost = await measureReportCost({ small: { db: cores["1x"]!.db, generated: generated["1x"]! }, large: { db: cores["10x"]!.db, generated: generated["10x"]! } }, options.runs);
    return result(cost, at);
  } finally {
    for (const core of Object.values(cores)) await core.close();
  }

  function result(cost: { small: ReportCost; large: ReportCost }, at: number): ReportsPartResult {
    return {
      machine: machine(),
      sizes,
      reused,
      report_ms_1x: cost.small.report_ms,
      report_ms_10x: cost.large.report_ms,
      report_7d_ms_1x: cost.small.report_7d_ms,
      report_7d_ms_10x: cost.large.report_7d_ms,
      report_growth_ratio: ratio(cost.large.report_ms, cost.small.report_ms),
      report_7d_growth_ratio: ratio(cost.large.report_7d_ms, cost.small.report_7d_ms),
      load_at_timing: at,
      load_at_end: load(),
      bench_s: round((performance.now() - started) / 1000),
    };
  }
}

export function printReportsPart(r: ReportsPartResult): string {
  const m = r.machine;
  const row = (name: string, a: number, b: number, growth: number) => `${name.padEnd(10)}  ${String(a).padStart(8)}  ${String(b).padStart(8)}  ${`${growth}×`.padStart(7)}`;
  return [
    `campaign-bot benchmark, reports only: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load ${r.load_at_timing} when timing began, ${r.load_at_end} at the end; ${r.bench_s} s${r.reused ? " (kept databases)" : ""}`,
    `1×: ${r.sizes["1x"].creators} creators, ${r.sizes["1x"].posts} posts, ${r.sizes["1x"].redemptions} orders; 10× ten times that. Medians, ms`,
    "",
    `${"figures".padEnd(10)}  ${"1×".padStart(8)}  ${"10×".padStart(8)}  ${"growth".padStart(7)}`,
    row("report", r.report_ms_1x, r.report_ms_10x, r.report_growth_ratio),
    row("report 7d", r.report_7d_ms_1x, r.report_7d_ms_10x, r.report_7d_growth_ratio),
    "",
    `report_growth_ratio ${r.report_growth_ratio}× (target ≤ 10×)`,
    "",
  ].join("\n");
}
