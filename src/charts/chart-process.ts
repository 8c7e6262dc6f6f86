// Draws local charts in a child process of their own (issue 18): the canvas (Skia, fonts) and
// Chart.js never load into the bot, so what drawing grows is given back whole when the child
// ends, some 20 s after its last chart; a run of digests shares one child, a bot at rest has
// none. A child that crashes (a native fault in the canvas included), ends, or does not answer
// in time fails only the charts it was drawing; the next chart starts a new child.
// A ChartProcess is an object, not module state: createCore makes the bot's and closes it with
// the bot; what draws local charts without a core (the sample CLI, tests) makes its own
// and closes it when its work is done, so no child outlives the work it was started for.

import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ChartDrawer, ChartImage, ChartSpec } from "./types.ts";

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

/** One child and the charts it is drawing; it ends once (idle, crashed, stuck or stopped). */
class ChartChild {
  readonly child: ChildProcess;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly onEnd: (self: ChartChild) => void,
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
    this.end("was closed");
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

export interface ChartProcessLimits {
  /** How long a child with nothing to draw is kept for the next chart. */
  idleMs: number;
  /** How long a chart may take before it fails and its child is killed. */
  timeoutMs: number;
}

/**
 * Draws chart specs to PNGs in a child process it starts with the first chart and shares with the
 * charts that follow; the child ends `idleMs` after the last one. `close()` kills it, and charts
 * asked for after that fail.
 */
export class ChartProcess implements ChartDrawer {
  private current: ChartChild | undefined;
  private closed = false;
  private readonly limits: ChartProcessLimits;

  constructor(limits: Partial<ChartProcessLimits> = {}) {
    this.limits = { idleMs: CHILD_IDLE_MS, timeoutMs: CHART_TIMEOUT_MS, ...limits };
  }

  /** Draws one chart spec to a PNG in the child, starting one if none runs. */
  async draw(spec: ChartSpec): Promise<ChartImage> {
    if (this.closed) throw new Error(`charts: ${spec.name} was asked for after the chart process was closed`);
    const child = (this.current ??= new ChartChild(
      (ended) => {
        if (this.current === ended) this.current = undefined;
      },
      this.limits.idleMs,
      this.limits.timeoutMs,
    ));
    const png = await child.draw(spec);
    return { name: spec.name, title: spec.title, png, width: spec.width, height: spec.height };
  }

  /** The running child (tests, the bench): its pid and how many charts it is drawing; undefined when none runs. */
  get running(): { pid: number | undefined; pending: number } | undefined {
    return this.current && { pid: this.current.child.pid, pending: this.current.pending };
  }

  /** Kills the child, if one runs (the bot stopping, a CLI done); charts it was drawing fail, and so do later ones. */
  close(): void {
    this.closed = true;
    const running = this.current;
    this.current = undefined;
    running?.stop();
  }
}
