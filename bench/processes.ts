// Child processes of the benchmark: the bot as `npm start` runs it (node --import tsx
// src/main.ts, signalled directly since npm does not pass SIGTERM on), the bare Bolt app, the
// shell; their resident memory read from /proc.

import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Variables that would connect a child to something real are blanked; the caller sets its own. */
const BLANK = { SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: "", SLACK_API_URL: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "", DISCORD_API_URL: "", QUICKCHART_URL: "" };

export interface Child {
  process: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <entry>` in the project folder; standard error goes to `logFile`. */
export interface StartOptions {
  stdout?: "pipe" | "ignore";
  stdin?: "pipe" | "ignore";
  /** Extra flags for node itself (--cpu-prof: NODE_OPTIONS may not carry it). */
  nodeArgs?: string[];
  /** The project folder to run it in (another checkout of the bot, to compare); this one by default. */
  root?: string;
}

export function startNode(entry: string, args: string[], env: Record<string, string>, logFile: string, options: StartOptions = {}): Child {
  const { stdout = "ignore", stdin = "ignore", nodeArgs = [], root = ROOT } = options;
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", entry, ...args], { cwd: root, env: { ...process.env, ...BLANK, ...env }, stdio: [stdin, stdout, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    process: child,
    pid: child.pid!,
    logFile,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once `pattern` appears in the child's log; fails if it exits or `timeoutMs` passes. */
export async function waitForLog(child: Child, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    const log = existsSync(child.logFile) ? readFileSync(child.logFile, "utf8") : "";
    if (pattern.test(log)) return;
    if (exited) throw new Error(`${path.basename(child.logFile)}: the process exited before ${pattern}:\n${log.slice(-2000)}`);
    await sleep(100);
  }
  throw new Error(`${path.basename(child.logFile)}: no ${pattern} within ${timeoutMs / 1000} s`);
}

/** A TCP port free on 127.0.0.1 just now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Memory {
  rssMb: number;
  /** The highest resident size the process has had. */
  peakMb: number;
}

/**
 * Node's own flags in one of the project's npm scripts (`node <flags> --import tsx <entry>`), read
 * from the package.json of `root`: the bench starts the bot with the flags `npm start` (or `npm
 * run serve`) gives it, so a flag added there is measured here too.
 */
export function scriptNodeFlags(script: string, root = ROOT): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const words = (scripts[script] ?? "").trim().split(/\s+/);
  if (words[0] !== "node") throw new Error(`package.json: the ${script} script does not start with node: ${JSON.stringify(scripts[script])}`);
  const end = words.indexOf("--import");
  return words.slice(1, end === -1 ? words.length - 1 : end);
}

/** The flags of an npm script, --expose-gc kept only when `gc` (--without-gc drops it). */
export function botNodeFlags(script: string, gc: boolean, root = ROOT): string[] {
  const flags = scriptNodeFlags(script, root).filter((flag) => flag !== "--expose-gc");
  return gc ? ["--expose-gc", ...flags] : flags;
}

/** User and system CPU time of a process so far (Linux /proc), or null where it cannot be read. */
export function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Resident memory of one process (Linux /proc). */
function ownMemoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb("VmRSS") / 102.4) / 10, peakMb: Math.round(kb("VmHWM") / 102.4) / 10 };
}

/** The processes started by `pid` (and by those), alive now. */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Ended meanwhile.
    }
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const children = parents.get(queue.shift()!) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/**
 * Resident memory of a process with the processes it started (Linux /proc): the bot's chart
 * process counts while it runs. Peak: the process's own, plus the peaks of the children alive.
 */
export function memoryOf(pid: number): Memory {
  const total = ownMemoryOf(pid);
  for (const child of descendantsOf(pid)) {
    try {
      const m = ownMemoryOf(child);
      total.rssMb = Math.round((total.rssMb + m.rssMb) * 10) / 10;
      total.peakMb = Math.round((total.peakMb + m.peakMb) * 10) / 10;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
