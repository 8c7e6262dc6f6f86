// Slack's requests in the foreground (src/core/foreground.ts): from the moment one arrives until
// its answer is written, or until the command's listener runs its work before acknowledging (the
// work itself must not wait for its own request). A new connection counts from the moment it is
// accepted until its first request arrives: a burst of commands from Slack opens connections
// first, and work that ran between their accepting and their reading delayed every one of them.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { foreground } from "../../core/foreground.ts";

/** The name under which a listener's context carries the function that ends its request's foreground time. */
export const FOREGROUND_DONE = "foregroundDone";

const open = new WeakMap<IncomingMessage, () => void>();

const connecting = new WeakMap<Socket, () => void>();

/** How long a new connection without a request counts (an idle or preconnected socket must not hold work back). */
export const CONNECTION_FOREGROUND_MS = 500;

/** A new connection is in the foreground until its first request arrives, it closes, or CONNECTION_FOREGROUND_MS pass. */
export function openConnectionForeground(socket: Socket): void {
  const close = foreground.begin();
  const timer = setTimeout(() => done(), CONNECTION_FOREGROUND_MS);
  timer.unref();
  const done = () => {
    clearTimeout(timer);
    connecting.delete(socket);
    close();
  };
  connecting.set(socket, done);
  socket.once("close", done);
}

export function openForeground(req: IncomingMessage, res: ServerResponse): void {
  const done = foreground.begin();
  // Opened before the connection's own piece closes, so the foreground does not empty between them.
  connecting.get(req.socket)?.();
  open.set(req, done);
  res.once("finish", done);
  res.once("close", done);
}

/** The function that ends `req`'s foreground time (nothing to end for a request not counted). */
export const foregroundOf = (req: IncomingMessage): (() => void) => open.get(req) ?? (() => undefined);
