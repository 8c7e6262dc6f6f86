// The shop webhooks as a process serves them: the HTTP route that stores them and the worker
// that attributes them (picking up what a previous run left).

import type { Database } from "../db/client.ts";
import type { HttpRoute } from "../platforms/shared/http-server.ts";
import type { Logger } from "../log.ts";
import { shopWebhookRoute } from "./webhook-http.ts";
import { startShopWorker, type ShopWorker } from "./worker.ts";

export interface ShopService {
  routes: HttpRoute[];
  worker: ShopWorker;
}

export function startShopService(options: { db: Database; log: Logger; now?: () => Date }): ShopService {
  const log = options.log.child({ part: "shop" });
  const worker = startShopWorker({ db: options.db, log, now: options.now });
  return { routes: [shopWebhookRoute({ db: options.db, log, stored: (count) => worker.kick(count) })], worker };
}

/** Whether any workspace has a shop connected (the shell serves webhooks only then). */
export async function anyShopConnected(db: Database): Promise<boolean> {
  return (await db.shop.count()) > 0;
}
