// A flash sale: Shopify order webhooks (orders/create, shaped as Shopify's own example order,
// test/fixtures/shop/shopify-order.json) sent at a fixed concurrency to the bot as `npm run serve`
// runs it (one process, or several replicas on one PostgreSQL database behind a round-robin),
// each webhook sent twice (Shopify's retry: the same X-Shopify-Webhook-Id, to the other replica).
// Some carry a discount code of the workspace, some a tracking link's UTM landing page, the rest
// are store sales. Measured: the time to each 200 (the acknowledgement), and the orders stored
// AND attributed per second, from the first request sent until the database holds every order
// attributed; then the database is checked, after the worker has drained, for orders lost or
// counted twice.

import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { createCore } from "../src/create-core.ts";
import type { Caller } from "../src/core/dispatch.ts";
import { openDatabase, providerOf, type Database } from "../src/db/client.ts";
import { silentLogger } from "../src/log.ts";
import { renderText } from "../src/render/text.ts";
import { withScriptFlags } from "./bot-under-test.ts";
import { cpuMsOf, freePort, ROOT, sleep, startNode, waitForLog, type Child } from "./processes.ts";
import { seededRandom } from "./prng.ts";
import { percentiles, round, type Percentiles } from "./stats.ts";

export interface FlashSalePlan {
  orders: number;
  concurrency: number;
  /** Creators with a code and a tracking link each. */
  creators: number;
  /** Seconds to wait for the worker to attribute everything after the last answer. */
  drainTimeoutS: number;
}

export const FLASH_SALE_PLAN: FlashSalePlan = { orders: 10_000, concurrency: 50, creators: 20, drainTimeoutS: 600 };

export interface FlashSaleRun {
  database: "sqlite" | "postgresql";
  replicas: number;
  orders: number;
  /** Webhooks sent: every order twice. */
  requests: number;
  concurrency: number;
  /** Orders stored and attributed a second, first request to the last order attributed. */
  webhook_orders_per_s: number;
  /** Time to each acknowledgement (ms), both copies of every webhook. */
  ack: Percentiles;
  webhook_ack_p99_ms: number;
  /** Answers other than 200 (the shop would retry them). */
  not_200: number;
  /** Requests sent again on a new connection after the bot closed a kept-alive one as it was reused. */
  resent_after_reset: number;
  first_not_200: string | null;
  /** Seconds from the first request to the last answer, and to the last order attributed. */
  send_s: number;
  attributed_s: number;
  webhook_orders_lost: number;
  webhook_orders_twice: number;
  /** CPU time of the bot processes (all replicas) from the first request to the last order attributed, a order: what a busy machine moves least. */
  cpu_ms_per_order: number | null;
  /** Orders attributed otherwise than sent (a code order counted as a store sale…). */
  misattributed: number;
  sent: { code: number; link: number; store: number };
  load_at_start: number;
}

type Kind = "code" | "link" | "store";
const CALLER: Caller = { platform: "local", workspaceId: "flash-sale", workspaceName: "Flash sale", userId: "admin", userName: "admin", channelId: "local" };
const SECRET = "shpss_flash_sale_bench_secret";
const DOMAIN = "flash-sale.myshopify.com";
const CAMPAIGN = "Flash Sale";

interface Setup {
  token: string;
  codes: string[];
  /** Each creator's link, as `/path?utm_…` (Shopify's landing_site). */
  landings: string[];
}

