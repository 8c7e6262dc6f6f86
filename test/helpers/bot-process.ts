// The bot as its own process (`node --import tsx src/main.ts`, as containers run it) for tests
// that need a real process: its JSON log lines collected, waits for a line, and a bounded exit.

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type LogLine = Record<string, any>;

export interface BotLogs {
  lines: LogLine[];
  /** Resolves with the first line whose `msg` is `msg` (or that `msg` accepts). */
  waitFor(msg: string | ((line: LogLine) => boolean), timeoutMs?: number): Promise<LogLine>;
}

/** Collects the bot's JSON log lines (stderr) and lets a test wait for one; fails early when the bot exits. */
export function watchLogs(child: ChildProcess): BotLogs {
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        lines.push(JSON.parse(line));
      } catch {
        lines.push({ msg: line });
      }
      for (const wake of [...waiters]) wake();
    }
  });
  const waitFor = (msg: string | ((line: LogLine) => boolean), timeoutMs = 60_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const matches = typeof msg === "string" ? (l: LogLine) => l.msg === msg : msg;
      const what = typeof msg === "string" ? `"${msg}"` : "the expected line";
      const dump = () => lines.map((l) => JSON.stringify(l)).join("\n");
      const done = () => {
        waiters.delete(check);
        child.off("exit", onExit);
        clearTimeout(timer);
      };
      const check = () => {
        const found = lines.find(matches);
        if (found) {
          done();
          resolve(found);
        }
      };
      const onExit = () => {
        done();
        reject(new Error(`the bot exited before logging ${what}:\n${dump()}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the bot did not log ${what} within ${timeoutMs} ms:\n${dump()}`));
      }, timeoutMs);
      child.once("exit", onExit);
      waiters.add(check);
      check();
    });
  return { lines, waitFor };
}

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  logs: BotLogs;
  /** The exit code, or the signal that ended the process. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` if the process still runs, and waits (bounded) for it to end. */
  kill(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx src/main.ts` (or `entry`: src/serve.ts) in the repository with exactly
 * `env` (plus PATH and HOME), stdout ignored, stderr collected as log lines.
 */
export function spawnBot(env: Record<string, string>, entry = "src/main.ts"): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (child.pid === undefined) throw new Error("the bot process did not start");
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    pid: child.pid,
    logs: watchLogs(child),
    exited,
    async kill(signal = "SIGKILL", timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`bot process ${child.pid} did not exit within ${timeoutMs} ms of ${signal}`)), timeoutMs);
      });
      try {
        await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
