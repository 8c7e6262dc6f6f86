// Chart: orders (bars, left axis) and revenue (line, right axis) per day over the campaign.

import type { ChartConfiguration } from "chart.js";
import { currencyTickFormat, formatMoneyShort, toMajor } from "./money.ts";
import { noDataSpec } from "./no-data.ts";
import { chartNumber } from "./number-style.ts";
import { axisTitle, baseOptions, COLORS, MIN_HEIGHT, tickStyle, titlePlugins, WIDTH } from "./style.ts";
import type { ChartSpec, OrdersRevenueSeries } from "./types.ts";

export const ORDERS_REVENUE_NAME = "orders-revenue.png";
export const NO_ORDERS_MESSAGE = "No orders yet";

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "2026-03-04" → "Mar 4". The day is a calendar date, so it is read in UTC and never shifts. */
export function formatDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`chart day "${day}" is not YYYY-MM-DD`);
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

export function ordersRevenueSpec(input: OrdersRevenueSeries): ChartSpec {
  const { days, orders, revenueMinor, currency } = input;
  if (orders.length !== days.length || revenueMinor.length !== days.length) {
    throw new Error(`orders/revenue chart: ${days.length} days but ${orders.length} order counts and ${revenueMinor.length} revenue values`);
  }
  const nothing = orders.every((n) => n === 0) && revenueMinor.every((n) => n === 0);
  if (days.length === 0 || nothing) return noDataSpec(ORDERS_REVENUE_NAME, input.title, NO_ORDERS_MESSAGE);

  const revenue = revenueMinor.map((minor) => toMajor(minor, currency));
  const totalOrders = orders.reduce((a, b) => a + b, 0);
  const totalRevenue = revenueMinor.reduce((a, b) => a + b, 0);
  const style = input.numberStyle;
  const subtitle = `${chartNumber(totalOrders, style)} orders · ${formatMoneyShort(totalRevenue, currency, style)} revenue · ${chartNumber(days.length, style)} days`;

  const config: ChartConfiguration = {
    type: "bar",
    data: {
      labels: days.map(formatDay),
      datasets: [
        {
          type: "bar",
          label: "Orders",
          data: orders,
          yAxisID: "y",
          backgroundColor: COLORS.orders,
          order: 2,
        },
        {
          type: "line",
          label: `Revenue (${currency})`,
          data: revenue,
          yAxisID: "y1",
          borderColor: COLORS.revenue,
          backgroundColor: COLORS.revenue,
          borderWidth: 5,
          pointRadius: days.length > 45 ? 0 : 6,
          // Lower order draws later: the line stays on top of the bars.
          order: 1,
        },
      ],
    },
    options: {
      ...baseOptions(input.numberStyle),
      scales: {
        x: { ticks: { ...tickStyle, maxRotation: 0, autoSkip: true, autoSkipPadding: 24 }, grid: { display: false }, title: axisTitle("Day") },
        y: {
          position: "left",
          beginAtZero: true,
          ticks: { ...tickStyle, precision: 0 },
          grid: { color: COLORS.grid },
          title: axisTitle("Orders"),
        },
        y1: {
          position: "right",
          beginAtZero: true,
          ticks: { ...tickStyle, format: currencyTickFormat(currency, Math.max(...revenue)) },
          grid: { drawOnChartArea: false },
          title: axisTitle(`Revenue (${currency})`),
        },
      },
      plugins: titlePlugins(input.title, subtitle),
    },
  };
  return { name: ORDERS_REVENUE_NAME, title: input.title, width: WIDTH, height: MIN_HEIGHT, empty: false, config };
}
