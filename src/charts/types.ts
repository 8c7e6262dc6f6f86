// The plain data the digest hands to the charts, and what the charts hand back.

import type { ChartConfiguration } from "chart.js";
import type { NumberStyle } from "../domain/number-styles.ts";

export interface OrdersRevenueSeries {
  title: string;
  currency: string;
  days: string[] /* YYYY-MM-DD */;
  orders: number[];
  revenueMinor: number[];
  /** The workspace's number style (/settings numbers:) for ticks and subtitle; default 1,234.56. */
  numberStyle?: NumberStyle;
}

export interface EngagementByCreator {
  title: string;
  creators: Array<{
    handle: string;
    tier: string;
    rate: number | null /* fraction */;
    band: { low: number; high: number } /* fractions */;
    /** Views of their posts: with more creators than the chart has rows, the most viewed are drawn. */
    views?: number;
  }>;
  /** The workspace's number style for ticks and subtitle; default 1,234.56. */
  numberStyle?: NumberStyle;
}

export interface SpendRevenueByCreator {
  title: string;
  currency: string;
  creators: Array<{ handle: string; spendMinor: number; revenueMinor: number }>;
  /** The workspace's number style for ticks, labels and subtitle; default 1,234.56. */
  numberStyle?: NumberStyle;
}

export interface ChartImage {
  name: string /* e.g. orders-revenue.png */;
  title: string;
  png?: Buffer;
  url?: string;
  width: number;
  height: number;
}

/** The three charts of one campaign digest. */
export interface ChartInputs {
  ordersRevenue: OrdersRevenueSeries;
  engagement: EngagementByCreator;
  spendRevenue: SpendRevenueByCreator;
}

/**
 * One chart ready for either renderer: a Chart.js configuration that is plain JSON (no
 * functions), so the local renderer and QuickChart draw the same thing.
 */
export interface ChartSpec {
  name: string;
  title: string;
  width: number;
  height: number;
  /** True when there was nothing to draw and the config is the "no data" message instead. */
  empty: boolean;
  config: ChartConfiguration;
}

export type ChartMode = "local" | "quickchart";

/**
 * What draws a chart spec to a PNG locally: the chart process (chart-process.ts) that createCore
 * makes for the bot, or one a CLI, the bench or a test makes and closes itself.
 */
export interface ChartDrawer {
  draw(spec: ChartSpec): Promise<ChartImage>;
}

export interface RenderOptions {
  mode: ChartMode;
  /** Base URL of a self-hosted QuickChart server; quickchart.io when absent. */
  quickchartUrl?: string;
  /**
   * QuickChart mode only: a chart whose URL would be longer than this is drawn locally instead
   * (png set, url absent), because chat apps refuse long image URLs. Default 2048, which both
   * Slack (3000) and Discord (2048) accept.
   */
  maxUrlLength?: number;
}
