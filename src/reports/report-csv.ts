// The CSV file of /report format:csv: exactly these columns, one row per enrolled creator sorted by
// handle, then TOTAL, whose rates are recomputed from its sums. Zero denominators are empty.
// `followers` is what `engagement_rate` divides by: the followers the row's posts reached (each
// post counts the followers of the account that made it), so engagements ÷ followers is the rate.

import { stringify } from "csv-stringify/sync";
import { formatMajor } from "../core/format.ts";
import { ratesOf, type Figures } from "../domain/metrics.ts";
import { unitsToMinor } from "../domain/spend.ts";

export const CSV_COLUMNS = [
  "handle",
  "tier",
  "followers",
  "posts",
  "views",
  "likes",
  "comments",
  "shares",
  "saves",
  "engagements",
  "engagement_rate",
  "view_rate",
  "clicks",
  "ctr",
  "orders",
  "revenue",
  "spend",
  "cpe",
  "cpm",
  "cpa",
  "roas",
  "undisclosed_posts",
] as const;

export interface CsvCreator {
  handle: string;
  tier: string;
  figures: Figures;
}

const rate = (r: number | null) => (r === null ? "" : r.toFixed(4));

export function csvRow(handle: string, tier: string, f: Figures, currency: string): string[] {
  const r = ratesOf(f);
  // cpe/cpm/cpa come from exact spend (minor units, possibly fractional), rounded when written.
  const money = (minor: number | null) => (minor === null ? "" : formatMajor(Math.round(minor), currency));
  return [
    handle,
    tier,
    String(f.followerReach),
    String(f.posts),
    String(f.views),
    String(f.likes),
    String(f.comments),
    String(f.shares),
    String(f.saves),
    String(r.engagements),
    rate(r.engagementRate),
    rate(r.viewRate),
    String(f.clicks),
    rate(r.ctr),
    String(f.orders),
    formatMajor(f.revenue, currency),
    formatMajor(unitsToMinor(f.spendUnits), currency),
    money(r.cpe),
    money(r.cpm),
    money(r.cpa),
    r.roas === null ? "" : r.roas.toFixed(2),
    String(f.undisclosedPosts),
  ];
}

export function reportCsv(creators: CsvCreator[], totals: Figures, currency: string): string {
  const rows = creators.map((c) => csvRow(c.handle, c.tier, c.figures, currency));
  rows.push(csvRow("TOTAL", "", totals, currency));
  return stringify([[...CSV_COLUMNS], ...rows]);
}

