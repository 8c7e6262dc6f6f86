// Height of the per-creator charts: one row per creator, so a long roster stays legible
// instead of squeezing labels together; and at most MAX_ROWS rows, the weightiest, because a
// campaign of 1,000 creators would otherwise be a 74,000-pixel image (seconds to draw, hundreds
// of megabytes of canvas, unreadable in a chat app).

import { MIN_HEIGHT } from "./style.ts";

const CHROME = 230; // title, subtitle, legend, value axis
const ROW = 74; // two lines of 22 px tick text plus air

/** As many rows as the report's leaderboard. */
export const MAX_ROWS = 25;

export const heightForRows = (rows: number) => Math.max(MIN_HEIGHT, CHROME + ROW * Math.min(rows, MAX_ROWS));

/**
 * The rows to draw: all of them, in their order, when they fit; otherwise the MAX_ROWS with the
 * largest weight, largest first (ties keep their order). `hidden` is how many were left out.
 */
export function rowsToDraw<T>(rows: readonly T[], weight: (row: T) => number): { shown: T[]; hidden: number } {
  if (rows.length <= MAX_ROWS) return { shown: [...rows], hidden: 0 };
  const shown = rows
    .map((row, index) => ({ row, index, w: weight(row) }))
    .sort((a, b) => b.w - a.w || a.index - b.index)
    .slice(0, MAX_ROWS)
    .map((r) => r.row);
  return { shown, hidden: rows.length - MAX_ROWS };
}
