// The workspace's number style in the charts (docs/numbers.md). Chart.js formats its ticks with
// Intl.NumberFormat in the chart's `locale`, and a config is plain JSON (no callbacks), so each
// style is drawn with an English locale that writes numbers with the style's marks and English
// abbreviations ("4.5M", "4,5M"), and the currency symbol first as replies write it.

import { DEFAULT_NUMBER_STYLE, type NumberStyle } from "../domain/number-styles.ts";

const LOCALES: Record<NumberStyle, string> = {
  "1,234.56": "en-US", // 12,345.5  $1,234.5  12.5%
  "1.234,56": "en-ID", // 12.345,5  $1.234,5  12,5%
  "1 234,56": "en-ZA", // 12 345,5  $1 234,5  12,5% (no-break spaces)
};

/** The locale the charts of a workspace in this style are drawn in. */
export const chartLocale = (style: NumberStyle = DEFAULT_NUMBER_STYLE): string => LOCALES[style];

/** A number for a chart's text (titles, labels) in the style, grouped by plain spaces as replies are. */
export function chartNumber(n: number, style: NumberStyle = DEFAULT_NUMBER_STYLE, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(chartLocale(style), options).format(n).replace(/[\u00a0\u202f]/g, " ");
}
