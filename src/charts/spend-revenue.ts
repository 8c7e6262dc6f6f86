// Chart: spend against attributed revenue by creator, as grouped bars, with each creator's
// ROAS in the row label.

import type { ChartConfiguration } from "chart.js";
import { currencyTickFormat, formatMoneyShort, toMajor } from "./money.ts";
import { noDataSpec } from "./no-data.ts";
import { chartNumber } from "./number-style.ts";
import { heightForRows, rowsToDraw } from "./rows.ts";
import { axisTitle, baseOptions, COLORS, tickStyle, titlePlugins, WIDTH } from "./style.ts";
import type { ChartSpec, SpendRevenueByCreator } from "./types.ts";
import type { NumberStyle } from "../domain/number-styles.ts";

export const SPEND_REVENUE_NAME = "spend-revenue.png";
export const NO_SPEND_MESSAGE = "No spend or revenue yet";

/** revenue ÷ spend with one decimal in the workspace's style, "n/a" when nothing was spent. */
export function roasText(spendMinor: number, revenueMinor: number, style?: NumberStyle): string {
  return spendMinor === 0 ? "ROAS n/a" : `ROAS ${chartNumber(revenueMinor / spendMinor, style, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}×`;
}

export function spendRevenueSpec(input: SpendRevenueByCreator): ChartSpec {
  const { creators, currency, numberStyle: style } = input;
  if (creators.every((c) => c.spendMinor === 0 && c.revenueMinor === 0)) return noDataSpec(SPEND_REVENUE_NAME, input.title, NO_SPEND_MESSAGE);

  // A long roster: the creators with the most money either way; the totals stay everyone's.
  const { shown, hidden } = rowsToDraw(creators, (c) => Math.max(c.spendMinor, c.revenueMinor));
  const spend = shown.map((c) => toMajor(c.spendMinor, currency));
  const revenue = shown.map((c) => toMajor(c.revenueMinor, currency));
  const totalSpend = creators.reduce((a, c) => a + c.spendMinor, 0);
  const totalRevenue = creators.reduce((a, c) => a + c.revenueMinor, 0);
  const subtitle =
    `Spend ${formatMoneyShort(totalSpend, currency, style)} · revenue ${formatMoneyShort(totalRevenue, currency, style)} · ${roasText(totalSpend, totalRevenue, style)}` +
    (hidden > 0 ? ` · the ${chartNumber(shown.length, style)} largest of ${chartNumber(creators.length, style)} creators shown` : "");

  const config: ChartConfiguration = {
    type: "bar",
    data: {
      labels: shown.map((c) => [c.handle, roasText(c.spendMinor, c.revenueMinor, style)]),
      datasets: [
        { label: `Spend (${currency})`, data: spend, backgroundColor: COLORS.spend, barPercentage: 0.9, categoryPercentage: 0.8 },
        { label: `Revenue (${currency})`, data: revenue, backgroundColor: COLORS.revenue, barPercentage: 0.9, categoryPercentage: 0.8 },
      ],
    },
    options: {
      ...baseOptions(input.numberStyle),
      indexAxis: "y",
      scales: {
        x: {
          beginAtZero: true,
          ticks: { ...tickStyle, maxRotation: 0, autoSkipPadding: 20, format: currencyTickFormat(currency, Math.max(...spend, ...revenue)) },
          grid: { color: COLORS.grid },
          title: axisTitle(`Amount (${currency})`),
        },
        y: { ticks: tickStyle, grid: { display: false } },
      },
      plugins: titlePlugins(input.title, subtitle),
    },
  };
  return { name: SPEND_REVENUE_NAME, title: input.title, width: WIDTH, height: heightForRows(shown.length), empty: false, config };
}
