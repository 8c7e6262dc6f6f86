// Height of the per-creator charts: one row per creator, so a long roster stays legible
// instead of squeezing labels together.

import { MIN_HEIGHT } from "./style.ts";

const CHROME = 230; // title, subtitle, legend, value axis
const ROW = 74; // two lines of 22 px tick text plus air

export const heightForRows = (rows: number) => Math.max(MIN_HEIGHT, CHROME + ROW * rows);
