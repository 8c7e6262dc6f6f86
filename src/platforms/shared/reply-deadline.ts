// Reply or acknowledge first: Slack and Discord wait 3 seconds for a command's first answer, so
// work still running near then is acknowledged first ("thinking…") and answered when done.

/** How long a command's work may run before its acknowledgement goes first. */
export const REPLY_DEADLINE_MS = 2_000;

export type Settled<T> = { settled: true; value: T } | { settled: false };

/** Waits for `work` at most `ms`: its value, or that it is still running. A rejection of `work` meanwhile is thrown. */
export async function settlesWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ settled: false }>((resolve) => (timer = setTimeout(() => resolve({ settled: false }), ms)));
  try {
    return await Promise.race([work.then((value) => ({ settled: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
