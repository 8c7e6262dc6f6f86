// Mass input: `/code redeem` lines piped into the shell (`npm run -s shell`), a real process on
// the generated campaign's database; every line is one order with its own id.

import path from "node:path";
import type { GeneratedCampaign } from "./generate.ts";
import { startNode } from "./processes.ts";
import { round } from "./stats.ts";

export interface MassInput {
  lines: number;
  /** Lines answered per second, from starting the process to its exit. */
  redeem_lines_per_s: number;
  /** The same, from the first answer on (without the process's start-up). */
  redeem_lines_per_s_steady: number;
  wall_s: number;
  startup_ms: number;
  answered: number;
  exit_code: number | null;
}

export async function measureMassInput(databaseUrl: string, generated: GeneratedCampaign, lines: number, dir: string): Promise<MassInput> {
  const runId = Date.now().toString(36);
  const input = Array.from({ length: lines }, (_, n) => {
    const code = generated.codes[(n * 7) % generated.codes.length];
    return `/code redeem ${code} $${(20 + (n % 80)).toFixed(2)} order:M${runId}-${n}`;
  }).join("\n");
  const workspace = `${generated.caller.platform}:${generated.caller.workspaceId}`;
  const started = performance.now();
  const child = startNode("src/platforms/shell/main.ts", ["--workspace", workspace, "--user", "bench-shell"], { DATABASE_URL: databaseUrl, OUT_DIR: path.join(dir, "out") }, path.join(dir, "shell.log"), { stdout: "pipe", stdin: "pipe" });
  let firstAnswer = 0;
  const out: Buffer[] = [];
  child.process.stdout!.on("data", (chunk: Buffer) => {
    if (firstAnswer === 0) firstAnswer = performance.now();
    out.push(chunk);
  });
  child.process.stdin!.end(input);
  const code = await child.exited;
  const ended = performance.now();
  const answered = Buffer.concat(out).toString("utf8").match(/: 1 order, \S+ on \d{4}-\d{2}-\d{2} \(order M/g)?.length ?? 0;
  const wall = (ended - started) / 1000;
  const steady = (ended - (firstAnswer || started)) / 1000;
  return {
    lines,
    redeem_lines_per_s: round(answered / wall),
    redeem_lines_per_s_steady: round(Math.max(0, answered - 1) / steady),
    wall_s: round(wall),
    startup_ms: Math.round((firstAnswer || ended) - started),
    answered,
    exit_code: code,
  };
}
