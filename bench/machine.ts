// The machine a benchmark ran on, printed with its figures: they mean little without it.

import os from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  os: string;
  memory_gb: number;
  /** One-minute load average when the run started: other work on a shared machine skews figures. */
  load_at_start: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    load_at_start: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
