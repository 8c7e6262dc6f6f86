// The chart process (chart-process.ts forks it): draws the chart specs it is sent to PNGs, one at
// a time, and ends when the bot closes its channel (idle, stopping, or the bot gone).

import { renderPng } from "./render-local.ts";
import type { ChartSpec } from "./types.ts";

/** Answers each request in turn: one canvas at a time. */
function serveCharts(): void {
  let queue: Promise<void> = Promise.resolve();
  process.on("message", (request: { id: number; spec: ChartSpec }) => {
    queue = queue.then(async () => {
      let answer;
      try {
        const png = await renderPng(request.spec);
        answer = { id: request.id, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
      } catch (error) {
        answer = { id: request?.id, error: error instanceof Error ? error.message : String(error) };
      }
      process.send?.(answer);
    });
  });
  process.on("disconnect", () => process.exit(0));
}

serveCharts();