/** The workspace as people would set it up: creators with codes and links, a Shopify shop connected. */
async function setUp(databaseUrl: string, creators: number): Promise<Setup> {
  const core = await createCore({ databaseUrl, log: silentLogger() });
  try {
    const run = async (line: string) => {
      const reply = await core.dispatcher.runLine(CALLER, line);
      if (reply.status !== "ok") throw new Error(`flash sale set-up: ${line}: ${renderText(reply)}`);
    };
    await run(`/campaign new "${CAMPAIGN}" currency:USD`);
    for (let i = 1; i <= creators; i++) {
      const handle = `fs${String(i).padStart(3, "0")}`;
      await run(`/creator add ${handle} tiktok 20k`);
      await run(`/campaign enroll "${CAMPAIGN}" ${handle}`);
      await run(`/code add ${handle} "${CAMPAIGN}" discount:15%`);
      await run(`/code link ${handle} "${CAMPAIGN}" https://flash.example/drop`);
    }
    await run(`/shop connect shopify ${DOMAIN} campaigns:"${CAMPAIGN}" secret:${SECRET}`);
    const db = core.db;
    const shop = await db.shop.findFirstOrThrow({ where: { domain: DOMAIN } });
    const codes = await db.code.findMany({ where: { workspaceId: shop.workspaceId, kind: "code" }, orderBy: { id: "asc" } });
    const links = await db.code.findMany({ where: { workspaceId: shop.workspaceId, kind: "link" }, orderBy: { id: "asc" } });
    return {
      token: shop.token,
      codes: codes.map((c) => c.code!),
      landings: links.map((l) => {
        const url = new URL(l.url!);
        return `${url.pathname}${url.search}`;
      }),
    };
  } finally {
    await core.close();
  }
}

interface Webhook {
  body: string;
  hmac: string;
  webhookId: string;
  orderNumber: string;
  kind: Kind;
}

/** The sale's orders, seeded: Shopify's example order with its own id, number, code or landing page. */
function orders(count: number, setup: Setup): Webhook[] {
  const example = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/shop/shopify-order.json"), "utf8")) as Record<string, unknown>;
  const random = seededRandom(20261203);
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const roll = random.next();
    const kind: Kind = roll < 0.4 ? "code" : roll < 0.6 ? "link" : "store";
    const creator = i % setup.codes.length;
    const number = 200_001 + i;
    const order = {
      ...example,
      id: 6_100_000_000_000 + i,
      order_number: number,
      name: `#${number}`,
      created_at: now,
      processed_at: now,
      updated_at: now,
      // Some buyers type the code in lower case; a store sale may carry a code the workspace does not have.
      discount_codes: kind === "code" ? [{ code: i % 3 === 0 ? setup.codes[creator]!.toLowerCase() : setup.codes[creator], amount: "10.00", type: "fixed_amount" }] : kind === "store" && i % 2 === 0 ? example.discount_codes : [],
      landing_site: kind === "link" ? setup.landings[creator] : example.landing_site,
    };
    const body = JSON.stringify(order);
    return { body, hmac: createHmac("sha256", SECRET).update(body, "utf8").digest("base64"), webhookId: randomUUID(), orderNumber: String(number), kind };
  });
}

/**
 * Posts a webhook; a kept-alive connection the bot closed just as it was reused (its idle
 * timeout) is tried once more on a new one, as Node's documentation advises (request.reusedSocket)
 * and as Shopify retries: that is the client's race, not the bot's answer.
 */
async function post(agent: http.Agent, base: URL, webhookPath: string, w: Webhook, resent: { count: number }): Promise<{ status: number; body: string }> {
  try {
    return await postOnce(agent, base, webhookPath, w);
  } catch (error) {
    if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
    resent.count++;
    return postOnce(FRESH, base, webhookPath, w);
  }
}

/** For the retries: a new connection each time. */
const FRESH = new http.Agent({ keepAlive: false });

function postOnce(agent: http.Agent, base: URL, webhookPath: string, w: Webhook): Promise<{ status: number; body: string }> {
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(w.body)),
    "X-Shopify-Topic": "orders/create",
    "X-Shopify-Hmac-Sha256": w.hmac,
    "X-Shopify-Shop-Domain": DOMAIN,
    "X-Shopify-Webhook-Id": w.webhookId,
    "X-Shopify-API-Version": "2024-04",
  };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path: webhookPath, method: "POST", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").trim() }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
    req.on("error", (error: Error & { code?: string }) => reject(Object.assign(error, { reusedSocket: req.reusedSocket && error.code === "ECONNRESET" })));
    req.end(w.body);
  });
}

/** Every webhook, then its retry some 30 webhooks later (often while the first is in flight). */
function schedule(count: number): Array<{ order: number; copy: 0 | 1 }> {
  const out: Array<{ order: number; copy: 0 | 1 }> = [];
  const lag = 30;
  for (let i = 0; i < count + lag; i++) {
    if (i < count) out.push({ order: i, copy: 0 });
    if (i >= lag) out.push({ order: i - lag, copy: 1 });
  }
  return out;
}

