// Draws local charts in a child process of their own (issue 18): the canvas (Skia, fonts) and
// Chart.js never load into the bot, so what drawing grows is given back whole when the child
// ends, some 20 s after its last chart; a run of digests shares one child, a bot at rest has
// none. A child that crashes (a native fault in the canvas included), ends, or does not answer
// in time fails only the charts it was drawing; the next chart starts a new child.

import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ChartImage, ChartSpec } from "./types.ts";

/** How long a child with nothing to draw is kept for the next chart. */
export const CHILD_IDLE_MS = 20_000;
/** A chart not back after this long (its child is stuck) fails, and its child is killed. */
export const CHART_TIMEOUT_MS = 60_000;

const ENTRY = fileURLToPath(new URL("./chart-process-main.ts", import.meta.url));

interface Request {
  id: number;
  spec: ChartSpec;
}
type Answer = { id: number; png: Uint8Array } | { id: number; error: string };

interface Waiting {
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The node flags of the child: the parent's (the tsx loader, --max-semi-space-size=2 from the npm
 * scripts), without a debugger port, with the tsx loader added when the parent runs without it.
 */
export function childExecArgv(parent: readonly string[] = process.execArgv): string[] {
  const args: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i]!;
    if (/^--inspect/.test(arg) || arg === "--expose-gc") continue;
    args.push(arg);
  }
  if (!args.some((a) => /tsx/.test(a))) {
    const require = createRequire(import.meta.url);
    const tsx = require.resolve("tsx/package.json").replace(/package\.json$/, "dist/loader.mjs");
    args.push("--import", pathToFileURL(tsx).href);
  }
  if (!args.some((a) => a.startsWith("--max-semi-space-size"))) args.push("--max-semi-space-size=2");
  return args;
}

class ChartProcess {
  readonly child: ChildProcess;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly onEnd: (self: ChartProcess) => void,
    private readonly idleMs: number,
    private readonly timeoutMs: number,
  ) {
    this.child = fork(ENTRY, [], { execArgv: childExecArgv(), serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (answer: Answer) => this.answer(answer));
    this.child.on("error", (error) => this.end(`could not be started or reached (${error.message})`));
    this.child.on("exit", (code, signal) => this.end(signal ? `was ended by ${signal}` : `exited with code ${code}`));
    this.child.on("disconnect", () => this.end("ended (its channel closed)"));
  }

  get pending(): number {
    return this.waiting.size;
  }

  draw(spec: ChartSpec): Promise<Buffer> {
    if (this.ended) return Promise.reject(new Error("charts: the drawing process has ended"));
    clearTimeout(this.idle);
    this.hold(true);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.end(`did not draw ${spec.name} within ${Math.round(this.timeoutMs / 1000)} s`);
        this.child.kill("SIGKILL");
      }, this.timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      const request: Request = { id, spec };
      try {
        this.child.send(request, (error) => {
          if (error) this.fail(`could not be sent ${spec.name} (${error.message})`);
        });
      } catch (error) {
        // A spec the channel cannot carry fails this chart only.
        this.settle(id)?.reject(new Error(`charts: ${spec.name} could not be sent to the drawing process (${(error as Error).message})`));
        this.afterAnswer();
      }
    });
  }

  /** Ends the child now; what it was drawing fails. */
  stop(): void {
    this.end("was stopped with the bot");
    this.child.kill("SIGTERM");
  }

  private answer(answer: Answer): void {
    const waiting = this.settle(answer?.id);
    if (!waiting) return;
    if ("png" in answer) waiting.resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
    else waiting.reject(new Error(`charts: ${answer.error}`));
    this.afterAnswer();
  }

  private settle(id: number): Waiting | undefined {
    const waiting = this.waiting.get(id);
    if (!waiting) return undefined;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    return waiting;
  }

  private afterAnswer(): void {
    if (this.waiting.size > 0 || this.ended) return;
    // Nothing to draw: the child does not keep the bot (or a CLI) alive, and ends when idle.
    this.hold(false);
    this.idle = setTimeout(() => {
      this.end("was idle");
      this.child.disconnect?.();
    }, this.idleMs);
    this.idle.unref();
  }

  private hold(on: boolean): void {
    const channel = this.child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (on) {
      this.child.ref();
      channel?.ref?.();
    } else {
      this.child.unref();
      channel?.unref?.();
    }
  }

  private fail(why: string): void {
    for (const id of [...this.waiting.keys()]) this.settle(id)!.reject(new Error(`charts: the drawing process ${why}`));
  }

  private end(why: string): void {
    this.fail(why);
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idle);
    this.hold(false);
    this.onEnd(this);
  }
}

let current: ChartProcess | undefined;
const settings = { idleMs: CHILD_IDLE_MS, timeoutMs: CHART_TIMEOUT_MS };

/** Draws one chart spec to a PNG in the chart process, starting one if none runs. */
export async function renderInChild(spec: ChartSpec): Promise<ChartImage> {
  current ??= new ChartProcess((ended) => {
    if (current === ended) current = undefined;
  }, settings.idleMs, settings.timeoutMs);
  const png = await current.draw(spec);
  return { name: spec.name, title: spec.title, png, width: spec.width, height: spec.height };
}

/** Starts the chart process ahead of the first chart (the bench's warm-up); resolves when it has drawn a chart. */
export async function warmChartProcess(spec: ChartSpec): Promise<void> {
  await renderInChild(spec);
}

/** Ends the chart process, if one runs (the bot stopping); charts it was drawing fail. */
export function stopChartProcess(): void {
  const running = current;
  current = undefined;
  running?.stop();
}

/** The running chart process (tests, the bench): its pid and how many charts it is drawing. */
export function chartProcess(): { pid: number | undefined; pending: number } | undefined {
  return current && { pid: current.child.pid, pending: current.pending };
}

/** Changes the idle and answer time limits (tests); for charts drawn from now on in a new child. */
export function setChartProcessLimits(limits: Partial<typeof settings>): void {
  Object.assign(settings, limits);
}
