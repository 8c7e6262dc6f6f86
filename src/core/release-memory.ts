// Gives back the memory a big job leaves behind, soon after it. A digest of a large campaign
// reads its whole roster and draws three charts: at 10,000 creators some 110 MB of garbage,
// which V8 keeps resident until its memory reducer decides the process is quiet (measured: 20 s
// after the digest in most runs, still not 40 s after in one). A full collection a moment after
// the last big job, once no request waits for its acknowledgement, returns those pages at once
// (the collection itself takes a few milliseconds when the heap is mostly garbage).

import v8 from "node:v8";
import vm from "node:vm";
import { foreground } from "./foreground.ts";

/** How long after the last big job the collection runs (big jobs in a row share one). */
export const RELEASE_DELAY_MS = 2000;

let timer: NodeJS.Timeout | undefined;
let collect: (() => void) | undefined;

/** V8's `gc`, obtained as Jest's leak detector does, so the bot needs no --expose-gc on its command line. */
function fullCollection(): () => void {
  if (!collect) {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  }
  return collect;
}

/** Runs a full garbage collection `delayMs` after the last call; the timer never keeps the process alive. */
export function releaseMemorySoon(delayMs = RELEASE_DELAY_MS): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void foreground.backgroundTurn().then(() => fullCollection()());
  }, delayMs);
  timer.unref();
}
