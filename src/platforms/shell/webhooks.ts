// The shop webhooks beside the shell (`npm start` without chat tokens): served on HOST:PORT
// from the moment a shop is connected, with their worker, until the shell ends.

import type { Config } from "../../config.ts";
import type { Core } from "../../core/core.ts";
import type { Logger } from "../../log.ts";
import { startShopService, type ShopService } from "../../shop/service.ts";
import { ShopWebhookServer } from "../../shop/webhook-server.ts";

export class ShellWebhooks {
  private readonly service: ShopService;
  private readonly server: ShopWebhookServer;

  constructor(core: Core, config: Config, log: Logger) {
    this.service = startShopService({ db: core.db, log });
    this.server = new ShopWebhookServer({
      db: core.db,
      routes: this.service.routes,
      host: config.HOST,
      port: config.PORT,
      log,
      listening: (url) => process.stderr.write(`Serving the shop webhooks on ${url}/shop/… beside the shell.\n`),
    });
  }

  /** After each line: a shop connected from the shell is served at once. */
  async startIfShops(): Promise<void> {
    await this.server.startIfShops().catch((error: unknown) => process.stderr.write(`${(error as Error).message}\n`));
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.service.worker.stop();
  }
}
