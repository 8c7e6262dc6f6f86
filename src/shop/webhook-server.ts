// The bot's own HTTP server for the shop webhooks, when no chat platform serves HTTP on
// HOST:PORT (Slack in Socket Mode, Discord only, the shell): it listens only once a shop is
// connected, so a bot without shops takes no port, looking again every half minute, so a shop
// connected meanwhile needs no restart.

import type { Server } from "node:http";
import type { Database } from "../db/client.ts";
import type { Logger } from "../log.ts";
import { startHttpServer, type HttpRoute } from "../platforms/shared/http-server.ts";
import { anyShopConnected } from "./service.ts";

export const WATCH_MS = 30_000;

export class ShopWebhookServer {
  private server: Server | null = null;
  private baseUrl: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly options: { db: Database; routes: readonly HttpRoute[]; host: string; port: number; log: Logger; listening?: (url: string) => void },
  ) {}

  /** http://host:port once it listens. */
  get url(): string | null {
    return this.baseUrl;
  }

  /** Listens if a shop is connected and it does not yet; a port in use is an error naming it. */
  startIfShops(): Promise<void> {
    this.starting ??= this.start().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const { db, routes, host, port, log } = this.options;
    if (this.server || !(await anyShopConnected(db))) return;
    try {
      const running = await startHttpServer({ host, port, routes, log });
      this.server = running.server;
      this.baseUrl = running.baseUrl;
    } catch (error) {
      throw new Error(`The shop webhooks could not listen on ${host}:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): set PORT to a free port.`);
    }
    log.info({ url: this.baseUrl }, "serving the shop webhooks");
    this.options.listening?.(this.baseUrl);
  }

  /** Looks for a first shop every `ms` until the server listens. */
  watch(ms = WATCH_MS): void {
    this.timer = setInterval(() => {
      if (this.server) {
        clearInterval(this.timer!);
        return;
      }
      this.startIfShops().catch((error: unknown) => this.options.log.error({ err: error }, "shop webhooks not served"));
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.starting?.catch(() => undefined);
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5000).unref();
    });
  }
}
