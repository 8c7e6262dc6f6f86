// Takes shop webhooks in together: the webhooks that arrive while one group is being written
// form the next group, whose shops are looked up in one query, and whose verified webhooks are
// inserted in one (a group commit), each answered once its row is durably stored. During a flash
// sale this turns fifty webhooks' two queries and commit each into two raw statements and one
// commit (docs/performance.md, the flash sale). A webhook already stored (Shopify's retry has the same
// webhook id) is answered "already received", also when its copy is in the same group or
// another replica stored it a moment before.

import type { Database } from "../db/client.ts";
import { insertNewWebhooks, shopsByToken, webhookKey, type NewWebhookRow, type ShopForIntake } from "../db/shop-webhooks.ts";

export type NewWebhook = NewWebhookRow;

export type Stored = "stored" | "already received";

/** What to do with a webhook once its shop (by the address's token) is known: answer it now, or store the row. */
export type Decision = { answer: Answer } | { store: NewWebhook };
export interface Answer {
  status: number;
  text: string;
}

export interface Arrival {
  token: string;
  decide(shop: ShopForIntake | null): Decision;
}

interface Waiting {
  arrival: Arrival;
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

/** At most this many webhooks in one insert. */
const GROUP = 500;

export class WebhookIntake {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly db: Database,
    /** Told after each group is stored (how many webhooks are new), so the worker picks them up. */
    private readonly stored: (count: number) => void,
  ) {}

  /** The answer to a webhook: once it is stored (or was already), or refused; rejects if the database failed. */
  take(arrival: Arrival): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ arrival, resolve, reject });
      if (!this.writing) void this.writeGroups();
    });
  }

  private async writeGroups(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, GROUP);
        try {
          const tokens = [...new Set(group.map((w) => w.arrival.token))];
          const shops = new Map((await shopsByToken(this.db, tokens)).map((shop) => [shop.token, shop]));
          const decisions = group.map((w) => w.arrival.decide(shops.get(w.arrival.token) ?? null));
          const rows = decisions.flatMap((d) => ("store" in d ? [d.store] : []));
          const results = rows.length > 0 ? await this.write(rows) : [];
          let next = 0;
          decisions.forEach((d, i) => {
            if ("answer" in d) return group[i]!.resolve(d.answer);
            const stored = results[next++]!;
            group[i]!.resolve({ status: 200, text: stored === "stored" ? "ok" : "already received" });
          });
          if (rows.length > 0) this.stored(results.filter((r) => r === "stored").length);
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * What became of each row, in order: one statement inserts the group's new webhooks and says
   * which it stored; a copy earlier in the group, or one already stored (also by another
   * replica a moment before), is "already received".
   */
  private async write(rows: NewWebhook[]): Promise<Stored[]> {
    const first = new Map<string, NewWebhook>();
    for (const row of rows) if (!first.has(webhookKey(row))) first.set(webhookKey(row), row);
    const inserted = await insertNewWebhooks(this.db, [...first.values()], new Date());
    return rows.map((row) => (first.get(webhookKey(row)) === row && inserted.has(webhookKey(row)) ? "stored" : "already received"));
  }
}
