// Slack's requests in the foreground (src/core/foreground.ts): from the moment one arrives until
// its answer is written, or until the command's listener runs its work before acknowledging (the
// work itself must not wait for its own request).

import type { IncomingMessage, ServerResponse } from "node:http";
import { foreground } from "../../core/foreground.ts";

/** The name under which a listener's context carries the function that ends its request's foreground time. */
export const FOREGROUND_DONE = "foregroundDone";

const open = new WeakMap<IncomingMessage, () => void>();

export function openForeground(req: IncomingMessage, res: ServerResponse): void {
  const done = foreground.begin();
  open.set(req, done);
  res.once("finish", done);
  res.once("close", done);
}

/** The function that ends `req`'s foreground time (nothing to end for a request not counted). */
export const foregroundOf = (req: IncomingMessage): (() => void) => open.get(req) ?? (() => undefined);
