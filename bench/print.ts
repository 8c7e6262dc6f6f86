// The benchmark's figures as plain-text tables for a terminal.

import type { CommandLatency } from "./latency.ts";
import type { BenchResult } from "./result.ts";

function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? "–" : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

function latencyRow(name: string, level: string, l: CommandLatency): Array<string | number> {
  return [name, level === "c1" ? 1 : 20, l.bot.n, l.bot.p50, l.bot.p95, l.bot.p99, l.bolt.p50, l.bolt.p95, l.bolt.p99, l.ratio_p99, l.reply.p50, l.reply.p99, l.replies_later, l.bot_failures];
}

function flashSaleSection(r: BenchResult): string[] {
  const runs = [r.flash_sale.sqlite, r.flash_sale.postgresql].filter((x) => x !== null);
  const out = [
    "6. Flash sale: Shopify orders/create webhooks to the bot as npm run serve runs it, each sent twice (the retry to the other replica), concurrency 50;",
    "   orders/s: stored and attributed, from the first request to the last order attributed; CPU ms/order: the bot processes' CPU time over the same span, a order;",
    "   lost and twice: checked in the database after the worker drained; load: the one-minute load average when the part started",
  ];
  out.push(
    table(
      ["database", "replicas", "orders", "requests", "orders/s", "ack p50", "p95", "p99", "max", "not 200", "answered s", "attributed s", "CPU ms/order", "lost", "twice", "misattributed", "load"],
      runs.map((f) => [f.database, f.replicas, f.orders, f.requests, f.webhook_orders_per_s, f.ack.p50, f.ack.p95, f.ack.p99, f.ack.max, f.not_200, f.send_s, f.attributed_s, f.cpu_ms_per_order, f.webhook_orders_lost, f.webhook_orders_twice, f.misattributed, f.load_at_start]),
    ),
  );
  const first = runs.find((f) => f.first_not_200)?.first_not_200;
  if (first) out.push(`   first answer other than 200: ${first}`);
  for (const f of runs) if (f.resent_after_reset > 0) out.push(`   ${f.database}: ${f.resent_after_reset} sent again on a new connection (the bot closed an idle kept-alive one as it was reused)`);
  return out;
}

export function printTable(r: BenchResult, options: { onlyFlashSale?: boolean } = {}): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`campaign-bot benchmark: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, Node ${m.node}, ${m.os}; load ${m.load_at_start} at start; ${r.bench_s} s`);
  if (options.onlyFlashSale) {
    out.push("", ...flashSaleSection(r), "", "Targets");
    const targets = r.targets.filter((t) => t.figure.startsWith("webhook_"));
    out.push(table(["figure", "value", "target", "met"], targets.map((t) => [t.figure, t.value, `${t.at_least ? "≥" : "≤"} ${t.max} ${t.unit}`, t.met === null ? "–" : t.met ? "yes" : "NO"])));
    const errors = Object.entries(r.errors);
    if (errors.length > 0) out.push("", "Errors", ...errors.map(([section, message]) => `${section}: ${message}`));
    return `${out.join("\n")}\n`;
  }

  out.push(
    "",
    "1. Command latency: signed Slack commands over HTTP on 127.0.0.1 (ms); the bot on the 10× database. ack: time to the acknowledgement;",
    "   reply: time to the reply, in the acknowledgement or, for the commands acknowledged first while others ran (\"later\"), at the response URL",
  );
  const rows: Array<Array<string | number | null>> = [];
  for (const [name, levels] of Object.entries(r.latency?.commands ?? {})) {
    for (const [level, l] of Object.entries(levels)) {
      rows.push(latencyRow(name, level, l));
    }
  }
  if (r.latency) {
    for (const [level, l] of Object.entries(r.latency.all)) rows.push(latencyRow("both", level, l));
  }
  out.push(table(["command", "conc.", "n", "ack p50", "p95", "p99", "bare Bolt p50", "p95", "p99", "p99 ratio", "reply p50", "p99", "later", "failures"], rows));
  const b = r.bursts;
  out.push(
    "   Each loop opens its connections before it is timed. Bursts: 20 commands sent at once, each on a new connection, the bot and bare Bolt in turns:",
    b
      ? `   ack p50 / p95 / p99 ${b.bot.p50} / ${b.bot.p95} / ${b.bot.p99} ms, bare Bolt ${b.bolt.p50} / ${b.bolt.p95} / ${b.bolt.p99} ms: p99 ratio ${b.ratio_p99} (n ${b.bot.n}, ${b.bot_failures} failures)`
      : "   –",
  );

  out.push("", "2. Report and digest (SQLite file; median ms)");
  const size = (k: "1x" | "10x") => r.sizes[k];
  const data = (k: "1x" | "10x") => r.data[k];
  out.push(
    table(
      ["data", "creators", "posts", "redemptions", "generate s", "report", "report 7d", "sales/day", "digest"],
      (["1x", "10x"] as const).map((k) => [k, size(k).creators, size(k).posts, size(k).redemptions, r.generate_s[k], data(k)?.report_ms, data(k)?.report_7d_ms, data(k)?.sales_by_day_ms, data(k)?.digest_ms]),
    ),
  );
  out.push(`10×/1×: report ${r.report_growth_ratio ?? "–"}×, digest ${r.digest_growth_ratio ?? "–"}×`);

  out.push("", "3. Charts (local renderer, median ms a chart, from the 1× campaign)");
  out.push(table(["chart", "ms", "size", "KB"], Object.entries(r.charts?.per_chart ?? {}).map(([name, c]) => [name, c.ms, `${c.width}×${c.height}`, c.kb])));
  out.push(`all charts: ${r.chart_ms ?? "–"} ms median`);

  out.push("", "4. Memory of the bot process (Slack HTTP + Discord connected to the fakes, 10× database)");
  const mem = r.memory;
  out.push(
    table(
      ["when", "RSS MB", "peak MB"],
      [
        ["idle", mem.idle?.rssMb, mem.idle?.peakMb],
        ["1 s after the 10× digest", mem.right_after_digest?.rssMb, mem.right_after_digest?.peakMb],
        [`after the 10× digest, ${mem.settle_s} s later`, mem.after_digest?.rssMb, mem.after_digest?.peakMb],
        ["after the latency runs (section 1)", mem.after_latency?.rssMb, mem.after_latency?.peakMb],
      ],
    ),
  );
  if (mem.digest_in_bot) out.push(`/digest now of the 10× campaign in the bot: acknowledged in ${mem.digest_in_bot.ack_ms} ms, done (reply and ${mem.digest_in_bot.uploads} charts uploaded) in ${mem.digest_in_bot.ms} ms`);

  out.push("", "5. Mass input through the shell pipe");
  const mi = r.mass_input;
  out.push(mi ? `${mi.answered} of ${mi.lines} /code redeem lines in ${mi.wall_s} s: ${mi.redeem_lines_per_s} orders/s (${mi.redeem_lines_per_s_steady}/s after a ${mi.startup_ms} ms start)` : "–");

  out.push("", ...flashSaleSection(r));

  out.push("", "Targets");
  out.push(table(["figure", "value", "target", "met"], r.targets.map((t) => [t.figure, t.value, `${t.at_least ? "≥" : "≤"} ${t.max} ${t.unit}`, t.met === null ? "–" : t.met ? "yes" : "NO"])));
  const errors = Object.entries(r.errors);
  if (errors.length > 0) out.push("", "Errors", ...errors.map(([section, message]) => `${section}: ${message}`));
  return `${out.join("\n")}\n`;
}