/** A PostgreSQL URL with a schema of its own, for this run. */
export function flashSaleSchemaUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set("schema", `bench_flash_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`);
  return url.toString();
}

export async function measureFlashSale(options: {
  databaseUrl: string;
  replicas: number;
  dir: string;
  plan: FlashSalePlan;
  progress: (message: string) => void;
  loadAtStart: number;
  /** Node's flags for the bot processes besides those of `npm run serve`: --expose-gc or not, extras (--cpu-prof). */
  nodeArgs?: string[];
}): Promise<FlashSaleRun> {
  const { databaseUrl, replicas, dir, plan, progress } = options;
  const database = providerOf(databaseUrl) === "postgresql" ? "postgresql" : "sqlite";
  progress(`flash sale on ${database}, ${replicas} replica(s): setting up ${plan.creators} creators and a Shopify shop`);
  const setup = await setUp(databaseUrl, plan.creators);
  const webhooks = orders(plan.orders, setup);
  const sent = { code: 0, link: 0, store: 0 };
  for (const w of webhooks) sent[w.kind]++;

  const bots: Child[] = [];
  const bases: URL[] = [];
  const db: Database = await openDatabase(databaseUrl, { migrate: false, poolSize: 2 });
  try {
    for (let r = 0; r < replicas; r++) {
      const port = await freePort();
      const env = { DATABASE_URL: databaseUrl, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info", OUT_DIR: path.join(dir, `out-${r}`) };
      const child = startNode("src/serve.ts", [], env, path.join(dir, `flash-sale-${database}-${r}.log`), { nodeArgs: withScriptFlags("serve", options.nodeArgs ?? []) });
      bots.push(child);
      await waitForLog(child, /"msg":"serving the shop webhooks"/, 120_000);
      bases.push(new URL(`http://127.0.0.1:${port}`));
    }
    const webhookPath = `/shop/shopify/${setup.token}`;
    const agents = bases.map(() => new http.Agent({ keepAlive: true, maxSockets: plan.concurrency }));
    const queue = schedule(webhooks.length);
    const latencies: number[] = [];
    let notOk = 0;
    let firstNotOk: string | null = null;
    const resent = { count: 0 };
    let next = 0;
    progress(`sending ${queue.length} webhooks (${plan.orders} orders, each twice) at concurrency ${plan.concurrency}`);
    const cpuBefore = bots.map((b) => cpuMsOf(b.pid));
    const started = performance.now();
    const worker = async () => {
      while (next < queue.length) {
        const { order, copy } = queue[next++]!;
        // Round robin, and the retry to the other replica.
        const target = (order + copy) % bases.length;
        const t0 = performance.now();
        try {
          const answer = await post(agents[target]!, bases[target]!, webhookPath, webhooks[order]!, resent);
          latencies.push(performance.now() - t0);
          if (answer.status !== 200) {
            notOk++;
            firstNotOk ??= `${answer.status} ${answer.body.slice(0, 200)}`;
          }
        } catch (error) {
          notOk++;
          firstNotOk ??= (error as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    const sentMs = performance.now() - started;
    for (const agent of agents) agent.destroy();
    progress(`answered in ${round(sentMs / 1000)} s (${notOk} not 200); waiting for the worker to attribute every order`);

    const shop = await db.shop.findFirstOrThrow({ where: { token: setup.token } });
    let attributedMs: number | null = null;
    const deadline = Date.now() + plan.drainTimeoutS * 1000;
    for (;;) {
      const [stored, waiting] = await Promise.all([db.shopOrder.count({ where: { shopId: shop.id } }), db.shopWebhook.count({ where: { shopId: shop.id, state: "received" } })]);
      if (stored >= plan.orders && attributedMs === null) attributedMs = performance.now() - started;
      if (waiting === 0 && attributedMs !== null) break;
      if (Date.now() > deadline) {
        progress(`the worker had not drained after ${plan.drainTimeoutS} s: ${stored} orders, ${waiting} webhooks waiting`);
        break;
      }
      await sleep(100);
    }
    const cpuAfter = bots.map((b) => cpuMsOf(b.pid));
    const cpu = cpuAfter.reduce<number | null>((sum, after, i) => (sum === null || after === null || cpuBefore[i] === null ? null : sum + after - cpuBefore[i]!), 0);
    // Let the replicas finish anything in flight before counting.
    await sleep(1000);
    const check = await checkOrders(db, shop.id, shop.workspaceId, webhooks);
    const elapsed = attributedMs ?? performance.now() - started;
    const ack = percentiles(latencies);
    return {
      database,
      replicas,
      orders: plan.orders,
      requests: queue.length,
      concurrency: plan.concurrency,
      webhook_orders_per_s: attributedMs === null ? 0 : round(plan.orders / (attributedMs / 1000)),
      ack,
      webhook_ack_p99_ms: ack.p99,
      not_200: notOk,
      resent_after_reset: resent.count,
      first_not_200: firstNotOk,
      send_s: round(sentMs / 1000),
      attributed_s: round(elapsed / 1000),
      cpu_ms_per_order: cpu === null ? null : round(cpu / plan.orders),
      ...check,
      sent,
      load_at_start: options.loadAtStart,
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await db.$disconnect();
  }
}

/** Against the database: every order once, attributed as sent; the code and link orders once each in Redemption. */
async function checkOrders(db: Database, shopId: number, workspaceId: number, webhooks: Webhook[]) {
  const stored = await db.shopOrder.findMany({ where: { shopId }, select: { orderId: true, attribution: true } });
  const byNumber = new Map(stored.map((o) => [o.orderId, o.attribution]));
  const redemptions = await db.redemption.findMany({ where: { workspaceId, orderId: { not: null } }, select: { orderId: true } });
  const redeemed = new Map<string, number>();
  for (const r of redemptions) redeemed.set(r.orderId!, (redeemed.get(r.orderId!) ?? 0) + 1);
  const sales = await db.shopSalesDay.aggregate({ where: { workspaceId }, _sum: { orders: true } });
  let lost = 0;
  let twice = 0;
  let misattributed = 0;
  for (const w of webhooks) {
    const attribution = byNumber.get(w.orderNumber);
    if (attribution === undefined) {
      lost++;
      continue;
    }
    if (attribution !== w.kind) misattributed++;
    if (w.kind !== "store") {
      const n = redeemed.get(w.orderNumber) ?? 0;
      if (n === 0) lost++;
      if (n > 1) twice += n - 1;
    }
  }
  // The shop's total sales count every order once.
  const counted = Number(sales._sum.orders ?? 0);
  if (counted > webhooks.length) twice += counted - webhooks.length;
  return { webhook_orders_lost: lost, webhook_orders_twice: twice, misattributed };
}

/** The headline figures: the SQLite run's speed; orders lost or counted twice in any run. */
export function flashSaleFigures(runs: { sqlite: FlashSaleRun | null; postgresql: FlashSaleRun | null }) {
  const done = [runs.sqlite, runs.postgresql].filter((r): r is FlashSaleRun => r !== null);
  const sum = (pick: (r: FlashSaleRun) => number) => (done.length === 0 ? null : done.reduce((n, r) => n + pick(r), 0));
  return {
    webhook_orders_per_s: runs.sqlite?.webhook_orders_per_s ?? null,
    webhook_ack_p99_ms: runs.sqlite?.webhook_ack_p99_ms ?? null,
    webhook_orders_lost: sum((r) => r.webhook_orders_lost),
    webhook_orders_twice: sum((r) => r.webhook_orders_twice),
  };
}

/** Drops the schema flashSaleSchemaUrl made (only one of its names). */
export async function dropFlashSaleSchema(url: string): Promise<void> {
  const schema = new URL(url).searchParams.get("schema");
  if (!schema?.startsWith("bench_flash_")) throw new Error(`refusing to drop a schema the bench did not make: ${schema}`);
  const server = new URL(url);
  server.searchParams.delete("schema");
  const db = await openDatabase(server.toString(), { migrate: false, poolSize: 1 });
  try {
    await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await db.$disconnect();
  }
}
